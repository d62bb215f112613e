import type { LeadStatus, Lifecycle } from "../../bindings";

const labels: Record<Lifecycle, string> = {
	lead: "Lead",
	contact: "Contact",
	customer: "Customer",
};

export const leadStatusLabels: Record<LeadStatus, string> = {
	new: "New",
	contacted: "Contacted",
	engaged: "Engaged",
	qualified: "Qualified",
	disqualified: "Disqualified",
	nurturing: "Nurturing",
};

export function LifecycleBadge({
	lifecycle,
	leadStatus,
}: {
	lifecycle: Lifecycle;
	leadStatus: LeadStatus | null;
}) {
	return (
		<span className={`badge badge-${lifecycle}`}>
			{labels[lifecycle]}
			{lifecycle === "lead" && leadStatus && (
				<span className="badge-sub">· {leadStatusLabels[leadStatus]}</span>
			)}
		</span>
	);
}
