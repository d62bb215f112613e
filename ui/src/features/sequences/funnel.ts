import type { SequenceStats } from "../../bindings";

export type FunnelBar = { label: string; value: number; color: string };

/** Enrolled → sent per email step → replied → deals: the bars of the funnel, in order. */
export function funnelOf(stats: SequenceStats): FunnelBar[] {
	let email = 0;
	const sent = stats.steps
		.filter((s) => s.kind === "email")
		.map((s) => ({ label: `Email ${++email} sent`, value: s.sent, color: "#5b5bd6" }));
	return [
		{ label: "Enrolled", value: stats.enrolled, color: "#64748b" },
		...sent,
		{ label: "Replied", value: stats.replied, color: "#16a34a" },
		{ label: "Deals created", value: stats.deals_created, color: "#d97706" },
	];
}

export function percent(part: number, whole: number): string {
	if (whole <= 0) return "—";
	return `${Math.round((part / whole) * 100)}%`;
}
