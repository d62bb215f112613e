import { X } from "lucide-react";
import type { JobProgress } from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { count, eta } from "./format";

/** The import at work: rows done of the file's total, speed, time left, and a way to stop it. */
export function ImportRunning({
	fileName,
	total,
	progress,
	cancelling,
	onCancel,
}: {
	fileName: string;
	/** Rows in the file, from the preview. */
	total: number;
	progress: JobProgress | null;
	cancelling: boolean;
	onCancel: () => void;
}) {
	const done = Math.min(progress?.done ?? 0, total);
	const percent = total > 0 ? Math.round((done / total) * 100) : 0;
	const left = eta(done, total, progress?.rate ?? null);
	return (
		<div className="import-running" data-testid="import-running">
			<h2>
				<Spinner size={16} label="Importing" /> Importing {fileName}
			</h2>
			<div
				className="import-progress"
				role="progressbar"
				aria-label="Import progress"
				aria-valuemin={0}
				aria-valuemax={total}
				aria-valuenow={done}
				data-testid="import-progress"
			>
				<div className="import-progress-bar" style={{ width: `${percent}%` }} />
			</div>
			<p className="import-progress-text" data-testid="import-progress-text">
				{count(done)} of {count(total)} rows ({percent}%)
				{progress?.rate ? ` · ${count(Math.round(progress.rate))} rows/s` : ""}
				{left ? ` · ${left}` : ""}
			</p>
			<p className="hint">
				Nothing is saved until every row is in: cancel now and Outpost stays exactly as it was.
			</p>
			<div className="form-actions">
				<button
					type="button"
					className="button"
					data-testid="import-cancel"
					disabled={cancelling}
					onClick={onCancel}
				>
					{cancelling ? (
						<Spinner size={14} label="Cancelling" />
					) : (
						<X size={14} aria-hidden="true" />
					)}
					{cancelling ? "Cancelling…" : "Cancel import"}
				</button>
			</div>
		</div>
	);
}
