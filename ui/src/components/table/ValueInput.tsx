import type { KeyboardEvent } from "react";
import type { FieldKind, FieldOption, Value } from "../../bindings";

type Props = {
	kind: FieldKind;
	options: FieldOption[];
	value: Value;
	onChange: (value: Value) => void;
	onKeyDown?: (e: KeyboardEvent<HTMLElement>) => void;
	onBlur?: () => void;
	autoFocus?: boolean;
	label: string;
	testId?: string;
	/** Whether the choice lists offer an empty entry (clearing the value). */
	allowEmpty?: boolean;
	invalid?: boolean;
};

/** Money is stored in cents and typed in units. */
export function centsToText(v: Value): string {
	return typeof v === "number" ? String(v / 100) : "";
}

export function textToCents(s: string): Value {
	const t = s.replace(/[\s,]/g, "");
	if (t === "") return null;
	const n = Number(t);
	return Number.isFinite(n) ? Math.round(n * 100) : s;
}

/** An input for one value of a field, by the field's kind: text, number, money, date, a choice, yes/no. */
export function ValueInput({
	kind,
	options,
	value,
	onChange,
	onKeyDown,
	onBlur,
	autoFocus,
	label,
	testId,
	allowEmpty = true,
	invalid,
}: Props) {
	const common = {
		"aria-label": label,
		"aria-invalid": invalid || undefined,
		"data-testid": testId,
		autoFocus,
		onKeyDown,
		onBlur,
		className: "value-input",
	};
	switch (kind) {
		case "choice":
			return (
				<select
					{...common}
					value={typeof value === "string" ? value : value === null ? "" : String(value)}
					onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
				>
					{allowEmpty && <option value="">—</option>}
					{options.map((o) => (
						<option key={o.value} value={o.value}>
							{o.label}
						</option>
					))}
				</select>
			);
		case "bool":
			return (
				<select
					{...common}
					value={value === true ? "yes" : value === false ? "no" : ""}
					onChange={(e) => onChange(e.target.value === "" ? null : e.target.value === "yes")}
				>
					{allowEmpty && <option value="">—</option>}
					<option value="yes">Yes</option>
					<option value="no">No</option>
				</select>
			);
		case "multi_choice": {
			const chosen = Array.isArray(value) ? value.map(String) : [];
			return (
				// biome-ignore lint/a11y/useSemanticElements: a group of checkboxes, named for screen readers.
				<div
					className="value-multi"
					role="group"
					aria-label={label}
					data-testid={testId}
					onKeyDown={onKeyDown}
				>
					{options.map((o, i) => (
						<label key={o.value} className="value-multi-option">
							<input
								type="checkbox"
								// biome-ignore lint/a11y/noAutofocus: the editor opens on the user's request, focused.
								autoFocus={autoFocus && i === 0}
								checked={chosen.includes(o.value)}
								onChange={(e) =>
									onChange(
										e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value),
									)
								}
							/>
							{o.label}
						</label>
					))}
				</div>
			);
		}
		case "number":
			return (
				<input
					{...common}
					type="text"
					inputMode="decimal"
					value={value === null ? "" : String(value)}
					onChange={(e) => {
						const t = e.target.value.trim();
						const n = Number(t);
						onChange(t === "" ? null : Number.isFinite(n) ? n : e.target.value);
					}}
				/>
			);
		case "money":
			return (
				<input
					{...common}
					type="text"
					inputMode="decimal"
					defaultValue={centsToText(value)}
					onChange={(e) => onChange(textToCents(e.target.value))}
				/>
			);
		case "date":
		case "datetime":
			return (
				<input
					{...common}
					type="date"
					value={typeof value === "string" ? value.slice(0, 10) : ""}
					onChange={(e) => onChange(e.target.value === "" ? null : e.target.value)}
				/>
			);
		default:
			return (
				<input
					{...common}
					type="text"
					value={value === null ? "" : String(value)}
					onChange={(e) => onChange(e.target.value)}
				/>
			);
	}
}
