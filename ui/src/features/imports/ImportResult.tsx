import { ArrowRight, CircleCheck, Download, Undo2 } from "lucide-react";
import type { ImportEntity, ImportSummary, ImportUndone } from "../../bindings";
import { useNavigate } from "../../navigation";
import { count, duration } from "./format";
import { CountChips } from "./PreviewPanel";
import { useSaveRejects } from "./queries";
import { entityNames, plural } from "./targets";

const SHOWN_ERRORS = 10;

/** What the import did, with the ways onward: the records, the rejected rows, undo. */
export function ImportResult({
	summary,
	entity,
	undone,
	onUndo,
	onAnother,
	onClose,
}: {
	summary: ImportSummary;
	entity: ImportEntity;
	undone: ImportUndone | null;
	onUndo: () => void;
	onAnother: () => void;
	onClose: () => void;
}) {
	const navigate = useNavigate();
	const saveRejects = useSaveRejects();
	const names = entityNames[entity];
	const view = entity === "contacts" ? "contacts" : entity === "companies" ? "companies" : "deals";
	return (
		<div className="import-result" data-testid="import-result">
			<h2>
				<CircleCheck size={18} aria-hidden="true" className="import-done-icon" />
				{undone ? `The import of ${summary.file_name} was undone` : `Imported ${summary.file_name}`}
			</h2>
			<p className="hint">
				{plural(summary.rows_in, "row")} read in {duration(summary.duration_ms)}.
				{undone &&
					` Removed ${plural(undone.removed, "record")} and restored ${plural(undone.restored, "record")}.`}
			</p>
			<CountChips counts={summary} verb="did" />
			{summary.errors.length > 0 && (
				<div>
					<h3 className="import-subhead">Rejected rows</h3>
					<ul className="import-problems">
						{summary.errors.slice(0, SHOWN_ERRORS).map((e) => (
							<li key={e.row}>
								<span className="import-problem-row">Row {e.row}</span>
								<span>{e.reason}</span>
							</li>
						))}
					</ul>
					{summary.rejected > SHOWN_ERRORS && (
						<p className="hint">
							…and {count(summary.rejected - SHOWN_ERRORS)} more in the download.
						</p>
					)}
				</div>
			)}
			<div className="form-actions import-result-actions">
				{!undone && (
					<button
						type="button"
						className="button button-primary"
						data-testid="import-see-records"
						onClick={() => navigate(view)}
					>
						See the {names.many}
						<ArrowRight size={14} aria-hidden="true" />
					</button>
				)}
				{summary.rejected > 0 && (
					<button
						type="button"
						className="button"
						data-testid="import-result-download-rejects"
						disabled={saveRejects.isPending}
						onClick={() =>
							saveRejects.mutate({ id: summary.import_id, fileName: summary.file_name })
						}
					>
						<Download size={14} aria-hidden="true" />
						Download rejected rows
					</button>
				)}
				{!undone && (
					<button
						type="button"
						className="button button-danger-ghost"
						data-testid="import-result-undo"
						onClick={onUndo}
					>
						<Undo2 size={14} aria-hidden="true" />
						Undo this import
					</button>
				)}
				<span className="spacer" />
				<button type="button" className="button" data-testid="import-another" onClick={onAnother}>
					Import another file
				</button>
				<button type="button" className="button" data-testid="import-done" onClick={onClose}>
					Done
				</button>
			</div>
		</div>
	);
}
