import type { Deal } from "../../bindings";
import "../../components/records.css";

/** Where a deal stands: its stage while open, "Won" or "Lost" once closed. */
export function DealStatusPill({ deal }: { deal: Pick<Deal, "status" | "stage_name"> }) {
	const label = deal.status === "open" ? deal.stage_name : deal.status === "won" ? "Won" : "Lost";
	return (
		<span className={`status-pill status-${deal.status}`} data-testid="deal-status">
			{label}
		</span>
	);
}
