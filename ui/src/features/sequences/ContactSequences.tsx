import { useQuery } from "@tanstack/react-query";
import type { EnrollmentStatus } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { EnrollSelectionButton } from "./EnrollSelectionButton";
import { useSequences } from "./queries";

const statusLabels: Record<EnrollmentStatus, string> = {
	active: "Running",
	paused: "Paused",
	completed: "Finished",
	stopped: "Stopped",
};

/** On a contact's record: the sequences they are (or were) in, why each stopped, and a way to enroll them. */
export function ContactSequences({ contactId }: { contactId: number }) {
	const backend = useBackend();
	const navigate = useNavigate();
	const sequences = useSequences();
	const enrollments = useQuery({
		queryKey: ["sequence", "contact", contactId],
		queryFn: () => unwrap(backend.commands.contactEnrollments(contactId)),
	});
	const names = new Map((sequences.data ?? []).map((s) => [s.id, s.name]));
	const list = enrollments.data ?? [];
	return (
		<section className="contact-sequences" aria-label="Sequences" data-testid="contact-sequences">
			<div className="contact-sequences-head">
				<h3>Sequences</h3>
				<EnrollSelectionButton resolveIds={async () => [contactId]} />
			</div>
			{list.length === 0 ? (
				<p className="hint">Not in any sequence.</p>
			) : (
				<ul className="contact-sequences-list">
					{list.map((e) => (
						<li key={e.id} data-testid="contact-enrollment">
							<button
								type="button"
								className="link-button"
								onClick={() => navigate("sequences", e.sequence_id)}
							>
								{names.get(e.sequence_id) ?? `Sequence ${e.sequence_id}`}
							</button>
							<span className={`badge seq-status seq-status-${e.status}`}>
								{statusLabels[e.status]}
							</span>
							{e.stop_reason && <span className="cell-muted">{e.stop_reason}</span>}
						</li>
					))}
				</ul>
			)}
		</section>
	);
}
