import type {
	Company,
	ContactDetail,
	Deal,
	FieldEntity,
	ImportCounts,
	ImportEntity,
	ImportProblem,
	ImportRequest,
	PreviewRow,
	RowAction,
	Stage,
	Value,
} from "../../bindings";
import { Failure, validation } from "./context";
import type { FakeCustomFields } from "./customFields";
import type { FakeSheet } from "./importFiles";
import { fakeDomain } from "./records";

/**
 * The fake's version of the core's import planner (crates/core/src/import/): headers → targets,
 * cells → values, duplicates → actions. Simplified, but with the same shapes and the same kinds of
 * messages, so the UI can be built and tested against it.
 */

/** Values of one record by target; email and phone hold several. */
export type Draft = Record<string, string | string[]>;

export type Op =
	| { kind: "create"; values: Draft }
	| { kind: "update"; id: number; values: Draft; overwrite: boolean };

export type Pass = {
	headers: string[];
	/** Target per column, as resolved. */
	targets: string[];
	samples: string[][];
	counts: ImportCounts;
	preview: PreviewRow[];
	problems: ImportProblem[];
	unknownStages: string[];
	ops: Op[];
	presetUsed: boolean;
};

export type PlanWorld = {
	contacts: Map<number, ContactDetail>;
	companies: Map<number, Company>;
	deals: Map<number, Deal>;
	stages: Stage[];
	pipelineName: string;
	customFields: FakeCustomFields;
	/** Saved mappings by entity + header set. */
	presets: Map<string, string[]>;
};

export const IGNORE = "ignore";
const MULTI = new Set(["email", "phone"]);
const PREVIEW_ROWS = 20;

/** The core's targets, minus the ones the fake does not store (deal columns on people, tags, notes). */
const targetsByEntity: Record<ImportEntity, string[]> = {
	contacts: [
		"first_name",
		"last_name",
		"full_name",
		"email",
		"phone",
		"title",
		"company",
		"website",
		"industry",
		"city",
		"country",
		"linkedin",
		"lifecycle",
		"lead_status",
		"lead_source",
	],
	companies: ["company", "website", "industry", "size", "phone", "city", "country", "description"],
	deals: ["deal_title", "deal_value", "currency", "stage", "expected_close", "company"],
};

const fieldEntity: Record<ImportEntity, FieldEntity> = {
	contacts: "contact",
	companies: "company",
	deals: "deal",
};

/** Header (lowercase letters and digits only) → target; the core knows many more. */
const synonyms: Record<string, string> = {
	firstname: "first_name",
	givenname: "first_name",
	vorname: "first_name",
	lastname: "last_name",
	surname: "last_name",
	familyname: "last_name",
	nachname: "last_name",
	name: "full_name",
	fullname: "full_name",
	email: "email",
	emailaddress: "email",
	mail: "email",
	phone: "phone",
	phonenumber: "phone",
	mobile: "phone",
	company: "company",
	companyname: "company",
	organization: "company",
	title: "title",
	jobtitle: "title",
	position: "title",
	website: "website",
	url: "linkedin",
	linkedin: "linkedin",
	industry: "industry",
	size: "size",
	employees: "size",
	city: "city",
	country: "country",
	description: "description",
	lifecycle: "lifecycle",
	lifecyclestage: "lifecycle",
	leadstatus: "lead_status",
	leadsource: "lead_source",
	source: "lead_source",
	deal: "deal_title",
	dealname: "deal_title",
	amount: "deal_value",
	value: "deal_value",
	currency: "currency",
	stage: "stage",
	dealstage: "stage",
	closedate: "expected_close",
};

/** Where a header means something else for this kind of row. */
const entitySynonyms: Record<ImportEntity, Record<string, string>> = {
	contacts: {},
	companies: { name: "company", url: "website" },
	deals: { name: "deal_title" },
};

const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

export function allowedTargets(entity: ImportEntity, customFields: FakeCustomFields): string[] {
	return [
		...targetsByEntity[entity],
		...customFields.live(fieldEntity[entity]).map((f) => `custom:${f.key}`),
		IGNORE,
	];
}

const presetKey = (entity: ImportEntity, headers: string[]) =>
	`${entity}|${headers.map(squash).join("|")}`;

export function savePreset(world: PlanWorld, entity: ImportEntity, pass: Pass) {
	world.presets.set(presetKey(entity, pass.headers), pass.targets);
}

