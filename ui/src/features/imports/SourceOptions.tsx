import { useId, useState } from "react";
import type { ImportEntity, SheetInfo } from "../../bindings";

const kinds: { entity: ImportEntity; label: string; hint: string }[] = [
	{
		entity: "contacts",
		label: "Contacts",
		hint: "People; their companies are linked or added too.",
	},
	{
		entity: "companies",
		label: "Companies",
		hint: "Organizations, matched by website, then name.",
	},
	{ entity: "deals", label: "Deals", hint: "Opportunities with a stage and a value." },
];

type Props = {
	entity: ImportEntity;
	onEntity: (entity: ImportEntity) => void;
	sheets: SheetInfo[];
	/** The sheet being read (the chosen one, or the first visible one the core picked). */
	sheet: string | null;
	onSheet: (sheet: string) => void;
	headerRow: number | null;
	onHeaderRow: (row: number | null) => void;
	/** Set when the rep's header row does not work. */
	headerError: string | null;
	/** True when the rep picked the header row rather than leaving it to detection. */
	headerChosen: boolean;
};

/** What the rows are, which sheet holds them, and where their header is. */
export function SourceOptions(p: Props) {
	const name = useId();
	const sheetId = useId();
	const headerId = useId();
	// What the rep is typing, so the field can be emptied on the way to another number.
	const [typing, setTyping] = useState<string | null>(null);
	return (
		<div className="import-source">
			<fieldset className="import-kinds">
				<legend>The rows are</legend>
				{kinds.map((k) => (
					<label key={k.entity} className="import-kind" data-testid={`import-entity-${k.entity}`}>
						<input
							type="radio"
							name={name}
							value={k.entity}
							checked={p.entity === k.entity}
							onChange={() => p.onEntity(k.entity)}
						/>
						<span className="import-kind-text">
							<span className="import-kind-label">{k.label}</span>
							<span className="import-kind-hint">{k.hint}</span>
						</span>
					</label>
				))}
			</fieldset>
			<div className="import-source-row">
				{p.sheets.length > 1 && (
					<div className="field">
						<label htmlFor={sheetId}>Sheet</label>
						<select
							id={sheetId}
							data-testid="import-sheet"
							value={p.sheet ?? ""}
							onChange={(e) => p.onSheet(e.target.value)}
						>
							{p.sheets.map((s) => (
								<option key={s.name} value={s.name}>
									{s.hidden ? `${s.name} (hidden)` : s.name}
								</option>
							))}
						</select>
					</div>
				)}
				<div className={p.headerError ? "field field-invalid" : "field"}>
					<label htmlFor={headerId}>Header row</label>
					<div className="import-header-row">
						<input
							id={headerId}
							type="number"
							min={1}
							data-testid="import-header-row"
							value={typing ?? p.headerRow ?? ""}
							placeholder="Auto"
							aria-invalid={!!p.headerError}
							aria-describedby={p.headerError ? `${headerId}-error` : undefined}
							onBlur={() => setTyping(null)}
							onChange={(e) => {
								setTyping(e.target.value);
								const n = Number.parseInt(e.target.value, 10);
								if (Number.isInteger(n) && n >= 1) p.onHeaderRow(n);
							}}
						/>
						{p.headerChosen && (
							<button
								type="button"
								className="link-button"
								onClick={() => {
									setTyping(null);
									p.onHeaderRow(null);
								}}
							>
								Find it for me
							</button>
						)}
					</div>
					{p.headerError && (
						<p
							className="field-error"
							id={`${headerId}-error`}
							data-testid="field-error-header_row"
							role="alert"
						>
							{p.headerError}
						</p>
					)}
				</div>
			</div>
		</div>
	);
}
