import type {
	Company,
	ContactDetail,
	CustomField,
	Deal,
	FieldEntity,
	MergeField,
	MergeScope,
	RenderContext,
	Rendered,
	Template,
	TemplateInput,
	TemplatePart,
	TemplateProblem,
} from "../../bindings";
import type { Commands } from "../backend";
import { type FakeContext, notFound, validation } from "./context";

type TemplateCommands = Pick<
	Commands,
	| "templatesList"
	| "templateGet"
	| "templateCreate"
	| "templateUpdate"
	| "templateDelete"
	| "templateRestore"
	| "templateMergeFields"
	| "templatePreview"
	| "templateRender"
>;

type Records = {
	contacts: Map<number, ContactDetail>;
	companies: Map<number, Company>;
	deals: Map<number, Deal>;
	customFields: (entity: FieldEntity | null) => CustomField[];
};

const standard: Record<MergeScope, [string, string][]> = {
	contact: [
		["first_name", "First name"],
		["last_name", "Last name"],
		["full_name", "Full name"],
		["email", "Email"],
		["phone", "Phone"],
		["title", "Job title"],
		["city", "City"],
		["country", "Country"],
		["linkedin", "LinkedIn"],
	],
	company: [
		["name", "Name"],
		["domain", "Domain"],
		["website", "Website"],
		["industry", "Industry"],
		["size", "Size"],
		["phone", "Phone"],
		["city", "City"],
		["country", "Country"],
	],
	deal: [
		["title", "Title"],
		["value", "Value"],
		["currency", "Currency"],
		["stage", "Stage"],
		["status", "Status"],
		["expected_close", "Expected close"],
	],
};

const partLabel: Record<TemplatePart, string> = {
	subject: "subject",
	body_text: "text body",
	body_html: "HTML body",
};

type Values = Record<string, string>;

/**
 * Templates in memory, with a small renderer for `{{ scope.field | default("x") }}` (enough for tests and
 * the browser preview; the core renders with minijinja). `{% … %}` tags are accepted and print nothing.
 */
