import { Braces } from "lucide-react";
import { useId, useMemo, useState } from "react";
import type { MergeField, MergeScope } from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { errorMessage } from "../../ipc/unwrap";
import { useMergeFields } from "./queries";

const scopeLabel: Record<MergeScope, string> = {
	contact: "Contact",
	company: "Company",
	deal: "Deal",
};

/**
 * The merge fields, grouped by record, filterable: choosing one inserts its snippet where the caret was
 * in the subject or body last focused. A fallback can be added by hand: `| default("there")`.
 */
export function MergeFieldPicker({ onInsert }: { onInsert: (field: MergeField) => void }) {
	const fields = useMergeFields();
	const [filter, setFilter] = useState("");
	const filterId = useId();
	const shown = useMemo(() => {
		const q = filter.trim().toLowerCase();
		return (fields.data ?? []).filter(
			(f) => !q || f.key.toLowerCase().includes(q) || f.label.toLowerCase().includes(q),
		);
	}, [fields.data, filter]);

	return (
		<aside className="merge-picker" aria-label="Merge fields" data-testid="merge-picker">
			<div className="merge-picker-head">
				<Braces size={14} aria-hidden="true" />
				<label htmlFor={filterId}>Merge fields</label>
			</div>
			<input
				id={filterId}
				type="search"
				className="merge-picker-filter"
				placeholder="Filter fields"
				value={filter}
				onChange={(e) => setFilter(e.target.value)}
			/>
			{fields.isPending ? (
				<Spinner label="Loading merge fields" />
			) : fields.isError ? (
				<p className="field-error">{errorMessage(fields.error)}</p>
			) : (
				(["contact", "company", "deal"] as const).map((scope) => {
					const group = shown.filter((f) => f.scope === scope);
					if (group.length === 0) return null;
					return (
						<div key={scope} className="merge-picker-group">
							<h3>{scopeLabel[scope]}</h3>
							<ul>
								{group.map((f) => (
									<li key={f.key}>
										<button
											type="button"
											className="merge-picker-item"
											title={`Insert ${f.snippet}`}
											data-testid="merge-field"
											data-key={f.key}
											// Keep the caret where it was in the subject or body.
											onMouseDown={(e) => e.preventDefault()}
											onClick={() => onInsert(f)}
										>
											<span>{f.label}</span>
											{f.custom && <span className="merge-picker-custom">custom</span>}
										</button>
									</li>
								))}
							</ul>
						</div>
					);
				})
			)}
			<p className="hint">
				Add a fallback for empty values:{" "}
				<code>{'{{ contact.first_name | default("there") }}'}</code>
			</p>
		</aside>
	);
}
