import type { ReactNode } from "react";
import type { FieldKind, ListField, RowTag, Value } from "../../bindings";
import type { Column } from "../../components/table/types";
import { TagChips } from "../../components/tags/TagChips";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { displayLocale, formatMoney } from "../pipeline/money";

/** How one kind of record shows in a table: its values by field key, and cells drawn specially. */
export type RowSpec<T> = {
	/** The stored value of a field (what an in-place edit starts from). */
	read: (row: T, key: string) => Value;
	render?: Partial<Record<string, (row: T) => ReactNode>>;
	widths?: Partial<Record<string, number>>;
	/** The field that names the record. */
	primary: string;
	currency?: (row: T) => string;
};

const widthByKind: Record<FieldKind, number> = {
	text: 170,
	number: 100,
	money: 120,
	date: 130,
	datetime: 120,
	choice: 140,
	multi_choice: 180,
	bool: 80,
	tags: 190,
};

function formatDate(v: string): string {
	const d = new Date(`${v.slice(0, 10)}T00:00:00`);
	if (Number.isNaN(d.getTime())) return v;
	return d.toLocaleDateString(displayLocale(), { year: "numeric", month: "short", day: "numeric" });
}

/** A field's value as cell text, by its kind. */
export function formatValue(field: ListField, v: Value, currency = "USD"): ReactNode {
	if (v === null || v === undefined || v === "") return null;
	const label = (x: Value) => field.options.find((o) => o.value === String(x))?.label ?? String(x);
	switch (field.kind) {
		case "money":
			return typeof v === "number" ? formatMoney(v, currency) : String(v);
		case "number":
			return typeof v === "number" ? v.toLocaleString(displayLocale()) : String(v);
		case "date":
			return typeof v === "string" ? formatDate(v) : String(v);
		case "datetime":
			return typeof v === "string" ? relativeTime(v) : String(v);
		case "choice":
			return label(v);
		case "multi_choice":
			return Array.isArray(v) ? v.map(label).join(", ") : label(v);
		case "bool":
			return v === true ? "Yes" : v === false ? "No" : String(v);
		case "tags":
			return <TagChips tags={(Array.isArray(v) ? v : []) as unknown as RowTag[]} />;
		default:
			return String(v);
	}
}

/** The table's columns for the chosen field keys (unknown keys, e.g. a deleted custom field, are skipped). */
export function buildColumns<T>(
	keys: string[],
	fields: ListField[],
	spec: RowSpec<T>,
): Column<T>[] {
	const out: Column<T>[] = [];
	for (const key of keys) {
		const f = fields.find((x) => x.key === key);
		if (!f) continue;
		const numeric = f.kind === "number" || f.kind === "money";
		const special = spec.render?.[key];
		out.push({
			id: key,
			header: f.label,
			width: spec.widths?.[key] ?? widthByKind[f.kind],
			numeric,
			sortKey: f.sortable ? key : undefined,
			descFirst: key !== spec.primary && !["text", "choice"].includes(f.kind),
			primary: key === spec.primary,
			render: special ?? ((row) => formatValue(f, spec.read(row, key), spec.currency?.(row))),
			title:
				f.kind === "datetime"
					? (row) => {
							const v = spec.read(row, key);
							return typeof v === "string" ? fullTime(v) : undefined;
						}
					: f.kind === "text"
						? (row) => {
								const v = spec.read(row, key);
								return typeof v === "string" && v.length > 20 ? v : undefined;
							}
						: undefined,
			edit: f.editable
				? { kind: f.kind, options: f.options, value: (row) => spec.read(row, key) }
				: undefined,
		});
	}
	return out;
}