export function fakeTemplates(ctx: FakeContext, records: Records): { commands: TemplateCommands } {
	const templates = new Map<number, Template & { deleted: boolean }>();
	const now = () => new Date().toISOString();

	function catalog(): MergeField[] {
		const out: MergeField[] = [];
		for (const scope of ["contact", "company", "deal"] as const) {
			for (const [field, label] of standard[scope]) {
				const key = `${scope}.${field}`;
				out.push({ key, label, scope, custom: false, snippet: `{{ ${key} }}` });
			}
			for (const f of records.customFields(scope)) {
				const key = `${scope}.custom.${f.key}`;
				out.push({ key, label: f.label, scope, custom: true, snippet: `{{ ${key} }}` });
			}
		}
		return out;
	}

	function parts(input: TemplateInput): [TemplatePart, string][] {
		const list: [TemplatePart, string][] = [
			["subject", input.subject],
			["body_text", input.body_text],
		];
		if (input.body_html?.trim()) list.push(["body_html", input.body_html]);
		return list;
	}

	function check(input: TemplateInput): TemplateProblem[] {
		const known = new Set(catalog().map((f) => f.key));
		const problems: TemplateProblem[] = [];
		for (const [part, source] of parts(input)) {
			const lines = source.split("\n");
			lines.forEach((line, i) => {
				const opens = line.split("{{").length - 1;
				const closes = line.split("}}").length - 1;
				if (opens !== closes) {
					problems.push({
						part,
						line: i + 1,
						message: "syntax error: unexpected end of input, expected end of variable block",
					});
				}
				for (const m of line.matchAll(/\{\{\s*([\w.]+)/g)) {
					const name = m[1] ?? "";
					if (!known.has(name) && !["contact", "company", "deal"].includes(name)) {
						problems.push({ part, line: i + 1, message: `unknown merge field “${name}”.` });
					}
				}
			});
		}
		return problems;
	}

	function values(context: RenderContext): Values {
		const out: Values = {};
		const set = (key: string, v: unknown) => {
			const s = v === null || v === undefined ? "" : String(v).trim();
			if (s) out[key] = s;
		};
		const deal = context.deal_id === null ? undefined : records.deals.get(context.deal_id);
		if (context.deal_id !== null && !deal) throw notFound("deal", context.deal_id);
		const contactId = context.contact_id ?? deal?.contact_id ?? null;
		const contact = contactId === null ? undefined : records.contacts.get(contactId);
		if (context.contact_id !== null && (!contact || contact.deleted_at !== null))
			throw notFound("contact", context.contact_id);
		if (contact) {
			set("contact.first_name", contact.first_name);
			set("contact.last_name", contact.last_name);
			set("contact.full_name", `${contact.first_name} ${contact.last_name}`);
			set("contact.email", contact.emails[0]?.value);
			set("contact.phone", contact.phones[0]?.value);
			set("contact.title", contact.title);
			set("contact.city", contact.city);
			set("contact.country", contact.country);
			set("contact.linkedin", contact.linkedin);
			set("company.name", contact.company_name);
			for (const [k, v] of Object.entries((contact.custom ?? {}) as Record<string, unknown>))
				set(`contact.custom.${k}`, v);
		}
		const companyId = contact?.company_id ?? deal?.company_id ?? null;
		const company = companyId === null ? undefined : records.companies.get(companyId);
		if (company) {
			for (const [field] of standard.company)
				set(`company.${field}`, (company as Record<string, unknown>)[field]);
		}
		if (deal) {
			set("deal.title", deal.title);
			set("deal.value", `${deal.currency} ${(deal.value_cents / 100).toLocaleString("en-US")}`);
			set("deal.currency", deal.currency);
			set("deal.stage", deal.stage_name);
			set("deal.status", deal.status);
			set("deal.expected_close", deal.expected_close);
		}
		return out;
	}

	function render(input: TemplateInput, context: RenderContext): Rendered {
		const vals = values(context);
		const missing = new Set<string>();
		const fill = (source: string, html: boolean) =>
			source
				.replace(/\{%.*?%\}/g, "")
				.replace(
					/\{\{\s*([\w.]+)\s*(?:\|\s*default\(\s*(["'])(.*?)\2\s*\))?\s*\}\}/g,
					(_all, name: string, _q, fallback: string | undefined) => {
						const v = vals[name] ?? fallback;
						if (v === undefined) missing.add(name);
						return html ? escapeHtml(v ?? "") : (v ?? "");
					},
				);
		return {
			subject: fill(input.subject, false)
				.replace(/\s*[\r\n]+\s*/g, " ")
				.trim(),
			body_text: fill(input.body_text, false),
			body_html: input.body_html?.trim() ? fill(input.body_html, true) : null,
			missing: [...missing].sort(),
		};
	}

	function validate(input: TemplateInput, id: number | null): TemplateInput {
		const t = {
			name: input.name.trim().replace(/\s+/g, " "),
			subject: input.subject.trim(),
			body_text: input.body_text.trimEnd(),
			body_html: input.body_html?.trim() ? input.body_html : null,
		};
		if (!t.name) throw validation("name", "Give the template a name.");
		const twin = [...templates.values()].find(
			(o) => !o.deleted && o.id !== id && o.name.toLowerCase() === t.name.toLowerCase(),
		);
		if (twin) throw validation("name", `There is already a template called “${t.name}”.`);
		if (!t.subject) throw validation("subject", "Write a subject.");
		if (!t.body_text.trim() && !t.body_html)
			throw validation("body_text", "Write the message (text, HTML or both).");
		const [first] = check(t);
		if (first) {
			const where = first.line ? `Line ${first.line} of the ${partLabel[first.part]}` : "";
			throw validation(first.part, `${where}: ${first.message}`);
		}
		return t;
	}

	const live = (id: number) => {
		const t = templates.get(id);
		if (!t || t.deleted) throw notFound("template", id);
		return t;
	};
	const plain = ({ deleted: _deleted, ...t }: Template & { deleted: boolean }): Template => t;

	return {
		commands: {
			templatesList: () =>
				ctx.run(() =>
					[...templates.values()]
						.filter((t) => !t.deleted)
						.sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
						.map(plain),
				),
			templateGet: (id) => ctx.run(() => plain(live(id))),
			templateCreate: (input) =>
				ctx.run(() => {
					const t = validate(input, null);
					const at = now();
					const row = { ...t, id: ctx.newId(), created_at: at, updated_at: at, deleted: false };
					templates.set(row.id, row);
					ctx.changed("template", [row.id]);
					return plain(row);
				}),
			templateUpdate: (id, input) =>
				ctx.run(() => {
					const row = live(id);
					Object.assign(row, validate(input, id), { updated_at: now() });
					ctx.changed("template", [id]);
					return plain(row);
				}),
			templateDelete: (id) =>
				ctx.run(() => {
					live(id).deleted = true;
					ctx.changed("template", [id]);
					return null;
				}),
			templateRestore: (id) =>
				ctx.run(() => {
					const row = templates.get(id);
					if (!row?.deleted) throw notFound("template", id);
					row.deleted = false;
					ctx.changed("template", [id]);
					return plain(row);
				}),
			templateMergeFields: () => ctx.run(catalog),
			templatePreview: (input, context) =>
				ctx.run(() => {
					const problems = check(input);
					return { problems, rendered: problems.length ? null : render(input, context) };
				}),
			templateRender: (id, context) => ctx.run(() => render(live(id), context)),
		},
	};
}

function escapeHtml(s: string): string {
	return s
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;")
		.replace(/"/g, "&quot;")
		.replace(/'/g, "&#x27;");
}
