import type {
	BulkChange,
	Company,
	CompanyRow,
	ContactDetail,
	Deal,
	DealRow,
	Entity,
	FieldEntity,
	FieldKind,
	FieldOption,
	FilterGroup,
	FilterNode,
	FilterOp,
	FilterRule,
	ListEntity,
	ListField,
	Page,
	PageQuery,
	Pipeline,
	RecordRef,
	RowTag,
	SavedView,
	SavedViewInput,
	Tag,
	TagInput,
	Value,
} from "../../bindings";
import type { Commands } from "../backend";
import { Failure, type FakeContext, notFound, validation } from "./context";
import type { FakeCustomFields } from "./customFields";
import type { SettingsUndo } from "./settingsUndo";

/** The main fake's records, shared with this module. */
export type ListMaps = {
	contacts: Map<number, ContactDetail>;
	companies: Map<number, Company>;
	deals: Map<number, Deal>;
	dealCreatedAt: Map<number, string>;
	pipelines: Pipeline[];
	customFields: FakeCustomFields;
	undo: SettingsUndo;
};

type ListCommands = Pick<
	Commands,
	| "listFields"
	| "listCount"
	| "listIds"
	| "dealsList"
	| "bulkEdit"
	| "bulkEditUndo"
	| "savedViewsList"
	| "savedViewCreate"
	| "savedViewUpdate"
	| "savedViewDelete"
	| "savedViewRestore"
	| "savedViewsReorder"
	| "tagsList"
	| "tagCreate"
	| "tagUpdate"
	| "tagDelete"
	| "recordTags"
	| "recordTagsSet"
>;

type Rec = ContactDetail | Company | Deal;
type Kind = FieldKind;
/** A field of the fake's catalog: like the core's whitelist, with how to read it from a record. */
type FakeField = {
	key: string;
	label: string;
	kind: Kind;
	sortable: boolean;
	editable: boolean;
	options: FieldOption[];
	read: (r: Rec) => Value;
	custom: boolean;
};

const ops: Record<Kind, FilterOp[]> = {
	text: [
		"is",
		"is_not",
		"contains",
		"not_contains",
		"starts_with",
		"any_of",
		"is_empty",
		"is_not_empty",
	],
	number: ["is", "is_not", "gt", "lt", "is_empty", "is_not_empty"],
	money: ["is", "is_not", "gt", "lt", "is_empty", "is_not_empty"],
	date: ["is", "before", "after", "in_last_days", "in_next_days", "is_empty", "is_not_empty"],
	datetime: ["is", "before", "after", "in_last_days", "in_next_days", "is_empty", "is_not_empty"],
	choice: ["is", "is_not", "any_of", "none_of", "is_empty", "is_not_empty"],
	multi_choice: ["is", "is_not", "any_of", "none_of", "is_empty", "is_not_empty"],
	tags: ["is", "is_not", "any_of", "none_of", "is_empty", "is_not_empty"],
	bool: ["is", "is_empty", "is_not_empty"],
};

const opts = (pairs: [string, string][]): FieldOption[] =>
	pairs.map(([value, label]) => ({ value, label }));
const lifecycles = opts([
	["lead", "Lead"],
	["contact", "Contact"],
	["customer", "Customer"],
]);
const leadStatuses = opts([
	["new", "New"],
	["contacted", "Contacted"],
	["engaged", "Engaged"],
	["qualified", "Qualified"],
	["disqualified", "Disqualified"],
	["nurturing", "Nurturing"],
]);
const leadSources = opts([
	["website", "Website"],
	["referral", "Referral"],
	["cold_call", "Cold call"],
	["cold_email", "Cold email"],
	["event", "Event"],
	["social", "Social"],
	["partner", "Partner"],
	["import", "Import"],
	["other", "Other"],
]);
const dealStatuses = opts([
	["open", "Open"],
	["won", "Won"],
	["lost", "Lost"],
]);

const now = () => new Date().toISOString();
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const fieldEntityOf = (e: ListEntity): FieldEntity => (e === "lead" ? "contact" : e);
const entityName: Record<ListEntity, string> = {
	contact: "contacts",
	lead: "leads",
	company: "companies",
	deal: "deals",
};
const plural: Record<ListEntity, string> = {
	contact: "Contacts",
	lead: "Leads",
	company: "Companies",
	deal: "Deals",
};

