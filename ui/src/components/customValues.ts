import type { CustomField, Value } from "../bindings";

/** One custom field's value as a form holds it: text for text, number, date and select; a list for a
 * multiselect; a boolean (or null, unanswered) for yes/no. */
export type CustomFormValue = string | string[] | boolean | null;
export type CustomFormValues = Record<string, CustomFormValue>;
/** Field errors from the core, keyed by its field name (`custom.<key>`). */
export type CustomErrors = Record<string, string | undefined>;

const isObject = (v: Value): v is { [key: string]: Value } =>
	v !== null && typeof v === "object" && !Array.isArray(v);

/** A record's stored `custom` object as form values. */
export function customFormFromStored(stored: Value | undefined): CustomFormValues {
	const out: CustomFormValues = {};
	if (!stored || !isObject(stored)) return out;
	for (const [key, v] of Object.entries(stored)) {
		if (typeof v === "boolean") out[key] = v;
		else if (Array.isArray(v)) out[key] = v.map(String);
		else if (v !== null) out[key] = String(v);
	}
	return out;
}

/**
 * What a form sends: as typed, so the core judges it and reports a bad value at its field
 * (text in a number field stays text). Empty answers are sent as null, which clears them.
 */
export function customInputFromForm(values: CustomFormValues): { [key: string]: Value } {
	const out: { [key: string]: Value } = {};
	for (const [key, v] of Object.entries(values)) {
		if (typeof v === "string") out[key] = v.trim() === "" ? null : v.trim();
		else out[key] = v;
	}
	return out;
}

/** The form field name of a custom field, as the core names it in errors. */
export const customFieldName = (key: string) => `custom.${key}`;

export const isCustomFieldError = (field: string | null): field is string =>
	!!field?.startsWith("custom.");

/** A stored value as a detail page shows it; null when there is none. */
export function displayCustomValue(field: CustomField, value: Value | undefined): string | null {
	if (value === undefined || value === null || value === "") return null;
	switch (field.field_type) {
		case "bool":
			return value === true ? "Yes" : value === false ? "No" : String(value);
		case "number":
			return typeof value === "number" ? value.toLocaleString() : String(value);
		case "date": {
			const d = typeof value === "string" ? new Date(`${value}T00:00:00`) : null;
			return d && !Number.isNaN(d.getTime())
				? d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" })
				: String(value);
		}
		case "multiselect":
			return Array.isArray(value) ? value.map(String).join(", ") || null : String(value);
		default:
			return String(value);
	}
}

export function storedValue(stored: Value | undefined, key: string): Value | undefined {
	return stored && isObject(stored) ? stored[key] : undefined;
}
