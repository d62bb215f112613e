import type { SenderStatus } from "../../bindings";
import { useNavigate } from "../../navigation";
import { openMailboxSettings } from "./mailboxSettingsLink";
import { goesAtLabel } from "./when";

const stateLabels: Record<SenderStatus["state"], string> = {
	active: "Sending",
	paused: "Paused",
	auth_failed: "Password refused",
};

/** One sending mailbox at a glance: can it send, how much of today's limit is used, when it sends next. */
export function SenderCard({ sender }: { sender: SenderStatus }) {
	const navigate = useNavigate();
	const limited = sender.daily_limit > 0;
	const full = limited && sender.sent_today >= sender.daily_limit;
	return (
		<li
			className={`outbox-sender outbox-sender-${sender.state}`}
			data-testid="outbox-sender"
			data-mailbox-id={sender.mailbox_id}
			data-state={sender.state}
		>
			<div className="outbox-sender-head">
				<span className={`mailbox-dot mailbox-dot-${sender.state}`} aria-hidden="true" />
				<span className="cell-primary">{sender.name}</span>
				<span className="cell-muted">{sender.email}</span>
				<span className="spacer" />
				<span className={`badge mailbox-state-${sender.state}`} data-testid="outbox-sender-state">
					{stateLabels[sender.state]}
				</span>
			</div>
			{sender.state !== "active" && (
				<p className="outbox-sender-reason" data-testid="outbox-sender-reason">
					{sender.state_reason ??
						(sender.state === "paused"
							? "Sending is paused; queued messages wait until you resume."
							: "The server refused the password; nothing is sent until it is updated.")}{" "}
					<button
						type="button"
						className="link-button"
						data-testid="outbox-sender-settings"
						onClick={() => openMailboxSettings(navigate)}
					>
						{sender.state === "paused"
							? "Resume in Settings → Mailboxes"
							: "Fix in Settings → Mailboxes"}
					</button>
				</p>
			)}
			<dl className="outbox-sender-facts">
				<dt>Sent today</dt>
				<dd data-testid="outbox-sender-today" className={full ? "outbox-limit-full" : undefined}>
					{limited
						? `${sender.sent_today} of ${sender.daily_limit}`
						: `${sender.sent_today} (no limit)`}
				</dd>
				<dt>Queued</dt>
				<dd>{sender.queued}</dd>
				{sender.failed > 0 && (
					<>
						<dt>Failed</dt>
						<dd className="outbox-failed-count">{sender.failed}</dd>
					</>
				)}
				<dt>Next send</dt>
				<dd data-testid="outbox-sender-next">
					{sender.next_at
						? goesAtLabel(sender.next_at)
						: sender.queued === 0
							? "Nothing queued"
							: "Not while it cannot send"}
				</dd>
			</dl>
		</li>
	);
}
