import { Pause, Play, Square, Users } from "lucide-react";
import { useState } from "react";
import type { Enrollment, EnrollmentStatus, Sequence } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { relativeTime } from "../../format/relativeTime";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { useEnrollmentActions, useEnrollments } from "./queries";

const statusLabels: Record<EnrollmentStatus, string> = {
	active: "Running",
	paused: "Paused",
	completed: "Finished",
	stopped: "Stopped",
};

/** Who is in the sequence, where each one is, and why each stopped. */
export function EnrollmentList({
	sequence,
	onEnroll,
}: {
	sequence: Sequence;
	onEnroll: () => void;
}) {
	const enrollments = useEnrollments(sequence.id);
	const { pause, resume } = useEnrollmentActions();
	const toast = useToast();
	const navigate = useNavigate();
	const [stopping, setStopping] = useState<Enrollment | null>(null);

	const act = async (run: () => Promise<unknown>) => {
		try {
			await run();
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
		}
	};

	if (enrollments.isPending) return <Spinner label="Loading enrollments" />;
	if (enrollments.isError)
		return (
			<p className="form-error" role="alert">
				{errorMessage(enrollments.error)}
			</p>
		);
	if (enrollments.data.length === 0)
		return (
			<EmptyState
				icon={Users}
				title="No one enrolled yet"
				testId="enrollments-empty"
				actions={
					<button type="button" className="button button-primary" onClick={onEnroll}>
						Enroll contacts
					</button>
				}
			>
				Enroll everyone in a saved view, or contacts you select in a list. Each contact gets the
				steps in order from your mailbox, and stops as soon as they reply, bounce or unsubscribe.
			</EmptyState>
		);

	const stepLabel = (e: Enrollment) =>
		e.status === "completed"
			? "All steps"
			: `Step ${Math.min(e.current_step + 1, sequence.steps.length)} of ${sequence.steps.length}`;

	return (
		<div className="table-wrap">
			<table className="table" data-testid="enrollments">
				<thead>
					<tr>
						<th>Contact</th>
						<th>Status</th>
						<th>Progress</th>
						<th>Next / why it stopped</th>
						<th>
							<span className="visually-hidden">Actions</span>
						</th>
					</tr>
				</thead>
				<tbody>
					{enrollments.data.map((e) => (
						<tr key={e.id} data-testid="enrollment-row">
							<td>
								<button
									type="button"
									className="link-button"
									onClick={() => navigate("contacts", e.contact_id)}
								>
									{e.contact_name}
								</button>
							</td>
							<td>
								<span className={`badge seq-status seq-status-${e.status}`}>
									{statusLabels[e.status]}
								</span>
							</td>
							<td className="cell-nowrap">{stepLabel(e)}</td>
							<td className="seq-why" data-testid="enrollment-why">
								{e.status === "stopped" || e.stop_reason ? (
									<span>{e.stop_reason ?? "Stopped"}</span>
								) : e.status === "active" && e.next_run_at ? (
									<span className="cell-muted">Next step {relativeTime(e.next_run_at)}</span>
								) : e.status === "paused" ? (
									<span className="cell-muted">Waiting until resumed</span>
								) : null}
							</td>
							<td>
								<div className="seq-row-actions">
									{e.status === "active" && (
										<button
											type="button"
											className="icon-button"
											aria-label={`Pause ${e.contact_name}`}
											title="Pause"
											onClick={() => act(() => pause.mutateAsync(e.id))}
										>
											<Pause size={14} aria-hidden="true" />
										</button>
									)}
									{e.status === "paused" && (
										<button
											type="button"
											className="icon-button"
											aria-label={`Resume ${e.contact_name}`}
											title="Resume"
											onClick={() => act(() => resume.mutateAsync(e.id))}
										>
											<Play size={14} aria-hidden="true" />
										</button>
									)}
									{(e.status === "active" || e.status === "paused") && (
										<button
											type="button"
											className="icon-button icon-button-danger"
											aria-label={`Stop ${e.contact_name}`}
											title="Stop"
											data-testid="enrollment-stop"
											onClick={() => setStopping(e)}
										>
											<Square size={14} aria-hidden="true" />
										</button>
									)}
								</div>
							</td>
						</tr>
					))}
				</tbody>
			</table>
			{stopping && <StopDialog enrollment={stopping} onClose={() => setStopping(null)} />}
		</div>
	);
}

/** Stopping can't be undone (a contact is enrolled in a sequence once), so it asks first, with a reason. */
function StopDialog({ enrollment, onClose }: { enrollment: Enrollment; onClose: () => void }) {
	const { stop } = useEnrollmentActions();
	const toast = useToast();
	const [reason, setReason] = useState("");
	const confirm = async () => {
		try {
			await stop.mutateAsync({ id: enrollment.id, reason: reason.trim() || null });
			toast.show({ message: `Stopped the sequence for ${enrollment.contact_name}.` });
			onClose();
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
		}
	};
	return (
		<Dialog title={`Stop for ${enrollment.contact_name}?`} onClose={onClose} testId="stop-dialog">
			<p>
				No more steps go to {enrollment.contact_name}. They can't be enrolled in this sequence
				again.
			</p>
			<label className="field">
				<span>Reason (optional, kept with the enrollment)</span>
				<input
					data-testid="stop-reason"
					value={reason}
					placeholder="e.g. Talked on the phone"
					onChange={(e) => setReason(e.target.value)}
					onKeyDown={(e) => {
						if (e.key === "Enter") void confirm();
					}}
				/>
			</label>
			<div className="form-actions seq-dialog-actions">
				<button type="button" className="button" onClick={onClose}>
					Keep going
				</button>
				<button
					type="button"
					className="button button-primary"
					data-testid="stop-confirm"
					disabled={stop.isPending}
					onClick={confirm}
				>
					Stop sequence
				</button>
			</div>
		</Dialog>
	);
}
