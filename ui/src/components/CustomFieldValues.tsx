import type { CustomField, Value } from "../bindings";
import { displayCustomValue, storedValue } from "./customValues";

/** A record's custom values as label/value rows, for detail panels; unanswered fields show a dash. */
export function CustomFieldValues({ fields, values }: { fields: CustomField[]; values: Value }) {
	if (fields.length === 0) return null;
	return (
		<dl className="facts" data-testid="custom-values">
			{fields.map((f) => {
				const shown = displayCustomValue(f, storedValue(values, f.key));
				return (
					<div key={f.id} className="facts-row" data-testid={`custom-value-${f.key}`}>
						<dt>{f.label}</dt>
						<dd className={shown === null ? "cell-muted" : undefined}>{shown ?? "—"}</dd>
					</div>
				);
			})}
		</dl>
	);
}
