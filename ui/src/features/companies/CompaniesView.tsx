import { CopyCheck, Plus } from "lucide-react";
import { useEffect, useState } from "react";
import { useNavigate, useNavTarget } from "../../navigation";
import { openDuplicates } from "../duplicates/openDuplicates";
import { EntityList } from "../lists/EntityList";
import { CompanyPanel } from "./CompanyPanel";
import { companiesTable } from "./companiesTable";

export function CompaniesView() {
	const target = useNavTarget();
	const highlightId = typeof target?.id === "number" ? target.id : null;
	// The open company's panel (null id: a new company).
	const [open, setOpen] = useState<{ id: number | null } | null>(null);
	const navigate = useNavigate();
	// Sent here to open a company (the palette, a deal's company link, `#companies/12`).
	useEffect(() => {
		if (target) setOpen({ id: target.id === "new" ? null : target.id });
	}, [target]);
	const closePanel = () => {
		setOpen(null);
		// Drop the id from the URL, so a reload does not open the panel again.
		if (target) navigate("companies");
	};

	return (
		<>
			<EntityList
				config={companiesTable}
				onOpen={(id) => setOpen({ id })}
				highlightId={highlightId}
				actions={
					<>
						<button
							type="button"
							className="button"
							data-testid="find-duplicates"
							onClick={() => openDuplicates(navigate, "company")}
						>
							<CopyCheck size={14} aria-hidden="true" />
							Find duplicates
						</button>
						<button
							type="button"
							className="button button-primary"
							data-testid="new-company"
							onClick={() => setOpen({ id: null })}
						>
							<Plus size={14} aria-hidden="true" />
							New company
						</button>
					</>
				}
			/>
			{open && <CompanyPanel key={open.id ?? "new"} companyId={open.id} onClose={closePanel} />}
		</>
	);
}
