import { RotateCcw, X } from "lucide-react";
import type { OutboxItem } from "../../bindings";
import { SmallButton } from "../../components/SmallButton";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { useNavigate } from "../../navigation";
import { StatusChip } from "./StatusChip";
import { goesAtLabel } from "./when";

type Props = {
	item: OutboxItem;
	busy: boolean;
	onCancel: (item: OutboxItem) => void;
	onRetry: (item: OutboxItem) => void;
};

/** One message: who it is for, where it stands, and what can be done about it. */
export function OutboxRow({ item, busy, onCancel, onRetry }: Props) {
	const navigate = useNavigate();
	return (
		<li
			className={`outbox-item outbox-item-${item.status}`}
			data-testid="outbox-item"
			data-outbound-id={item.id}
			data-status={item.status}
		>
			<div className="outbox-item-main">
				<div className="outbox-item-line">
					<StatusChip status={item.status} />
					<span className="outbox-subject" data-testid="outbox-subject">
						{item.subject || "(no subject)"}
					</span>
				</div>
				<div className="outbox-item-line cell-muted">
					<span>To </span>
					{item.contact_id !== null && item.contact_name ? (
						<button
							type="button"
							className="link-button"
							onClick={() => navigate("contacts", item.contact_id ?? undefined)}
						>
							{item.contact_name}
						</button>
					) : null}
					<span data-testid="outbox-to">
						{item.contact_name ? ` <${item.to_addr}>` : item.to_addr}
					</span>
					<span> · from {item.mailbox_name}</span>
					{item.is_bulk && <span> · bulk</span>}
				</div>
				<Detail item={item} />
			</div>
			<div className="outbox-item-actions">
				{(item.status === "failed" || item.status === "cancelled") && (
					<SmallButton
						icon={RotateCcw}
						testId="outbox-retry"
						disabled={busy}
						onClick={() => onRetry(item)}
					>
						Retry
					</SmallButton>
				)}
				{item.status === "queued" && (
					<SmallButton
						icon={X}
						testId="outbox-cancel"
						disabled={busy}
						onClick={() => onCancel(item)}
					>
						Cancel
					</SmallButton>
				)}
			</div>
		</li>
	);
}

/** When it goes and why it waits, or what happened to it. */
function Detail({ item }: { item: OutboxItem }) {
	switch (item.status) {
		case "queued":
			return (
				<div className="outbox-item-line outbox-when" data-testid="outbox-when">
					{item.goes_at ? (
						<span title={fullTime(item.goes_at)}>Goes {goesAtLabel(item.goes_at)}</span>
					) : (
						<span>Waiting</span>
					)}
					{item.waiting_reason && (
						<span className="outbox-waiting" data-testid="outbox-waiting">
							{" "}
							— {item.waiting_reason}
						</span>
					)}
					{item.attempts > 0 && item.last_error && (
						<span className="outbox-waiting">
							{" "}
							(attempt {item.attempts + 1}; last time: {item.last_error})
						</span>
					)}
				</div>
			);
		case "sending":
			return (
				<div className="outbox-item-line outbox-when" data-testid="outbox-when">
					{item.sent_at ? "Accepted by the server; filing it in Sent…" : "Sending now…"}
				</div>
			);
		case "sent":
			return (
				<div className="outbox-item-line outbox-when" data-testid="outbox-when">
					{item.sent_at ? (
						<span title={fullTime(item.sent_at)}>Sent {relativeTime(item.sent_at)}</span>
					) : (
						"Sent"
					)}
				</div>
			);
		case "failed":
			return (
				<div className="outbox-item-line outbox-failure" data-testid="outbox-failure">
					<span>{item.last_error ?? "Sending failed."}</span>
					{item.server_reply && (
						<code className="outbox-server-reply" data-testid="outbox-server-reply">
							{item.server_reply}
						</code>
					)}
				</div>
			);
		case "cancelled":
			return (
				<div className="outbox-item-line outbox-when" data-testid="outbox-when">
					<span title={fullTime(item.updated_at)}>Cancelled {relativeTime(item.updated_at)}</span>
				</div>
			);
	}
}
