import type { LeadSource, Temperature } from "../../bindings";

export const leadSourceLabels: Record<LeadSource, string> = {
	website: "Website",
	referral: "Referral",
	cold_call: "Cold call",
	cold_email: "Cold email",
	event: "Event",
	social: "Social",
	partner: "Partner",
	import: "Import",
	other: "Other",
};

export const temperatureLabels: Record<Temperature, string> = {
	hot: "Hot",
	warm: "Warm",
	cold: "Cold",
};

/** What each stored factor key stands for. */
export const factorLabels: Record<string, string> = {
	status: "Lead status",
	source: "Lead source",
	engagement: "Engagement",
	recency: "Recency",
	fit: "Fit",
};
