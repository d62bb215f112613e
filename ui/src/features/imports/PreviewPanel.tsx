import { TriangleAlert } from "lucide-react";
import type {
	CustomField,
	ImportCounts,
	ImportEntity,
	ImportPreview,
	RowAction,
} from "../../bindings";
import { count } from "./format";
import { targetLabel } from "./targets";

const actionLabels: Record<RowAction, string> = {
	create: "New",
	update: "Update",
	merge: "Merge",
	skip: "Skip",
	reject: "Reject",
};

/** The five outcomes, as chips: what the whole file would do (or did). */
export function CountChips({ counts, verb }: { counts: ImportCounts; verb: "will" | "did" }) {
	const chips: [keyof ImportCounts, string, string][] = [
		["created", verb === "will" ? "will be created" : "created", "create"],
		["updated", verb === "will" ? "will update existing" : "updated", "update"],
		[
			"merged",
			verb === "will" ? "will merge into earlier rows" : "merged into earlier rows",
			"merge",
		],
		["skipped", verb === "will" ? "will be skipped" : "skipped", "skip"],
		["rejected", verb === "will" ? "will be rejected" : "rejected", "reject"],
	];
	return (
		<ul className="import-chips" aria-label="Outcome">
			{chips.map(([key, label, action]) => (
				<li
					key={key}
					className={`import-chip import-chip-${action}${counts[key] === 0 ? " import-chip-zero" : ""}`}
					data-testid={`import-count-${key}`}
				>
					<strong>{count(counts[key])}</strong> {label}
				</li>
			))}
		</ul>
	);
}

export function ActionBadge({ action }: { action: RowAction }) {
	return (
		<span className={`badge import-action import-action-${action}`} data-testid="import-row-action">
			{actionLabels[action]}
		</span>
	);
}

/** The dry run: outcome counts, the first rows as they will be stored, and what is wrong with the rest. */
export function PreviewPanel({
	preview,
	entity,
	customFields,
}: {
	preview: ImportPreview;
	entity: ImportEntity;
	customFields: CustomField[];
}) {
	// The stored fields the first rows use, in the order the mapping picker lists them.
	const used = new Set(preview.rows.flatMap((r) => r.values.map(([target]) => target)));
	const columns = preview.targets.filter((t) => used.has(t));
	const extra = [...used].filter((t) => !columns.includes(t));
	const shown = [...columns, ...extra];
	const hiddenProblems = preview.counts.rejected - preview.problems.length;
	return (
		<div className="import-preview" data-testid="import-preview">
			<CountChips counts={preview.counts} verb="will" />
			{preview.unknown_stages.length > 0 && (
				<p className="import-warning" role="alert" data-testid="import-unknown-stages">
					<TriangleAlert size={15} aria-hidden="true" />
					<span>
						{preview.unknown_stages.length === 1 ? "This stage is" : "These stages are"} not in your
						pipeline: <strong>{preview.unknown_stages.join(", ")}</strong>. Rows with{" "}
						{preview.unknown_stages.length === 1 ? "it" : "them"} are rejected; rename the stage in
						the file or add it in Settings → Pipelines, then open the file again.
					</span>
				</p>
			)}
			<h3 className="import-subhead">
				The first {preview.rows.length === 1 ? "row" : `${preview.rows.length} rows`}, as they will
				be stored
			</h3>
			<div className="import-preview-rows">
				<table className="table">
					<thead>
						<tr>
							<th className="num">Row</th>
							<th>Action</th>
							{shown.map((t) => (
								<th key={t}>{targetLabel(t, entity, customFields)}</th>
							))}
							<th>Problem</th>
						</tr>
					</thead>
					<tbody>
						{preview.rows.map((r) => {
							const values = new Map(r.values);
							return (
								<tr key={r.row} data-testid="import-preview-row" data-action={r.action}>
									<td className="num cell-muted">{r.row}</td>
									<td>
										<ActionBadge action={r.action} />
									</td>
									{shown.map((t) => (
										<td key={t} title={values.get(t)}>
											{values.get(t) ?? ""}
										</td>
									))}
									<td className="import-problem-cell" title={r.problem ?? undefined}>
										{r.problem ?? ""}
									</td>
								</tr>
							);
						})}
					</tbody>
				</table>
			</div>
			{preview.problems.length > 0 && (
				<>
					<h3 className="import-subhead">
						Rows that will be rejected ({count(preview.counts.rejected)})
					</h3>
					<ul className="import-problems" data-testid="import-problems">
						{preview.problems.map((p) => (
							<li key={p.row} data-testid="import-problem">
								<span className="import-problem-row">Row {p.row}</span>
								<span>{p.reason}</span>
							</li>
						))}
					</ul>
					{hiddenProblems > 0 && (
						<p className="hint">
							…and {count(hiddenProblems)} more. After the import, download the rejected rows with
							their reasons to fix them in your spreadsheet.
						</p>
					)}
				</>
			)}
		</div>
	);
}
