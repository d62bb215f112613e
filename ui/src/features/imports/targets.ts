import type { CustomField, ImportEntity } from "../../bindings";

export const IGNORE = "ignore";

const labels: Record<string, string> = {
	first_name: "First name",
	last_name: "Last name",
	full_name: "Full name (split into first and last)",
	email: "Email",
	phone: "Phone",
	title: "Job title",
	company: "Company",
	website: "Website",
	industry: "Industry",
	size: "Company size",
	city: "City",
	country: "Country",
	description: "Description",
	linkedin: "LinkedIn profile",
	lifecycle: "Lifecycle (lead, contact, customer)",
	lead_status: "Lead status",
	lead_source: "Lead source",
	deal_title: "Deal title",
	deal_value: "Deal value",
	currency: "Currency",
	stage: "Deal stage",
	pipeline: "Pipeline",
	expected_close: "Expected close date",
	tags: "Tags",
	note: "Note",
	[IGNORE]: "Ignore this column",
};

/** Where a target means something narrower for this kind of row. */
const entityLabels: Partial<Record<ImportEntity, Record<string, string>>> = {
	companies: { company: "Company name", phone: "Company phone" },
	deals: { deal_title: "Title", deal_value: "Value", stage: "Stage", company: "Company" },
};

/** A target as people read it: "email" → "Email", "custom:tier" → the field's own label. */
export function targetLabel(
	target: string,
	entity: ImportEntity,
	custom: CustomField[] = [],
): string {
	if (target.startsWith("custom:")) {
		const key = target.slice("custom:".length);
		return custom.find((f) => f.key === key)?.label ?? key;
	}
	return entityLabels[entity]?.[target] ?? labels[target] ?? target;
}

export const entityNames: Record<ImportEntity, { one: string; many: string }> = {
	contacts: { one: "contact", many: "contacts" },
	companies: { one: "company", many: "companies" },
	deals: { one: "deal", many: "deals" },
};

export const fieldEntityOf = { contacts: "contact", companies: "company", deals: "deal" } as const;

export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
