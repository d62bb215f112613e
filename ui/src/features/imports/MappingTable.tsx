import { Bookmark } from "lucide-react";
import type { CustomField, ImportColumn, ImportEntity } from "../../bindings";
import { IGNORE, targetLabel } from "./targets";

type Props = {
	columns: ImportColumn[];
	/** Every target this kind of import can fill (from the preview), "ignore" included. */
	targets: string[];
	entity: ImportEntity;
	customFields: CustomField[];
	/** The rep's choices by "#N" key; other columns keep the suggested target. */
	mapping: Record<string, string>;
	onChange: (column: ImportColumn, target: string) => void;
	error: string | null;
	presetUsed: boolean;
};

/** One row per column of the file: its header, a few values, and the field it fills. */
export function MappingTable(p: Props) {
	const fields = p.targets.filter((t) => t !== IGNORE && !t.startsWith("custom:"));
	const customs = p.targets.filter((t) => t.startsWith("custom:"));
	const label = (t: string) => targetLabel(t, p.entity, p.customFields);
	return (
		<div className="import-mapping">
			{p.presetUsed && (
				<p className="import-preset" data-testid="import-preset">
					<Bookmark size={13} aria-hidden="true" />
					Columns matched the way you mapped this layout last time.
				</p>
			)}
			{p.error && (
				<p className="form-error" role="alert" data-testid="import-mapping-error">
					{p.error}
				</p>
			)}
			<table className="table import-mapping-table">
				<thead>
					<tr>
						<th>Column in the file</th>
						<th>First values</th>
						<th>Goes into</th>
					</tr>
				</thead>
				<tbody>
					{p.columns.map((col) => {
						const value = p.mapping[`#${col.index}`] ?? col.target;
						const header = col.header || `Column ${col.index}`;
						return (
							<tr
								key={col.index}
								data-testid="import-column"
								className={value === IGNORE ? "import-ignored" : undefined}
							>
								<td className="cell-primary" title={header}>
									{header}
								</td>
								<td className="import-samples">
									{col.samples.some((s) => s.trim() !== "") ? (
										col.samples.map((s, i) => (
											// biome-ignore lint/suspicious/noArrayIndexKey: samples are positional and never reorder.
											<span key={i} className="import-sample" title={s}>
												{s.trim() === "" ? "—" : s}
											</span>
										))
									) : (
										<span className="cell-muted">empty</span>
									)}
								</td>
								<td>
									<select
										className="select-inline import-target"
										data-testid={`import-target-${col.index}`}
										aria-label={`Where “${header}” goes`}
										value={value}
										onChange={(e) => p.onChange(col, e.target.value)}
									>
										<option value={IGNORE}>{label(IGNORE)}</option>
										<optgroup label="Fields">
											{fields.map((t) => (
												<option key={t} value={t}>
													{label(t)}
												</option>
											))}
										</optgroup>
										{customs.length > 0 && (
											<optgroup label="Custom fields">
												{customs.map((t) => (
													<option key={t} value={t}>
														{label(t)}
													</option>
												))}
											</optgroup>
										)}
										{!p.targets.includes(value) && <option value={value}>{label(value)}</option>}
									</select>
								</td>
							</tr>
						);
					})}
				</tbody>
			</table>
		</div>
	);
}
