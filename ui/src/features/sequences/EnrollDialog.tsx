import { useState } from "react";
import type { EnrollSource, SkippedContact, SkipReason } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useEnrollPreview, useEnrollViews, useSequenceActions } from "./queries";

type Props = {
	sequenceId: number;
	sequenceName: string;
	/** The contacts selected in a list, when the dialog was opened from one. */
	selection?: number[];
	onClose: () => void;
};

export const skipLabels: Record<SkipReason, string> = {
	not_found: "Not found",
	no_email: "No email address",
	suppressed: "Suppressed",
	bounced: "Bounced before",
	unsubscribed: "Unsubscribed",
	already_enrolled: "Already enrolled",
	missing_merge_fields: "Missing merge fields",
};

/** Enrolls a saved view's contacts or a selection: first a preview of who is in and who is skipped, and why. */
export function EnrollDialog({ sequenceId, sequenceName, selection, onClose }: Props) {
	const toast = useToast();
	const { enroll } = useSequenceActions();
	const views = useEnrollViews();
	const hasSelection = (selection?.length ?? 0) > 0;
	const [mode, setMode] = useState<"selection" | "view">(hasSelection ? "selection" : "view");
	const [viewId, setViewId] = useState<number | null>(null);
	const chosenView = viewId ?? views.data?.[0]?.id ?? null;
	const source: EnrollSource | null =
		mode === "selection" && hasSelection
			? { contacts: selection ?? [] }
			: chosenView !== null
				? { view: chosenView }
				: null;
	const preview = useEnrollPreview(sequenceId, source);

	const confirm = async () => {
		if (!source) return;
		try {
			const r = await enroll.mutateAsync({ id: sequenceId, source });
			toast.show({
				message:
					r.skipped.length > 0
						? `Enrolled ${r.enrolled} in ${sequenceName}; skipped ${r.skipped.length}.`
						: `Enrolled ${r.enrolled} in ${sequenceName}.`,
			});
			onClose();
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
		}
	};

	const count = preview.data?.enrolled ?? 0;
	return (
		<Dialog title={`Enroll in ${sequenceName}`} onClose={onClose} testId="enroll-dialog">
			<div className="enroll-source" role="radiogroup" aria-label="Who to enroll">
				{hasSelection && (
					<label className="seq-inline">
						<input
							type="radio"
							name="enroll-source"
							checked={mode === "selection"}
							onChange={() => setMode("selection")}
						/>
						<span>The {selection?.length} selected contacts</span>
					</label>
				)}
				<label className="seq-inline">
					<input
						type="radio"
						name="enroll-source"
						checked={mode === "view"}
						onChange={() => setMode("view")}
					/>
					<span>Everyone in a saved view</span>
				</label>
				{mode === "view" && (
					<select
						aria-label="Saved view"
						data-testid="enroll-view"
						value={chosenView ?? ""}
						onChange={(e) => setViewId(Number(e.target.value))}
					>
						{(views.data ?? []).length === 0 && (
							<option value="">No saved views — save one in Contacts or Leads</option>
						)}
						{(views.data ?? []).map((v) => (
							<option key={v.id} value={v.id}>
								{v.group}: {v.name}
							</option>
						))}
					</select>
				)}
			</div>
			{source === null ? (
				<p className="hint">
					Save a view of the Contacts or Leads list (a filter), or select contacts there, to enroll
					them here.
				</p>
			) : preview.isPending ? (
				<Spinner label="Checking who can be enrolled" />
			) : preview.isError ? (
				<p className="form-error" role="alert" data-testid="enroll-error">
					{errorMessage(preview.error)}
				</p>
			) : (
				<div data-testid="enroll-preview">
					<p className="lede">
						<strong data-testid="enroll-count">{count}</strong>{" "}
						{count === 1 ? "contact" : "contacts"} will be enrolled
						{preview.data.skipped.length > 0 && (
							<>
								; <strong>{preview.data.skipped.length}</strong> will be skipped
							</>
						)}
						.
					</p>
					{preview.data.skipped.length > 0 && <SkipList skipped={preview.data.skipped} />}
				</div>
			)}
			<div className="form-actions seq-dialog-actions">
				<button type="button" className="button" onClick={onClose}>
					Cancel
				</button>
				<button
					type="button"
					className="button button-primary"
					data-testid="enroll-confirm"
					disabled={!preview.data || count === 0 || enroll.isPending}
					onClick={confirm}
				>
					{enroll.isPending ? "Enrolling…" : `Enroll ${count}`}
				</button>
			</div>
		</Dialog>
	);
}

/** Who is skipped, counted by reason, then one by one with the detail. */
export function SkipList({ skipped }: { skipped: SkippedContact[] }) {
	const byReason = new Map<SkipReason, number>();
	for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
	return (
		<>
			<ul className="enroll-reasons" data-testid="enroll-reasons">
				{[...byReason].map(([reason, n]) => (
					<li key={reason} className="badge seq-status">
						{skipLabels[reason]}: {n}
					</li>
				))}
			</ul>
			<div className="table-wrap enroll-skips">
				<table className="table enroll-skip-table">
					<thead>
						<tr>
							<th>Skipped</th>
							<th>Why</th>
						</tr>
					</thead>
					<tbody>
						{skipped.map((s) => (
							<tr key={s.contact_id} data-testid="enroll-skip">
								<td>
									<span className="cell-primary">{s.name}</span>
									{s.email && <span className="cell-muted"> {s.email}</span>}
								</td>
								<td>
									<span className="badge seq-status">{skipLabels[s.reason]}</span>
									{s.detail !== skipLabels[s.reason] && (
										<span className="cell-muted"> {s.detail}</span>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</>
	);
}