function suggest(
	entity: ImportEntity,
	headers: string[],
	world: PlanWorld,
): { targets: string[]; presetUsed: boolean } {
	const preset = world.presets.get(presetKey(entity, headers));
	if (preset) return { targets: [...preset], presetUsed: true };
	const allowed = targetsByEntity[entity];
	const customs = world.customFields.live(fieldEntity[entity]);
	const taken = new Set<string>();
	const targets = headers.map((h) => {
		const key = squash(h);
		const custom = customs.find((f) => squash(f.label) === key);
		let target = custom
			? `custom:${custom.key}`
			: (entitySynonyms[entity][key] ?? synonyms[key] ?? IGNORE);
		if (!custom && !allowed.includes(target)) target = IGNORE;
		// The first column wins a single-valued field; later ones wait for the rep to choose.
		if (target !== IGNORE && !MULTI.has(target)) {
			if (taken.has(target)) target = IGNORE;
			taken.add(target);
		}
		return target;
	});
	return { targets, presetUsed: false };
}

/** Suggested targets, overridden by the request's mapping ("#N" or header keys); checked. */
function resolve(req: ImportRequest, headers: string[], world: PlanWorld) {
	const { targets, presetUsed } = suggest(req.entity, headers, world);
	for (const [key, raw] of Object.entries(req.mapping ?? {})) {
		const n = key.startsWith("#") ? Number.parseInt(key.slice(1), 10) : Number.NaN;
		let columns: number[];
		if (!Number.isNaN(n)) {
			if (n < 1 || n > headers.length) throw validation("mapping", `There is no column #${n}.`);
			columns = [n - 1];
		} else {
			columns = headers.flatMap((h, i) => (h === key ? [i] : []));
		}
		if (columns.length === 0)
			throw validation(
				"mapping",
				`The mapping names a column “${key}” the file doesn't have (its columns: ${headers.join(", ")}).`,
			);
		for (const i of columns) targets[i] = raw.trim();
	}
	const allowed = allowedTargets(req.entity, world.customFields);
	targets.forEach((t, i) => {
		if (!allowed.includes(t))
			throw validation(
				"mapping",
				`Column “${headers[i]}” is mapped to “${t}”, which a ${req.entity} import can't fill. Choose one of: ${allowed.join(", ")}.`,
			);
		if (t !== IGNORE && !MULTI.has(t) && targets.slice(0, i).includes(t))
			throw validation("mapping", `Two columns are mapped to “${t}”; map one of them to ignore.`);
	});
	return { targets, presetUsed };
}

const lifecycles: Record<string, string> = {
	lead: "lead",
	subscriber: "lead",
	contact: "contact",
	customer: "customer",
};
const leadStatuses = ["new", "contacted", "engaged", "qualified", "disqualified", "nurturing"];
const leadSources = [
	"website",
	"referral",
	"cold_call",
	"cold_email",
	"event",
	"social",
	"partner",
	"import",
	"other",
];

/** "1,234.56", "1.234,56", "$12 000" → cents; null when it is not a number. */
export function parseMoney(text: string): number | null {
	let s = text.replace(/[^\d.,-]/g, "");
	if (!/\d/.test(s)) return null;
	const comma = s.lastIndexOf(",");
	const dot = s.lastIndexOf(".");
	if (comma > dot) {
		// A comma after the last dot is decimal unless it groups thousands ("8,500").
		s = /^-?\d{1,3}(,\d{3})+$/.test(s)
			? s.replace(/,/g, "")
			: s.replace(/\./g, "").replace(",", ".");
	} else {
		s = s.replace(/,/g, "");
	}
	const n = Number(s);
	return Number.isFinite(n) ? Math.round(n * 100) : null;
}

/** Why a row cannot be stored, naming its column. */
class RowProblem extends Error {}
const problem = (header: string, message: string) => new RowProblem(`${header}: ${message}`);

