import type {
	FieldKind,
	FilterGroup,
	FilterNode,
	FilterOp,
	FilterRule,
	ListField,
	Value,
} from "../../bindings";

/** The rules and groups of a group, and whether they all (AND) or any (OR) must match. */
export const nodesOf = (g: FilterGroup): FilterNode[] => g.and ?? g.or ?? [];
export const conjunctionOf = (g: FilterGroup): "and" | "or" => (g.or !== undefined ? "or" : "and");
export const group = (conjunction: "and" | "or", nodes: FilterNode[]): FilterGroup =>
	conjunction === "or" ? { or: nodes } : { and: nodes };
export const isRule = (n: FilterNode): n is FilterRule => "field" in n;

export const emptyFilter: FilterGroup = { and: [] };

export const opLabels: Record<FilterOp, string> = {
	is: "is",
	is_not: "is not",
	contains: "contains",
	not_contains: "does not contain",
	starts_with: "starts with",
	is_empty: "is empty",
	is_not_empty: "is not empty",
	gt: "greater than",
	lt: "less than",
	before: "before",
	after: "after",
	any_of: "is any of",
	none_of: "is none of",
	in_last_days: "in the last … days",
	in_next_days: "in the next … days",
};

/** Dates and tags read better with their own words. */
export function opLabel(op: FilterOp, kind: FieldKind): string {
	if (kind === "tags") {
		if (op === "is") return "has";
		if (op === "is_not") return "does not have";
		if (op === "any_of") return "has any of";
		if (op === "none_of") return "has none of";
		if (op === "is_empty") return "has no tags";
		if (op === "is_not_empty") return "has any tag";
	}
	if ((kind === "date" || kind === "datetime") && op === "is") return "is on";
	return opLabels[op];
}

export const needsValue = (op: FilterOp) => op !== "is_empty" && op !== "is_not_empty";
export const takesList = (op: FilterOp) => op === "any_of" || op === "none_of";

/** A new rule on a field: its first operator, and no value yet. */
export function newRule(field: ListField): FilterRule {
	return { field: field.key, op: field.operators[0] ?? "is", value: null };
}

/** The value a rule keeps when its operator changes: lists and single values don't mix. */
export function valueForOp(rule: FilterRule, op: FilterOp): Value {
	const v = rule.value ?? null;
	if (!needsValue(op)) return null;
	if (takesList(op)) return Array.isArray(v) ? v : v === null || v === "" ? [] : [v];
	if (Array.isArray(v)) return v[0] ?? null;
	if (op === "in_last_days" || op === "in_next_days") return typeof v === "number" ? v : 30;
	return v;
}

function complete(rule: FilterRule): boolean {
	if (!needsValue(rule.op)) return true;
	const v = rule.value ?? null;
	if (v === null || v === "") return false;
	if (Array.isArray(v)) return v.length > 0;
	return true;
}

/** The filter the list runs: rules still missing a value and empty groups left out; null when nothing is left. */
export function runnable(filter: FilterGroup | null): FilterGroup | null {
	if (!filter) return null;
	const prune = (g: FilterGroup): FilterGroup | null => {
		const nodes = nodesOf(g)
			.map((n) => (isRule(n) ? (complete(n) ? n : null) : prune(n)))
			.filter((n): n is FilterNode => n !== null);
		return nodes.length === 0 ? null : group(conjunctionOf(g), nodes);
	};
	return prune(filter);
}

/** How many rules (at any depth) a filter has. */
export function ruleCount(filter: FilterGroup | null): number {
	if (!filter) return 0;
	return nodesOf(filter).reduce((n, node) => n + (isRule(node) ? 1 : ruleCount(node)), 0);
}

export const sameJson = (a: unknown, b: unknown) =>
	JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
