import { Handshake, Pause, Play, Sparkles, Square, Users } from "lucide-react";
import { useState } from "react";
import type { ConversionTarget, Enrollment, EnrollmentStatus, Sequence } from "../../bindings";
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
	const { pause, resume, convert } = useEnrollmentActions();
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

	/** One click from a reply to the pipeline; the toast opens what was made. */
	const convertTo = (e: Enrollment, to: ConversionTarget) =>
		act(async () => {
			const done = await convert.mutateAsync({ id: e.id, to });
			const deal = done.converted_deal_id;
			toast.show(
				deal !== null
					? {
							message: `Opened a deal for ${e.contact_name}.`,
							action: { label: "Open deal", onClick: () => navigate("deals", deal) },
						}
					: {
							message: `${e.contact_name} is now an engaged lead.`,
							action: { label: "Open lead", onClick: () => navigate("leads", e.contact_id) },
						},
			);
		});

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

	// `current_step` is the next step to run: a stopped one ran the steps before it.
	const total = sequence.steps.length;
	const stepLabel = (e: Enrollment) =>
		e.status === "completed"
			? "All steps"
			: e.status === "stopped"
				? e.current_step === 0
					? "Before step 1"
					: `Ran ${Math.min(e.current_step, total)} of ${total}`
				: `Next: step ${Math.min(e.current_step + 1, total)} of ${total}`;

	return (
		<div className="table-wrap">
			<table className="table" data-testid="enrollments">
				<thead>
					<tr>
						<th>Contact</th>
						<th>Status</th>
						<th>Progress</th>
						<th>Emails</th>
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
							<td className="cell-nowrap" data-testid="enrollment-emails">
								<EmailCounts enrollment={e} />
							</td>
							<td className="seq-why" data-testid="enrollment-why">
								{e.status === "stopped" || e.stop_reason ? (
									<span>{e.stop_reason ?? "Stopped"}</span>
								) : e.status === "active" && e.next_run_at ? (
									<span className="cell-muted">Next step {relativeTime(e.next_run_at)}</span>
								) : e.status === "paused" ? (
									<span className="cell-muted">Waiting until resumed</span>
								) : null}
								{e.stop_code === "reply" && (
									<Converted enrollment={e} onOpenDeal={(id) => navigate("deals", id)} />
								)}
							</td>
							<td>
								<div className="seq-row-actions">
									{e.stop_code === "reply" && e.converted_to === null && (
										<>
											<button
												type="button"
												className="button button-small"
												data-testid="enrollment-to-deal"
												title="Open a deal for this contact in the first stage of the default pipeline"
												disabled={convert.isPending}
												onClick={() => convertTo(e, "deal")}
											>
												<Handshake size={13} aria-hidden="true" /> Create deal
											</button>
											<button
												type="button"
												className="button button-small"
												data-testid="enrollment-to-lead"
												title="Mark this contact as an engaged lead, to qualify in Leads"
												disabled={convert.isPending}
												onClick={() => convertTo(e, "lead")}
											>
												<Sparkles size={13} aria-hidden="true" /> Make lead
											</button>
										</>
									)}
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

/** "1 sent · 1 waiting": what the outbox did for this contact (the server accepted "sent"). */
function EmailCounts({ enrollment: e }: { enrollment: Enrollment }) {
	if (e.emails_sent === 0 && e.emails_waiting === 0) return <span className="cell-muted">—</span>;
	return (
		<span>
			{e.emails_sent > 0 && <span data-testid="enrollment-sent">{e.emails_sent} sent</span>}
			{e.emails_sent > 0 && e.emails_waiting > 0 && " · "}
			{e.emails_waiting > 0 && <span className="cell-muted">{e.emails_waiting} waiting</span>}
		</span>
	);
}

/** What a reply became, once converted. */
function Converted({
	enrollment: e,
	onOpenDeal,
}: {
	enrollment: Enrollment;
	onOpenDeal: (dealId: number) => void;
}) {
	if (e.converted_to === "lead")
		return (
			<span className="badge seq-converted" data-testid="enrollment-converted">
				Made a lead
			</span>
		);
	if (e.converted_to === "deal") {
		const deal = e.converted_deal_id;
		return deal !== null ? (
			<button
				type="button"
				className="link-button seq-converted"
				data-testid="enrollment-converted"
				onClick={() => onOpenDeal(deal)}
			>
				Deal created
			</button>
		) : (
			<span className="badge seq-converted" data-testid="enrollment-converted">
				Deal created (deleted since)
			</span>
		);
	}
	return null;
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
