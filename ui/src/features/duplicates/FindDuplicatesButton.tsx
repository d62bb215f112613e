import { CopyCheck } from "lucide-react";
import { useNavigate } from "../../navigation";
import { openDuplicates } from "./openDuplicates";
import type { MergeEntity } from "./queries";

/** Opens the Duplicates view on this list's tab. */
export function FindDuplicatesButton({ entity }: { entity: MergeEntity }) {
	const navigate = useNavigate();
	return (
		<button
			type="button"
			className="button"
			data-testid="find-duplicates"
			onClick={() => openDuplicates(navigate, entity)}
		>
			<CopyCheck size={14} aria-hidden="true" />
			Find duplicates
		</button>
	);
}
