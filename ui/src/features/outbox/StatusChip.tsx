import type { OutboundStatus } from "../../bindings";

const labels: Record<OutboundStatus, string> = {
	queued: "Queued",
	sending: "Sending",
	sent: "Sent",
	failed: "Failed",
	cancelled: "Cancelled",
};

export function StatusChip({ status }: { status: OutboundStatus }) {
	return (
		<span className={`badge outbox-status outbox-status-${status}`} data-testid="outbox-status">
			{labels[status]}
		</span>
	);
}