/** One row's cells as stored values. Throws a RowProblem for a value that cannot be parsed. */
function parseRow(
	entity: ImportEntity,
	headers: string[],
	targets: string[],
	cells: string[],
	world: PlanWorld,
	unknownStages: Set<string>,
): Draft {
	const out: Draft = {};
	const custom: Record<string, Value> = {};
	targets.forEach((target, i) => {
		const text = (cells[i] ?? "").trim();
		const header = headers[i] ?? `Column ${i + 1}`;
		if (target === IGNORE || text === "") return;
		if (target.startsWith("custom:")) {
			custom[target.slice(7)] = text;
			return;
		}
		switch (target) {
			case "full_name": {
				const [first, ...rest] = text.split(/\s+/);
				out.first_name = first ?? "";
				if (rest.length > 0) out.last_name = rest.join(" ");
				return;
			}
			case "email": {
				const values = text.split(/\s*:::\s*/).filter(Boolean);
				for (const v of values)
					if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
						throw problem(header, `“${v}” is not an email address`);
				out.email = [...((out.email as string[]) ?? []), ...values];
				return;
			}
			case "phone": {
				const values = text.split(/\s*:::\s*/).filter(Boolean);
				for (const v of values)
					if (!/^\+?[\d\s().-]+$/.test(v) || v.replace(/\D/g, "").length < 5)
						throw problem(header, `“${v}” is not a phone number`);
				out.phone = [...((out.phone as string[]) ?? []), ...values];
				return;
			}
			case "website":
				try {
					out.website = fakeDomain(text) ?? "";
				} catch {
					throw problem(header, `“${text}” is not a website or domain`);
				}
				return;
			case "lifecycle": {
				const v = lifecycles[squash(text)];
				if (!v)
					throw problem(header, `“${text}” is not a lifecycle stage (lead, contact or customer)`);
				out.lifecycle = v;
				return;
			}
			case "lead_status":
			case "lead_source": {
				const choices = target === "lead_status" ? leadStatuses : leadSources;
				const v = choices.find((c) => squash(c) === squash(text));
				if (!v) throw problem(header, `“${text}” is not one of ${choices.join(", ")}`);
				out[target] = v;
				return;
			}
			case "deal_value": {
				const cents = parseMoney(text);
				if (cents === null) throw problem(header, `“${text}” is not a number`);
				out.deal_value = (cents / 100).toFixed(2);
				return;
			}
			case "stage": {
				const stage = world.stages.find((s) => squash(s.name) === squash(text));
				if (!stage) {
					unknownStages.add(text);
					throw problem(header, `“${text}” is not a stage of ${world.pipelineName}`);
				}
				out.stage = stage.name;
				return;
			}
			case "expected_close":
				if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text)))
					throw problem(header, `“${text}” is not a date`);
				out.expected_close = text;
				return;
			default:
				out[target] = text;
		}
	});
	if (Object.keys(custom).length > 0) {
		try {
			const checked = world.customFields.check(fieldEntity[entity], custom, {}) as Record<
				string,
				Value
			>;
			for (const [k, v] of Object.entries(checked))
				out[`custom:${k}`] = Array.isArray(v) ? v.join(", ") : String(v);
		} catch (e) {
			if (e instanceof Failure) throw new RowProblem(e.message);
			throw e;
		}
	}
	if (entity === "contacts" && !out.first_name && !out.last_name && !out.email)
		throw new RowProblem("The row has no name and no email address.");
	if (entity === "companies" && !out.company) throw new RowProblem("The row has no company name.");
	if (entity === "deals" && !out.deal_title) {
		if (typeof out.company !== "string")
			throw new RowProblem("The row has no deal title or company.");
		out.deal_title = `${out.company} deal`;
	}
	return out;
}

/** Identities a record is matched by, strongest first. */
function keysOf(entity: ImportEntity, d: Draft): string[] {
	const s = (k: string) => (typeof d[k] === "string" ? (d[k] as string).toLowerCase() : "");
	switch (entity) {
		case "contacts": {
			const emails = ((d.email as string[]) ?? []).map((e) => `email:${e.toLowerCase()}`);
			const name = `${s("first_name")} ${s("last_name")}`.trim();
			return name && s("company") ? [...emails, `name:${name}|${s("company")}`] : emails;
		}
		case "companies":
			return [...(s("website") ? [`domain:${s("website")}`] : []), `name:${s("company")}`];
		case "deals":
			return [`title:${s("deal_title")}`];
	}
}

/** The live record already in the book that a row's keys point at. */
function existingMatch(entity: ImportEntity, keys: string[], world: PlanWorld): number | null {
	for (const key of keys) {
		const [kind, value] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
		if (entity === "contacts") {
			for (const c of world.contacts.values()) {
				if (c.deleted_at !== null) continue;
				if (kind === "email" && c.emails.some((e) => e.value.toLowerCase() === value)) return c.id;
				if (
					kind === "name" &&
					`${c.first_name} ${c.last_name}`.trim().toLowerCase() +
						"|" +
						(c.company_name ?? "").toLowerCase() ===
						value
				)
					return c.id;
			}
		} else if (entity === "companies") {
			for (const c of world.companies.values()) {
				if (kind === "domain" && c.domain === value) return c.id;
				if (kind === "name" && c.name.toLowerCase() === value) return c.id;
			}
		} else {
			for (const d of world.deals.values()) if (d.title.toLowerCase() === value) return d.id;
		}
	}
	return null;
}

