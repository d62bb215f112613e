import { Download, Undo2 } from "lucide-react";
import type { ImportJobInfo } from "../../bindings";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { count, duration } from "./format";
import { useSaveRejects } from "./queries";

const kindLabels: Record<ImportJobInfo["entity"], string> = {
	contacts: "Contacts",
	companies: "Companies",
	deals: "Deals",
};

const statusLabels: Record<string, string> = {
	completed: "Imported",
	undone: "Undone",
	failed: "Failed",
	cancelled: "Cancelled",
};

/** Past imports, newest first, with undo and the rejected rows for each. */
export function ImportHistory({
	jobs,
	onUndo,
}: {
	jobs: ImportJobInfo[];
	onUndo: (job: ImportJobInfo) => void;
}) {
	const saveRejects = useSaveRejects();
	return (
		<div className="table-wrap">
			<table className="table import-history" aria-label="Past imports">
				<thead>
					<tr>
						<th>File</th>
						<th>When</th>
						<th>Kind</th>
						<th className="num">Created</th>
						<th className="num">Updated</th>
						<th className="num">Merged</th>
						<th className="num">Skipped</th>
						<th className="num">Rejected</th>
						<th>Status</th>
						<th className="num">Took</th>
						<th>
							<span className="visually-hidden">Actions</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{jobs.map((job) => (
						<tr key={job.id} data-testid="import-row" data-import-id={job.id}>
							<td
								className="cell-primary import-file-name"
								title={job.sheet ? `${job.file_name}, sheet “${job.sheet}”` : job.file_name}
							>
								{job.file_name}
								{job.sheet && <span className="cell-muted import-sheet-name"> · {job.sheet}</span>}
							</td>
							<td className="cell-muted">
								<time dateTime={job.started_at} title={fullTime(job.started_at)}>
									{relativeTime(job.started_at)}
								</time>
							</td>
							<td>{kindLabels[job.entity]}</td>
							<td className="num" data-field="created">
								{count(job.created)}
							</td>
							<td className="num">{count(job.updated)}</td>
							<td className="num">{count(job.merged)}</td>
							<td className="num">{count(job.skipped)}</td>
							<td className="num">{count(job.rejected)}</td>
							<td>
								<span
									className={`badge import-status import-status-${job.status}`}
									data-testid="import-status"
									title={
										job.status === "undone" && job.undone_at
											? `Undone ${fullTime(job.undone_at)}`
											: (job.error ?? undefined)
									}
								>
									{statusLabels[job.status] ?? job.status}
								</span>
							</td>
							<td className="num cell-muted">{duration(job.duration_ms)}</td>
							<td className="import-actions">
								<div className="import-actions-inner">
									{job.rejected > 0 && (job.status === "completed" || job.status === "undone") && (
										<button
											type="button"
											className="button button-small"
											data-testid="import-download-rejects"
											disabled={saveRejects.isPending}
											onClick={() => saveRejects.mutate({ id: job.id, fileName: job.file_name })}
										>
											<Download size={13} aria-hidden="true" />
											Download rejected rows
										</button>
									)}
									{job.status === "completed" && (
										<button
											type="button"
											className="button button-small button-danger-ghost"
											data-testid="import-undo"
											onClick={() => onUndo(job)}
										>
											<Undo2 size={13} aria-hidden="true" />
											Undo import
										</button>
									)}
								</div>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}