/** Lists, filters, saved views, tags and bulk edits over the main fake's records, mirroring the core. */
export function fakeLists(ctx: FakeContext, maps: ListMaps) {
	const { contacts, companies, deals } = maps;
	const tags = new Map<number, RowTag>();
	/** `${entity}:${id}` → tag ids */
	const taggings = new Map<string, Set<number>>();
	const views = new Map<number, SavedView & { deleted: boolean }>();
	const edits = new Map<
		number,
		{ entity: FieldEntity; changes: { id: number; undo: () => void }[]; undone: boolean }
	>();

	const tagSet = (entity: FieldEntity, id: number) => {
		const key = `${entity}:${id}`;
		let set = taggings.get(key);
		if (!set) {
			set = new Set();
			taggings.set(key, set);
		}
		return set;
	};
	function tagsOf(entity: FieldEntity, id: number): RowTag[] {
		return [...(taggings.get(`${entity}:${id}`) ?? [])]
			.map((t) => tags.get(t))
			.filter((t): t is RowTag => !!t)
			.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }));
	}

	const customRead = (key: string) => (r: Rec) => {
		const custom = (r as { custom?: Value }).custom;
		if (custom && typeof custom === "object" && !Array.isArray(custom)) return custom[key] ?? null;
		return null;
	};
	const liveContacts = () => [...contacts.values()].filter((c) => c.deleted_at === null);

	function catalog(entity: ListEntity): FakeField[] {
		const f = (
			key: string,
			label: string,
			kind: Kind,
			read: (r: Rec) => Value,
			more: Partial<FakeField> = {},
		): FakeField => ({
			key,
			label,
			kind,
			read,
			sortable: false,
			editable: false,
			options: [],
			custom: false,
			...more,
		});
		const c = (r: Rec) => r as ContactDetail;
		const co = (r: Rec) => r as Company;
		const d = (r: Rec) => r as Deal;
		const sortEdit = { sortable: true, editable: true };
		const tagsField = f("tags", "Tags", "tags", (r) =>
			tagsOf(fieldEntityOf(entity), r.id).map((t) => t.id),
		);
		const builtins: FakeField[] =
			entity === "company"
				? [
						f("name", "Name", "text", (r) => co(r).name, sortEdit),
						f("domain", "Domain", "text", (r) => co(r).domain),
						f("industry", "Industry", "text", (r) => co(r).industry, sortEdit),
						f("size", "Size", "text", (r) => co(r).size, { editable: true }),
						f("phone", "Phone", "text", (r) => co(r).phone, { editable: true }),
						f("city", "City", "text", (r) => co(r).city, sortEdit),
						f("country", "Country", "text", (r) => co(r).country, sortEdit),
						f(
							"contacts",
							"Contacts",
							"number",
							(r) => liveContacts().filter((p) => p.company_id === r.id).length,
						),
						f(
							"open_deals",
							"Open deals",
							"number",
							(r) =>
								[...deals.values()].filter((x) => x.company_id === r.id && x.status === "open")
									.length,
						),
						f("created_at", "Created", "datetime", (r) => co(r).created_at, { sortable: true }),
						f("updated_at", "Updated", "datetime", (r) => co(r).updated_at, { sortable: true }),
						tagsField,
					]
				: entity === "deal"
					? [
							f("title", "Title", "text", (r) => d(r).title, sortEdit),
							f("pipeline", "Pipeline", "choice", (r) => String(d(r).pipeline_id), {
								options: maps.pipelines.map((p) => ({ value: String(p.id), label: p.name })),
							}),
							f("stage", "Stage", "choice", (r) => String(d(r).stage_id), {
								options: maps.pipelines.flatMap((p) =>
									p.stages.map((s) => ({ value: String(s.id), label: s.name })),
								),
							}),
							f("status", "Status", "choice", (r) => d(r).status, {
								sortable: true,
								options: dealStatuses,
							}),
							f("value", "Value", "money", (r) => d(r).value_cents, sortEdit),
							f("currency", "Currency", "text", (r) => d(r).currency, { editable: true }),
							f("probability", "Probability", "number", (r) => d(r).probability, {
								editable: true,
							}),
							f("expected_close", "Expected close", "date", (r) => d(r).expected_close, sortEdit),
							f("company", "Company", "text", (r) => d(r).company_name),
							f("contact", "Contact", "text", (r) => d(r).contact_name),
							f("closed_at", "Closed", "datetime", (r) =>
								d(r).status === "open" ? null : d(r).stage_changed_at,
							),
							f("created_at", "Created", "datetime", (r) => maps.dealCreatedAt.get(r.id) ?? null, {
								sortable: true,
							}),
							f("updated_at", "Updated", "datetime", (r) => d(r).updated_at, { sortable: true }),
							tagsField,
						]
					: [
							f("name", "Name", "text", (r) => `${c(r).first_name} ${c(r).last_name}`, {
								sortable: true,
							}),
							f("first_name", "First name", "text", (r) => c(r).first_name, sortEdit),
							f("last_name", "Last name", "text", (r) => c(r).last_name, sortEdit),
							f("email", "Email", "text", (r) => c(r).emails[0]?.value ?? null, {
								sortable: true,
							}),
							f("phone", "Phone", "text", (r) => c(r).phones[0]?.value ?? null),
							f("company", "Company", "text", (r) => c(r).company_name, { sortable: true }),
							f("title", "Title", "text", (r) => c(r).title, sortEdit),
							f("lifecycle", "Lifecycle", "choice", (r) => c(r).lifecycle, {
								...sortEdit,
								options: lifecycles,
							}),
							f("lead_status", "Lead status", "choice", (r) => c(r).lead_status, {
								...sortEdit,
								options: leadStatuses,
							}),
							f("lead_source", "Lead source", "choice", (r) => c(r).lead_source, {
								...sortEdit,
								options: leadSources,
							}),
							f("city", "City", "text", (r) => c(r).city, sortEdit),
							f("country", "Country", "text", (r) => c(r).country, sortEdit),
							f("score", "Score", "number", (r) => c(r).score, { sortable: true }),
							f("last_activity_at", "Last activity", "datetime", () => null),
							f("created_at", "Created", "datetime", (r) => c(r).created_at, { sortable: true }),
							f("updated_at", "Updated", "datetime", (r) => c(r).updated_at, { sortable: true }),
							tagsField,
						];
		const kindOf: Record<string, Kind> = {
			text: "text",
			number: "number",
			date: "date",
			select: "choice",
			multiselect: "multi_choice",
			bool: "bool",
		};
		const custom = maps.customFields.live(fieldEntityOf(entity)).map((def) =>
			f(`custom.${def.key}`, def.label, kindOf[def.field_type] ?? "text", customRead(def.key), {
				custom: true,
				editable: true,
				sortable: def.field_type !== "multiselect",
				options: def.options.map((o) => ({ value: o, label: o })),
			}),
		);
		return [...builtins, ...custom];
	}

	function field(entity: ListEntity, key: string, what: string): FakeField {
		const found = catalog(entity).find((f) => f.key === key);
		if (!found) {
			throw validation(
				what,
				what === "sort"
					? `${plural[entity]} cannot be sorted by “${key}”.`
					: `There is no field “${key}” for ${entityName[entity]}.`,
			);
		}
		return found;
	}

	// ---- filters -------------------------------------------------------------------------------------

	const day = (d: Date) => d.toISOString().slice(0, 10);
	const addDays = (s: string, n: number) => {
		const d = new Date(`${s}T00:00:00Z`);
		d.setUTCDate(d.getUTCDate() + n);
		return day(d);
	};
	const bad = (message: string) => validation("filter", message);

	function dateOf(f: FakeField, v: Value): string {
		const s = typeof v === "string" ? v.trim().slice(0, 10) : "";
		if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s)))
			throw bad(`“${f.label}” needs a date like 2026-12-31.`);
		return s;
	}

	function typed(f: FakeField, v: Value): Value {
		switch (f.kind) {
			case "number":
			case "money": {
				const n = typeof v === "number" ? v : Number(String(v ?? "").replace(/[\s,]/g, ""));
				if (v === null || v === "" || !Number.isFinite(n))
					throw bad(`“${f.label}” needs a number.`);
				return n;
			}
			case "choice":
			case "multi_choice": {
				const s = String(v ?? "").trim();
				const o = f.options.find((x) => x.value.toLowerCase() === s.toLowerCase());
				if (!o) throw bad(`“${s}” is not one of the choices for “${f.label}”.`);
				return o.value;
			}
			case "bool":
				if (typeof v !== "boolean") throw bad(`“${f.label}” is yes or no.`);
				return v;
			default:
				if (typeof v !== "string" && typeof v !== "number")
					throw bad(`Type a value for “${f.label}”.`);
				return String(v).trim();
		}
	}

	const list = (f: FakeField, v: Value): Value[] => {
		if (!Array.isArray(v) || v.length === 0) throw bad(`Pick at least one value for “${f.label}”.`);
		return v;
	};
	const empty = (x: Value) => x === null || x === "" || (Array.isArray(x) && x.length === 0);
	const low = (x: Value) => String(x ?? "").toLowerCase();
	const same = (f: FakeField, a: Value, b: Value) =>
		f.kind === "text" ? low(a) === low(b) : a === b;

	function test(f: FakeField, rule: FilterRule, r: Rec): boolean {
		const x = f.read(r);
		const v = rule.value ?? null;
		if (!ops[f.kind].includes(rule.op))
			throw bad(`“${f.label}” can't be filtered with “${rule.op.replace(/_/g, " ")}”.`);
		if (rule.op === "is_empty") return empty(x);
		if (rule.op === "is_not_empty") return !empty(x);
		if (f.kind === "tags" || f.kind === "multi_choice") {
			const have = (Array.isArray(x) ? x : []).map((t) => low(t));
			const want = (
				rule.op === "any_of" || rule.op === "none_of"
					? list(f, v)
					: [f.kind === "tags" ? v : typed(f, v)]
			).map((t) => {
				if (f.kind === "tags" && typeof t !== "number" && !/^\d+$/.test(String(t)))
					throw bad(`Pick a tag for “${f.label}”.`);
				return low(f.kind === "tags" ? t : typed(f, t));
			});
			const hit = want.some((w) => have.includes(w));
			return rule.op === "is" || rule.op === "any_of" ? hit : !hit;
		}
		if (f.kind === "date" || f.kind === "datetime") {
			const d = typeof x === "string" ? x.slice(0, 10) : null;
			const today = day(new Date());
			switch (rule.op) {
				case "is":
					return d === dateOf(f, v);
				case "before":
					return d !== null && d < dateOf(f, v);
				case "after":
					return d !== null && d > dateOf(f, v);
				case "in_last_days":
				case "in_next_days": {
					const n = Number(v);
					if (!Number.isInteger(n) || n < 0) throw bad(`“${f.label}” needs a number of days.`);
					if (d === null) return false;
					return rule.op === "in_last_days"
						? d >= addDays(today, -n) && d <= today
						: d >= today && d <= addDays(today, n);
				}
			}
		}
		switch (rule.op) {
			case "is":
				return x !== null && same(f, x, typed(f, v));
			case "is_not":
				return x === null || !same(f, x, typed(f, v));
			case "contains":
			case "not_contains":
			case "starts_with": {
				const s = typeof v === "string" || typeof v === "number" ? String(v) : "";
				if (!s) throw bad(`Type some text to look for in “${f.label}”.`);
				const hay = low(x);
				const hit =
					x !== null &&
					(rule.op === "starts_with"
						? hay.startsWith(s.toLowerCase())
						: hay.includes(s.toLowerCase()));
				return rule.op === "not_contains" ? x === null || !hit : hit;
			}
			case "gt":
				return x !== null && Number(x) > Number(typed(f, v));
			case "lt":
				return x !== null && Number(x) < Number(typed(f, v));
			case "any_of":
				return x !== null && list(f, v).some((w) => same(f, x, typed(f, w)));
			case "none_of":
				return x === null || !list(f, v).some((w) => same(f, x, typed(f, w)));
			default:
				throw bad(`“${f.label}” can't be filtered with “${rule.op}”.`);
		}
	}

	function matchesGroup(entity: ListEntity, g: FilterGroup, r: Rec, depth = 0): boolean {
		if (depth > 6) throw bad("The filter nests groups too deeply.");
		const isAnd = g.and !== undefined;
		const nodes: FilterNode[] = g.and ?? g.or ?? [];
		const live = nodes.filter((n) => "field" in n || (n.and ?? n.or ?? []).length > 0);
		if (live.length === 0) return true;
		const one = (n: FilterNode) =>
			"field" in n
				? test(field(entity, n.field, "filter"), n, r)
				: matchesGroup(entity, n, r, depth + 1);
		return isAnd ? live.every(one) : live.some(one);
	}

	// ---- sorting and paging ------------------------------------------------------------------------

	function comparator(entity: ListEntity, query: PageQuery) {
		const defaultSort = entity === "deal" ? ["updated_at", true] : ["name", false];
		const key = query.sort ?? (defaultSort[0] as string);
		const desc = query.desc ?? (query.sort ? false : (defaultSort[1] as boolean));
		const f = field(entity, key, "sort");
		if (!f.sortable) throw validation("sort", `${plural[entity]} cannot be sorted by ${f.label}.`);
		const read =
			key === "name"
				? (r: Rec) => `${(r as ContactDetail).last_name}\u0000${(r as ContactDetail).first_name}`
				: f.read;
		const cmp = (a: Rec, b: Rec) => {
			const x = read(a);
			const y = read(b);
			// NULLs first ascending, like SQLite.
			if (x === null && y === null) return a.id - b.id;
			if (x === null) return -1;
			if (y === null) return 1;
			const c =
				typeof x === "number" && typeof y === "number"
					? x - y
					: String(x).localeCompare(String(y), undefined, { sensitivity: "base" });
			return c || a.id - b.id;
		};
		return desc ? (a: Rec, b: Rec) => cmp(b, a) : cmp;
	}

	/** The records a query keeps, in its order: narrowing, filter and sort (search is the caller's). */
	function apply<T extends Rec>(entity: ListEntity, records: T[], query: PageQuery): T[] {
		const order = comparator(entity, query);
		return records
			.filter((r) => {
				if (entity === "lead" && (r as ContactDetail).lifecycle !== "lead") return false;
				if (entity === "deal") {
					const d = r as Deal;
					if (query.pipeline_id != null && d.pipeline_id !== query.pipeline_id) return false;
					if (query.deal_status && d.status !== query.deal_status) return false;
				}
				return !query.filter || matchesGroup(entity, query.filter, r);
			})
			.sort(order);
	}

	function page<T>(all: T[], query: PageQuery): Page<T> {
		const limit = query.limit ?? 100;
		if (limit < 1 || limit > 500) throw validation("limit", "Ask for 1 to 500 rows.");
		const start = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
		const items = all.slice(start, start + limit);
		const end = start + items.length;
		return { items, next_cursor: end < all.length ? String(end) : null, total: null };
	}

	const words = (texts: (string | null)[]) =>
		texts
			.filter((t): t is string => !!t)
			.flatMap((t) => [t.toLowerCase(), ...t.toLowerCase().split(/[\s@.,-]+/)]);
	const searchHit = (search: string | null | undefined, texts: (string | null)[]) => {
		const terms = (search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
		const w = words(texts);
		return terms.every((t) => w.some((x) => x.startsWith(t)));
	};

	function matching(entity: ListEntity, query: PageQuery): Rec[] {
		if (entity === "company")
			return apply(
				entity,
				[...companies.values()].filter((c) => searchHit(query.search, [c.name, c.domain])),
				query,
			);
		if (entity === "deal")
			return apply(
				entity,
				[...deals.values()].filter((d) =>
					searchHit(query.search, [d.title, d.company_name, d.contact_name, d.stage_name]),
				),
				query,
			);
		return apply(
			entity,
			liveContacts().filter(
				(c) =>
					(!query.lifecycle || c.lifecycle === query.lifecycle) &&
					(!query.lead_status || c.lead_status === query.lead_status) &&
					(!query.lead_source || c.lead_source === query.lead_source) &&
					searchHit(query.search, [
						c.first_name,
						c.last_name,
						c.company_name,
						...c.emails.map((e) => e.value),
					]),
			),
			query,
		);
	}

	function dealRow(d: Deal): DealRow {
		const pipeline = maps.pipelines.find((p) => p.id === d.pipeline_id);
		return {
			id: d.id,
			title: d.title,
			pipeline_id: d.pipeline_id,
			pipeline_name: pipeline?.name ?? "",
			stage_id: d.stage_id,
			stage_name: d.stage_name,
			status: d.status,
			company_id: d.company_id,
			company_name: d.company_name,
			contact_id: d.contact_id,
			contact_name: d.contact_name,
			value_cents: d.value_cents,
			currency: d.currency,
			probability: d.probability,
			expected_close: d.expected_close,
			closed_at: d.status === "open" ? null : d.stage_changed_at,
			created_at: maps.dealCreatedAt.get(d.id) ?? d.updated_at,
			updated_at: d.updated_at,
			custom: d.custom ?? {},
			tags: tagsOf("deal", d.id),
		};
	}

	// ---- bulk edit -----------------------------------------------------------------------------------

	const text = (v: Value) => {
		const s = v === null ? "" : String(v).trim();
		return s === "" ? null : s;
	};

	function oneOf(fieldKey: string, v: Value, options: FieldOption[], what: string) {
		const s = text(v);
		if (s === null) return null;
		if (!options.some((o) => o.value === s)) throw validation(fieldKey, `“${s}” is not a ${what}.`);
		return s;
	}

	/** Sets one field like a form save would (same checks); returns how to put it back, or null if unchanged. */
	function setField(entity: FieldEntity, id: number, key: string, v: Value): (() => void) | null {
		const f = field(entity, key, "field");
		if (!f.editable) throw validation(key, `${f.label} can't be edited here.`);
		const record =
			entity === "contact"
				? contacts.get(id)
				: entity === "company"
					? companies.get(id)
					: deals.get(id);
		if (!record || ("deleted_at" in record && record.deleted_at !== null))
			throw notFound(entity, id);
		const before = clone(record) as Rec;
		const target = record as unknown as Record<string, Value>;
		if (key.startsWith("custom.")) {
			const k = key.slice("custom.".length);
			const previous = (record as { custom: Value }).custom ?? {};
			const prev =
				typeof previous === "object" && !Array.isArray(previous) && previous ? previous : {};
			target.custom = maps.customFields.check(entity, { ...prev, [k]: v }, prev);
		} else if (entity === "contact") {
			const c = record as ContactDetail;
			if (key === "first_name" || key === "last_name") {
				const next = { first_name: c.first_name, last_name: c.last_name, [key]: text(v) ?? "" };
				if (!next.first_name && !next.last_name && c.emails.length === 0)
					throw validation("first_name", "Give the contact a name or an email address.");
				target[key] = next[key];
			} else if (key === "lifecycle") {
				const l = oneOf(key, v, lifecycles, "lifecycle stage (lead, contact, customer)");
				if (l === null) throw validation(key, "Choose a lifecycle stage.");
				c.lifecycle = l as ContactDetail["lifecycle"];
				if (l === "lead" && c.lead_status === null) c.lead_status = "new";
			} else if (key === "lead_status") {
				c.lead_status = oneOf(key, v, leadStatuses, "lead status") as ContactDetail["lead_status"];
			} else if (key === "lead_source") {
				c.lead_source = oneOf(key, v, leadSources, "lead source") as ContactDetail["lead_source"];
			} else target[key] = text(v);
		} else if (entity === "company") {
			if (key === "name" && text(v) === null) throw validation("name", "A company needs a name.");
			target[key] = text(v);
		} else {
			const d = record as Deal;
			if (key === "title") {
				if (text(v) === null) throw validation("title", "A deal needs a title.");
				d.title = text(v) ?? "";
			} else if (key === "value") {
				const n = Number(v ?? 0);
				if (!Number.isInteger(n))
					throw validation("value", "The value (in cents) must be a whole number.");
				if (n < 0) throw validation("value_cents", "The value cannot be negative.");
				d.value_cents = n;
			} else if (key === "currency") {
				const cur = (text(v) ?? "USD").toUpperCase();
				if (!/^[A-Z]{3}$/.test(cur))
					throw validation("currency", `“${cur}” is not a currency code like USD or EUR.`);
				d.currency = cur;
			} else if (key === "probability") {
				if (text(v) === null) {
					d.probability = d.stage_probability;
					d.probability_set = false;
				} else {
					const n = Number(v);
					if (!Number.isInteger(n) || n < 0 || n > 100)
						throw validation("probability", "Probability is a percentage from 0 to 100.");
					d.probability = n;
					d.probability_set = true;
				}
			} else if (key === "expected_close") {
				const s = text(v);
				if (s !== null && (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))))
					throw validation("expected_close", `“${s}” is not a date (YYYY-MM-DD).`);
				d.expected_close = s;
			}
		}
		if (JSON.stringify(before) === JSON.stringify(record)) return null;
		(record as { updated_at: string }).updated_at = now();
		return () => Object.assign(record, clone(before));
	}

	function setTag(
		entity: FieldEntity,
		id: number,
		tagId: number,
		add: boolean,
	): (() => void) | null {
		if (!tags.has(tagId)) throw validation("tag_id", "That tag no longer exists.");
		const exists =
			entity === "contact"
				? contacts.get(id)?.deleted_at === null
				: entity === "company"
					? companies.has(id)
					: deals.has(id);
		if (!exists) throw notFound(entity, id);
		const set = tagSet(entity, id);
		if (set.has(tagId) === add) return null;
		if (add) set.add(tagId);
		else set.delete(tagId);
		return () => {
			if (add) set.delete(tagId);
			else set.add(tagId);
		};
	}

	function bulk(entity: FieldEntity, ids: number[], change: BulkChange) {
		const unique = [...new Set(ids)];
		if (unique.length === 0) throw validation("ids", "Select at least one record.");
		const undo: { id: number; undo: () => void }[] = [];
		try {
			for (const id of unique) {
				const u =
					change.kind === "set_field"
						? setField(entity, id, change.field, change.value)
						: setTag(entity, id, change.tag_id, change.kind === "add_tag");
				if (u) undo.push({ id, undo: u });
			}
		} catch (e) {
			// All or nothing, like the core's transaction.
			for (const u of undo.reverse()) u.undo();
			if (e instanceof Failure && unique.length > 1 && e.appError.code === "validation")
				throw new Failure({ ...e.appError, message: `${e.appError.message} Nothing was changed.` });
			throw e;
		}
		const token = ctx.newId();
		edits.set(token, { entity, changes: undo, undone: false });
		ctx.changed(entity, unique);
		if (change.kind !== "set_field") ctx.changed("settings", []);
		return { token, changed: undo.length };
	}

	// ---- tags and views ------------------------------------------------------------------------------

	function checkTag(input: TagInput, id: number | null) {
		const name = input.name.trim().replace(/\s+/g, " ");
		if (!name) throw validation("name", "Give the tag a name.");
		if ([...tags.values()].some((t) => t.id !== id && t.name.toLowerCase() === name.toLowerCase()))
			throw validation("name", `There is already a tag called “${name}”.`);
		const color = input.color?.trim() || "#64748b";
		if (!/^#[0-9a-fA-F]{6}$/.test(color))
			throw validation("color", `“${color}” is not a color like #64748b.`);
		return { name, color: color.toLowerCase() };
	}

	function countOf(tagId: number, entity: Entity | null): number {
		let n = 0;
		for (const [key, set] of taggings) {
			if (!set.has(tagId)) continue;
			const [e, id] = key.split(":");
			if (entity !== null && e !== entity) continue;
			const idn = Number(id);
			const live =
				e === "contact"
					? contacts.get(idn)?.deleted_at === null
					: e === "company"
						? companies.has(idn)
						: deals.has(idn);
			if (live) n++;
		}
		return n;
	}

	function checkView(input: SavedViewInput, id: number | null) {
		const name = input.name.trim();
		if (!name) throw validation("name", "Give the view a name.");
		if (
			[...views.values()].some(
				(v) =>
					!v.deleted &&
					v.id !== id &&
					v.entity === input.entity &&
					v.name.toLowerCase() === name.toLowerCase(),
			)
		)
			throw validation("name", `There is already a view called “${name}”.`);
		if (input.filter)
			matching(input.entity, { search: null, cursor: null, limit: 1, filter: input.filter });
		if (input.sort) {
			const f = field(input.entity, input.sort.field, "sort");
			if (!f.sortable)
				throw validation("sort", `${plural[input.entity]} cannot be sorted by ${f.label}.`);
		}
		for (const c of input.columns) field(input.entity, c, "columns");
		return { name, columns: [...new Set(input.columns)] };
	}

	function getView(id: number) {
		const v = views.get(id);
		if (!v || v.deleted) throw notFound("saved view", id);
		return v;
	}
	const publicView = ({ deleted: _, ...v }: SavedView & { deleted: boolean }): SavedView => v;

	function recordKey(record: RecordRef): [FieldEntity, number] {
		return [record.entity, record.id];
	}

	const commands: ListCommands = {
		listFields: (entity) =>
			ctx.run(() =>
				catalog(entity).map(
					(f): ListField => ({
						key: f.key,
						label: f.label,
						kind: f.kind,
						options: f.options,
						operators: ops[f.kind],
						sortable: f.sortable,
						editable: f.editable,
						custom: f.custom,
					}),
				),
			),
		listCount: (entity, query) => ctx.run(() => matching(entity, query).length),
		listIds: (entity, query) =>
			ctx.run(() =>
				matching(entity, query)
					.map((r) => r.id)
					.sort((a, b) => a - b),
			),
		dealsList: (query) =>
			ctx.run(() => page((matching("deal", query) as Deal[]).map(dealRow), query)),
		bulkEdit: (edit) => ctx.run(() => bulk(edit.entity, edit.ids, edit.change)),
		bulkEditUndo: (token) =>
			ctx.run(() => {
				const e = edits.get(token);
				if (!e) throw notFound("bulk edit", token);
				if (e.undone)
					throw new Failure({
						code: "conflict",
						message: "That edit was already undone.",
						field: null,
					});
				for (const c of [...e.changes].reverse()) c.undo();
				e.undone = true;
				ctx.changed(
					e.entity,
					e.changes.map((c) => c.id),
				);
				ctx.changed("settings", []);
				return null;
			}),
		savedViewsList: (entity) =>
			ctx.run(() =>
				[...views.values()]
					.filter((v) => !v.deleted && v.entity === entity)
					.sort((a, b) => a.position - b.position || a.id - b.id)
					.map(publicView),
			),
		savedViewCreate: (input) =>
			ctx.run(() => {
				const { name, columns } = checkView(input, null);
				const position = [...views.values()].filter((v) => v.entity === input.entity).length + 1;
				const filter =
					input.filter && (input.filter.and ?? input.filter.or ?? []).length > 0
						? input.filter
						: null;
				const v = { ...input, filter, name, columns, id: ctx.newId(), position, deleted: false };
				views.set(v.id, v);
				ctx.changed("settings", [v.id]);
				return publicView(v);
			}),
		savedViewUpdate: (id, input) =>
			ctx.run(() => {
				const v = getView(id);
				if (v.entity !== input.entity)
					throw validation("entity", "A view belongs to one list; save a new view instead.");
				const { name, columns } = checkView(input, id);
				Object.assign(v, { name, columns, filter: input.filter, sort: input.sort });
				ctx.changed("settings", [id]);
				return publicView(v);
			}),
		savedViewDelete: (id) =>
			ctx.run(() => {
				getView(id).deleted = true;
				ctx.changed("settings", [id]);
				return null;
			}),
		savedViewRestore: (id) =>
			ctx.run(() => {
				const v = views.get(id);
				if (!v?.deleted) throw notFound("saved view", id);
				v.deleted = false;
				ctx.changed("settings", [id]);
				return publicView(v);
			}),
		savedViewsReorder: (ids) =>
			ctx.run(() => {
				ids.forEach((id, i) => {
					getView(id).position = i + 1;
				});
				ctx.changed("settings", ids);
				return null;
			}),
		tagsList: (entity) =>
			ctx.run((): Tag[] =>
				[...tags.values()]
					.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: "base" }))
					.map((t) => ({ ...t, count: countOf(t.id, entity) })),
			),
		tagCreate: (input) =>
			ctx.run(() => {
				const t = { id: ctx.newId(), ...checkTag(input, null) };
				tags.set(t.id, t);
				ctx.changed("settings", [t.id]);
				return t;
			}),
		tagUpdate: (id, input) =>
			ctx.run(() => {
				const t = tags.get(id);
				if (!t) throw notFound("tag", id);
				Object.assign(t, checkTag(input, id));
				for (const e of ["contact", "company", "deal"] as const) ctx.changed(e, []);
				ctx.changed("settings", [id]);
				return t;
			}),
		tagDelete: (id) =>
			ctx.run(() => {
				const tag = tags.get(id);
				if (!tag) throw notFound("tag", id);
				tags.delete(id);
				const carriers = [...taggings.values()].filter((set) => set.delete(id));
				const changedAll = () => {
					for (const e of ["contact", "company", "deal"] as const) ctx.changed(e, []);
					ctx.changed("settings", [id]);
				};
				changedAll();
				const undo_token = maps.undo.register(() => {
					const clash = [...tags.values()].find(
						(t) => t.name.toLowerCase() === tag.name.toLowerCase(),
					);
					if (clash)
						throw new Failure({
							code: "conflict",
							message: `A new tag called “${clash.name}” was added since; rename or delete it, then undo again.`,
							field: null,
						});
					tags.set(id, tag);
					for (const set of carriers) set.add(id);
					changedAll();
					return { moved_back: 0, stayed: 0 };
				});
				return { untagged: carriers.length, undo_token };
			}),
		recordTags: (record) => ctx.run(() => tagsOf(...recordKey(record))),
		recordTagsSet: (record, tagIds) =>
			ctx.run(() => {
				const [entity, id] = recordKey(record);
				const exists =
					entity === "contact"
						? contacts.get(id)?.deleted_at === null
						: entity === "company"
							? companies.has(id)
							: deals.has(id);
				if (!exists) throw notFound(entity, id);
				if (tagIds.some((t) => !tags.has(t)))
					throw validation("tags", "That tag no longer exists.");
				taggings.set(`${entity}:${id}`, new Set(tagIds));
				ctx.changed(entity, [id]);
				ctx.changed("settings", []);
				return tagsOf(entity, id);
			}),
	};

	/** Tags a few sample records, like the core's sample. */
	function seedSample() {
		const seeds: [string, string][] = [
			["VIP", "#eab308"],
			["Partner", "#0ea5e9"],
			["Newsletter", "#10b981"],
		];
		const people = liveContacts();
		seeds.forEach(([name, color], i) => {
			const t = { id: ctx.newId(), name, color };
			tags.set(t.id, t);
			people.forEach((p, j) => {
				if (j % 4 === i) tagSet("contact", p.id).add(t.id);
			});
		});
	}

	return {
		commands,
		/** Filters and orders contacts, leads or companies like the core's list query (search is the caller's). */
		apply,
		tagsOf,
		/** A company row's computed fields beyond the company itself. */
		companyTags: (c: CompanyRow) => tagsOf("company", c.id),
		seedSample,
		/** A merge: `keep` gains `drop`'s tags and `drop` loses them, like the core. */
		unionTags(entity: FieldEntity, keep: number, drop: number) {
			for (const t of taggings.get(`${entity}:${drop}`) ?? []) tagSet(entity, keep).add(t);
			taggings.delete(`${entity}:${drop}`);
		},
	};
}
