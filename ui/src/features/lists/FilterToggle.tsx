import { Filter } from "lucide-react";

/** Opens and closes a list's filter builder; shows how many rules the filter holds. */
export function FilterToggle({
	rules,
	open,
	onToggle,
}: {
	rules: number;
	open: boolean;
	onToggle: () => void;
}) {
	return (
		<button
			type="button"
			className={rules > 0 ? "button button-small button-active" : "button button-small"}
			data-testid="filter-button"
			aria-expanded={open}
			onClick={onToggle}
		>
			<Filter size={13} aria-hidden="true" /> Filter
			{rules > 0 && <span className="count">{rules}</span>}
		</button>
	);
}