/** Folds a later row into earlier values: every non-empty value when overwriting, else only gaps. */
export function mergeDraft(into: Draft, from: Draft, overwrite: boolean) {
	for (const [k, v] of Object.entries(from)) {
		if (Array.isArray(v)) {
			const have = (into[k] as string[] | undefined) ?? [];
			const lower = new Set(have.map((x) => x.toLowerCase()));
			into[k] = [...have, ...v.filter((x) => !lower.has(x.toLowerCase()))];
		} else if (overwrite || !into[k]) {
			into[k] = v;
		}
	}
}

function display(d: Draft): [string, string][] {
	return Object.entries(d).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]);
}

/** Headers, data rows and their numbers, honouring a header row the rep chose. */
export function sheetData(sheet: FakeSheet, headerRow: number | null) {
	const index = (headerRow ?? sheet.headerRow) - 1;
	const header = sheet.rows[index];
	if (!header || header.every((c) => c.trim() === ""))
		throw validation(
			"header_row",
			`Row ${index + 1} is empty or beyond the first rows of the sheet.`,
		);
	const rows = sheet.rows
		.map((cells, i) => ({ number: i + 1, cells }))
		.slice(index + 1)
		.filter((r) => r.cells.some((c) => c.trim() !== ""));
	return { headerRow: index + 1, headers: header.map((h) => h.trim()), rows };
}

/** What importing the sheet would do, row by row. Writes nothing. */
export function plan(req: ImportRequest, sheet: FakeSheet, world: PlanWorld): Pass {
	const { headers, rows } = sheetData(sheet, req.header_row);
	if (rows.length === 0)
		throw new Failure({
			code: "bad_file",
			message: "the file has a header but no rows under it; there is nothing to import",
			field: null,
		});
	const { targets, presetUsed } = resolve(req, headers, world);
	const counts: ImportCounts = {
		rows_in: 0,
		created: 0,
		updated: 0,
		merged: 0,
		skipped: 0,
		rejected: 0,
	};
	const preview: PreviewRow[] = [];
	const problems: ImportProblem[] = [];
	const unknownStages = new Set<string>();
	const ops: Op[] = [];
	/** Records this import creates, by each of their keys. */
	const created = new Map<string, Draft>();
	const overwrite = req.policy === "update";

	for (const { number, cells } of rows) {
		counts.rows_in++;
		let action: RowAction;
		let values: Draft | null = null;
		let reason: string | null = null;
		try {
			values = parseRow(req.entity, headers, targets, cells, world, unknownStages);
			const keys = keysOf(req.entity, values);
			const earlier = keys.map((k) => created.get(k)).find(Boolean);
			if (earlier) {
				mergeDraft(earlier, values, overwrite);
				for (const k of keysOf(req.entity, earlier)) created.set(k, earlier);
				action = "merge";
			} else {
				const id = existingMatch(req.entity, keys, world);
				if (id === null) {
					const draft = { ...values };
					for (const k of keys) created.set(k, draft);
					ops.push({ kind: "create", values: draft });
					action = "create";
				} else if (req.policy === "skip") {
					action = "skip";
				} else {
					ops.push({ kind: "update", id, values, overwrite });
					action = "update";
				}
			}
		} catch (e) {
			if (!(e instanceof RowProblem)) throw e;
			reason = e.message;
			action = "reject";
		}
		const tally: Record<RowAction, keyof ImportCounts> = {
			create: "created",
			update: "updated",
			merge: "merged",
			skip: "skipped",
			reject: "rejected",
		};
		counts[tally[action]]++;
		if (reason !== null && problems.length < 1000) problems.push({ row: number, reason });
		if (preview.length < PREVIEW_ROWS)
			preview.push({
				row: number,
				action,
				values: values ? display(values) : [],
				problem: reason,
			});
	}
	return {
		headers,
		targets,
		samples: rows.slice(0, 3).map((r) => r.cells),
		counts,
		preview,
		problems,
		unknownStages: [...unknownStages],
		ops,
		presetUsed,
	};
}
