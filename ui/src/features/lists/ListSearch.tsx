import { Search } from "lucide-react";
import { Spinner } from "../../components/Spinner";

/** A list's search box ("Search leads"), with a spinner while a new search loads. */
export function ListSearch({
	nouns,
	testId,
	value,
	onChange,
	busy,
}: {
	/** What the list holds, plural: "leads". */
	nouns: string;
	testId: string;
	value: string;
	onChange: (value: string) => void;
	busy: boolean;
}) {
	return (
		<label className="search">
			<Search size={14} aria-hidden="true" />
			<input
				type="search"
				placeholder={`Search ${nouns}`}
				aria-label={`Search ${nouns}`}
				data-testid={testId}
				value={value}
				onChange={(e) => onChange(e.target.value)}
			/>
			{busy && <Spinner size={12} />}
		</label>
	);
}
