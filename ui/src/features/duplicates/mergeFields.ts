import type { Company, ContactDetail, CustomField, Lifecycle, Value } from "../../bindings";
import { displayCustomValue, storedValue } from "../../components/customValues";
import { leadStatusLabels } from "../contacts/LifecycleBadge";
import { leadSourceLabels } from "../scoring/labels";

export type Side = "a" | "b";

/** One side's value of a field: `key` compares values (null when empty), `display` shows it. */
export type FieldValue = { key: string | null; display: string };

/** A mergeable field of two records; `name` is what `take_from_drop` lists ("city", "custom.tier"). */
export type FieldRow = { name: string; label: string; a: FieldValue; b: FieldValue };

export const other = (side: Side): Side => (side === "a" ? "b" : "a");

const text = (v: string | null | undefined): FieldValue => {
	const t = v?.trim() ?? "";
	return { key: t === "" ? null : t, display: t };
};

const lifecycleLabels: Record<Lifecycle, string> = {
	lead: "Lead",
	contact: "Contact",
	customer: "Customer",
};

function customRows(a: Value, b: Value, fields: CustomField[]): FieldRow[] {
	const one = (stored: Value, f: CustomField): FieldValue => {
		const v = storedValue(stored, f.key);
		const shown = displayCustomValue(f, v);
		const empty = shown === null || (Array.isArray(v) && v.length === 0);
		return { key: empty ? null : JSON.stringify(v), display: shown ?? "" };
	};
	return fields.map((f) => ({
		name: `custom.${f.key}`,
		label: f.label,
		a: one(a, f),
		b: one(b, f),
	}));
}

/**
 * The company a contact is linked to. The core prefers a linked company over free text, so a contact
 * with only text counts as empty against one that is linked.
 */
function contactCompany(c: ContactDetail, o: ContactDetail): FieldValue {
	if (c.company_id !== null)
		return { key: `#${c.company_id}`, display: c.company_name ?? `Company ${c.company_id}` };
	if (o.company_id !== null)
		return { key: null, display: c.company_name ? `${c.company_name} (not linked)` : "" };
	return text(c.company_name);
}

export function contactRows(a: ContactDetail, b: ContactDetail, fields: CustomField[]): FieldRow[] {
	const row = (
		name: string,
		label: string,
		of: (c: ContactDetail, o: ContactDetail) => FieldValue,
	) => ({
		name,
		label,
		a: of(a, b),
		b: of(b, a),
	});
	return [
		row("first_name", "First name", (c) => text(c.first_name)),
		row("last_name", "Last name", (c) => text(c.last_name)),
		row("title", "Title", (c) => text(c.title)),
		row("company_id", "Company", contactCompany),
		row("lifecycle", "Lifecycle", (c) => ({
			key: c.lifecycle,
			display: lifecycleLabels[c.lifecycle],
		})),
		row("lead_status", "Lead status", (c) =>
			c.lead_status
				? { key: c.lead_status, display: leadStatusLabels[c.lead_status] }
				: { key: null, display: "" },
		),
		row("lead_source", "Lead source", (c) =>
			c.lead_source
				? { key: c.lead_source, display: leadSourceLabels[c.lead_source] }
				: { key: null, display: "" },
		),
		row("city", "City", (c) => text(c.city)),
		row("country", "Country", (c) => text(c.country)),
		row("linkedin", "LinkedIn", (c) => text(c.linkedin)),
		...customRows(a.custom, b.custom, fields),
	];
}

export function companyRows(a: Company, b: Company, fields: CustomField[]): FieldRow[] {
	const row = (name: string, label: string, of: (c: Company) => FieldValue) => ({
		name,
		label,
		a: of(a),
		b: of(b),
	});
	return [
		row("name", "Name", (c) => text(c.name)),
		// The core merges the website by its domain: two spellings of one site are the same value.
		row("website", "Website", (c) => ({
			key: c.domain ?? text(c.website).key,
			display: c.website ?? c.domain ?? "",
		})),
		row("industry", "Industry", (c) => text(c.industry)),
		row("size", "Size", (c) => text(c.size)),
		row("phone", "Phone", (c) => text(c.phone)),
		row("city", "City", (c) => text(c.city)),
		row("country", "Country", (c) => text(c.country)),
		row("description", "Description", (c) => text(c.description)),
		...customRows(a.custom, b.custom, fields),
	];
}

export const differs = (row: FieldRow) => row.a.key !== row.b.key;

/**
 * Whose value a field ends with: the user's choice, else the kept record's. An empty value never
 * wins over a filled one — the core fills an empty field of the kept record from the other.
 */
export function chosenSide(row: FieldRow, kept: Side, choice: Side | undefined): Side {
	const side = choice ?? kept;
	return row[side].key === null && row[other(side)].key !== null ? other(side) : side;
}

/** The fields whose value comes from the record that goes, as `recordsMerge` takes them. */
export function takeFromDrop(
	rows: FieldRow[],
	kept: Side,
	choices: Partial<Record<string, Side>>,
): string[] {
	return rows
		.filter((r) => differs(r) && chosenSide(r, kept, choices[r.name]) !== kept)
		.map((r) => r.name);
}
