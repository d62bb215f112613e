import type {
	AppError,
	Company,
	CompanyInput,
	CompanyRow,
	ContactDetail,
	ContactInput,
	ContactPoint,
	ContactRow,
	CoreEvent,
	Deal,
	DealMoved,
	Entity,
	Page,
	PageQuery,
	Pipeline,
	SearchHit,
	Stats,
} from "../bindings";
import type { Backend, Commands } from "./backend";
import { sampleCompanies, sampleContacts, sampleDeals, sampleStages } from "./fakeSample";
import type { IpcResult } from "./unwrap";

/** An in-memory core for tests and for `npm run dev` in a plain browser. */
export type FakeBackend = Backend & {
	/** Delivers an event to subscribers, as the core would. */
	emit(event: CoreEvent): void;
	/** Adds a contact without emitting an event, to simulate a change made elsewhere. */
	seedContact(input: Partial<ContactInput>): ContactDetail;
	listenerCount(): number;
};

export type FakeOptions = {
	withSampleData?: boolean;
	/** Simulated IPC latency, so spinners are visible in the browser. */
	latencyMs?: number;
};

const ok = <T>(data: T): IpcResult<T> => ({ status: "ok", data: clone(data) });
const fail = (code: string, message: string, field: string | null = null): IpcResult<never> => ({
	status: "error",
	error: { code, message, field } satisfies AppError,
});

class Failure extends Error {
	constructor(readonly appError: AppError) {
		super(appError.message);
	}
}

function validation(field: string, message: string): Failure {
	return new Failure({ code: "validation", message, field });
}

function clone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const now = () => new Date().toISOString();
const emptyText = (s: string | null | undefined) => {
	const t = s?.trim() ?? "";
	return t === "" ? null : t;
};

export function createFakeBackend(options: FakeOptions = {}): FakeBackend {
	const latency = options.latencyMs ?? 0;
	const listeners = new Set<(e: CoreEvent) => void>();
	const contacts = new Map<number, ContactDetail>();
	const companies = new Map<number, Company>();
	const deals = new Map<number, Deal>();
	let nextId = 1;
	let sampleLoaded = false;

	const pipeline: Pipeline = {
		id: nextId++,
		name: "Sales",
		is_default: true,
		stages: [],
	};
	pipeline.stages = sampleStages.map((s, position) => ({
		id: nextId++,
		pipeline_id: pipeline.id,
		name: s.name,
		position,
		probability: s.probability,
		color: s.color,
		kind: s.kind,
	}));

	function emit(event: CoreEvent) {
		// Core events arrive after the command's reply, never inside it.
		setTimeout(() => {
			for (const cb of listeners) cb(event);
		}, 0);
	}

	const changed = (entity: Entity, ids: number[]) => emit({ type: "data_changed", entity, ids });

	/** Runs a command body, turning thrown Failures into error results, after the latency. */
	async function run<T>(body: () => T): Promise<IpcResult<T>> {
		if (latency > 0) await new Promise((r) => setTimeout(r, latency));
		try {
			return ok(body());
		} catch (e) {
			if (e instanceof Failure) return fail(e.appError.code, e.appError.message, e.appError.field);
			throw e;
		}
	}

	const live = () => [...contacts.values()].filter((c) => c.deleted_at === null);

	function points(values: string[], kind: "email" | "phone"): ContactPoint[] {
		return values.map((value, i) => ({
			id: nextId++,
			value,
			label: kind === "email" ? "work" : null,
			is_primary: i === 0,
		}));
	}

	function validate(input: ContactInput, id: number | null): ContactInput {
		const emails = [...new Set(input.emails.map((e) => e.trim()).filter(Boolean))];
		for (const email of emails) {
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
				throw validation("emails", `“${email}” is not a valid email address.`);
			}
			const owner = live().find(
				(c) => c.id !== id && c.emails.some((p) => p.value.toLowerCase() === email.toLowerCase()),
			);
			if (owner) {
				const name = `${owner.first_name} ${owner.last_name}`.trim();
				throw validation("emails", `${email} already belongs to ${name} (contact ${owner.id}).`);
			}
		}
		const phones = input.phones.map((p) => p.trim()).filter(Boolean);
		for (const phone of phones) {
			if (!/^\+?[\d\s().-]+$/.test(phone) || phone.replace(/\D/g, "").length < 5) {
				throw validation("phones", `“${phone}” is not a phone number.`);
			}
		}
		const first = input.first_name.trim();
		const last = input.last_name.trim();
		if (!first && !last && emails.length === 0) {
			throw validation("first_name", "Give the contact a name or an email address.");
		}
		if (input.company_id !== null && !companies.has(input.company_id)) {
			throw validation("company_id", "That company no longer exists.");
		}
		return {
			...input,
			first_name: first,
			last_name: last,
			title: emptyText(input.title),
			company_name: emptyText(input.company_name),
			city: emptyText(input.city),
			country: emptyText(input.country),
			linkedin: emptyText(input.linkedin),
			lead_status: input.lifecycle === "lead" ? (input.lead_status ?? "new") : input.lead_status,
			emails,
			phones,
		};
	}

	function store(input: ContactInput, existing: ContactDetail | null): ContactDetail {
		const linked = input.company_id === null ? null : companies.get(input.company_id);
		const at = now();
		const contact: ContactDetail = {
			id: existing?.id ?? nextId++,
			first_name: input.first_name,
			last_name: input.last_name,
			title: input.title,
			company_id: input.company_id,
			company_name: linked?.name ?? input.company_name,
			lifecycle: input.lifecycle ?? existing?.lifecycle ?? "contact",
			lead_status: input.lead_status,
			lead_source: input.lead_source,
			emails: points(input.emails, "email"),
			phones: points(input.phones, "phone"),
			city: input.city,
			country: input.country,
			linkedin: input.linkedin,
			score: existing?.score ?? null,
			bounced_at: null,
			unsubscribed_at: null,
			custom: existing?.custom ?? {},
			created_at: existing?.created_at ?? at,
			updated_at: at,
			deleted_at: null,
		};
		contacts.set(contact.id, contact);
		return contact;
	}

	function getContact(id: number): ContactDetail {
		const c = contacts.get(id);
		if (!c || c.deleted_at !== null)
			throw new Failure({ code: "not_found", message: `No contact ${id}.`, field: null });
		return c;
	}

	function toRow(c: ContactDetail): ContactRow {
		return {
			id: c.id,
			first_name: c.first_name,
			last_name: c.last_name,
			email: c.emails[0]?.value ?? null,
			phone: c.phones[0]?.value ?? null,
			title: c.title,
			company_id: c.company_id,
			company_name: c.company_name,
			lifecycle: c.lifecycle,
			lead_status: c.lead_status,
			city: c.city,
			country: c.country,
			updated_at: c.updated_at,
		};
	}

	/** Prefix match on any word of the given texts, like the core's search index. */
	function matches(search: string | null, texts: (string | null)[]): boolean {
		const terms = (search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
		if (terms.length === 0) return true;
		const words = texts
			.filter((t): t is string => !!t)
			.flatMap((t) => [t.toLowerCase(), ...t.toLowerCase().split(/[\s@.,-]+/)]);
		return terms.every((term) => words.some((w) => w.startsWith(term)));
	}

	function paginate<T>(all: T[], query: PageQuery): Page<T> {
		const limit = query.limit ?? 100;
		if (limit < 1 || limit > 500) throw validation("limit", "Ask for 1 to 500 rows.");
		const start = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
		const items = all.slice(start, start + limit);
		const end = start + items.length;
		return { items, next_cursor: end < all.length ? String(end) : null, total: all.length };
	}

	function createCompany(input: CompanyInput): Company {
		const name = input.name.trim();
		if (!name) throw validation("name", "Give the company a name.");
		const domain = input.website
			? (input.website
					.toLowerCase()
					.replace(/^https?:\/\//, "")
					.replace(/^www\./, "")
					.split("/")[0] ?? null)
			: null;
		const at = now();
		const c: Company = {
			id: nextId++,
			name,
			domain,
			website: input.website,
			industry: input.industry,
			size: input.size,
			phone: input.phone,
			city: input.city,
			country: input.country,
			description: input.description,
			created_at: at,
			updated_at: at,
		};
		companies.set(c.id, c);
		return c;
	}

	/** Just after the last deal of a stage column, like the core's `next_position`. */
	function nextPosition(stageId: number): number {
		const taken = [...deals.values()]
			.filter((d) => d.stage_id === stageId && d.position !== null)
			.map((d) => d.position as number);
		return (taken.length === 0 ? 0 : Math.max(...taken)) + 1;
	}

	function getDeal(id: number): Deal {
		const d = deals.get(id);
		if (!d) throw new Failure({ code: "not_found", message: `No deal ${id}.`, field: null });
		return d;
	}

	const stageOrder = (stageId: number) =>
		pipeline.stages.find((s) => s.id === stageId)?.position ?? Number.MAX_SAFE_INTEGER;

	function loadSample() {
		const total = sampleCompanies.length + sampleContacts.length + sampleDeals.length;
		let done = 0;
		const progress = (state: "running" | "completed") =>
			emit({
				type: "job_progress",
				job_id: 1,
				kind: "sample_data",
				state,
				done,
				total,
				rate: null,
				message: null,
			});
		progress("running");
		const companyIds = sampleCompanies.map((input) => {
			done++;
			return createCompany(input).id;
		});
		const contactIds = sampleContacts.map((input) => {
			done++;
			const index = sampleCompanies.findIndex((c) => c.name === input.company_name);
			return store({ ...input, company_id: companyIds[index] ?? null }, null).id;
		});
		for (const [title, stageIndex, ci, pi, value] of sampleDeals) {
			done++;
			const stage = pipeline.stages[stageIndex];
			const co = companies.get(companyIds[ci] ?? -1);
			const person = contacts.get(contactIds[pi] ?? -1);
			if (!stage) continue;
			const deal: Deal = {
				id: nextId++,
				title,
				pipeline_id: pipeline.id,
				stage_id: stage.id,
				stage_name: stage.name,
				company_id: co?.id ?? null,
				company_name: co?.name ?? null,
				contact_id: person?.id ?? null,
				contact_name: person ? `${person.first_name} ${person.last_name}` : null,
				value_cents: value * 100,
				currency: "USD",
				probability: stage.probability,
				expected_close: null,
				status: "open",
				position: nextPosition(stage.id),
				loss_reason: null,
				stage_changed_at: now(),
				updated_at: now(),
			};
			deals.set(deal.id, deal);
		}
		progress("completed");
		sampleLoaded = true;
		for (const entity of ["company", "contact", "deal"] as const) changed(entity, []);
		return {
			companies: sampleCompanies.length,
			contacts: sampleContacts.length,
			deals: sampleDeals.length,
			tasks: 0,
			notes: 0,
			activities: 0,
		};
	}

	function stats(): Stats {
		const people = live();
		return {
			companies: companies.size,
			contacts: people.filter((c) => c.lifecycle !== "lead").length,
			leads: people.filter((c) => c.lifecycle === "lead").length,
			deals: deals.size,
			pipelines: 1,
			stages: pipeline.stages.length,
			activities: 0,
			notes: 0,
			tasks: 0,
			tags: 0,
			custom_fields: 0,
			saved_views: 0,
			templates: 0,
		};
	}

	const byName = (a: { first_name: string; last_name: string; id: number }, b: typeof a) =>
		a.last_name.localeCompare(b.last_name, undefined, { sensitivity: "base" }) ||
		a.first_name.localeCompare(b.first_name, undefined, { sensitivity: "base" }) ||
		a.id - b.id;

	const commands: Commands = {
		appInfo: () =>
			run(() => {
				const s = stats();
				return {
					version: "0.1.0 (in-browser preview)",
					db_path: "(in memory — nothing is saved)",
					schema_version: 1,
					is_empty: s.contacts + s.leads + s.companies + s.deals === 0,
					sample_loaded: sampleLoaded,
				};
			}),
		stats: () => run(stats),
		loadSampleData: () =>
			run(() => {
				if (sampleLoaded) {
					const summary = {
						companies: 0,
						contacts: 0,
						deals: 0,
						tasks: 0,
						notes: 0,
						activities: 0,
					};
					return { loaded: false, summary };
				}
				return { loaded: true, summary: loadSample() };
			}),
		pipelines: () => run(() => [pipeline]),
		cancelJob: () => run(() => false),
		contactsList: (query) =>
			run(() => {
				const rows = live()
					.filter((c) =>
						matches(query.search, [
							c.first_name,
							c.last_name,
							`${c.first_name} ${c.last_name}`,
							c.company_name,
							...c.emails.map((e) => e.value),
						]),
					)
					.sort(byName)
					.map(toRow);
				return paginate(rows, query);
			}),
		contactGet: (id) => run(() => getContact(id)),
		contactCreate: (input) =>
			run(() => {
				const c = store(validate(input, null), null);
				changed("contact", [c.id]);
				return c;
			}),
		contactUpdate: (id, input) =>
			run(() => {
				const existing = getContact(id);
				const c = store(validate(input, id), existing);
				changed("contact", [id]);
				return c;
			}),
		contactsDelete: (ids) =>
			run(() => {
				for (const id of ids) {
					const c = contacts.get(id);
					if (c) c.deleted_at = now();
				}
				changed("contact", ids);
				return null;
			}),
		contactsRestore: (ids) =>
			run(() => {
				for (const id of ids) {
					const c = contacts.get(id);
					if (c) c.deleted_at = null;
				}
				changed("contact", ids);
				return null;
			}),
		companiesList: (query) =>
			run(() => {
				const rows: CompanyRow[] = [...companies.values()]
					.filter((c) => matches(query.search, [c.name, c.domain]))
					.sort(
						(a, b) =>
							a.name.localeCompare(b.name, undefined, { sensitivity: "base" }) || a.id - b.id,
					)
					.map((c) => ({
						id: c.id,
						name: c.name,
						domain: c.domain,
						industry: c.industry,
						city: c.city,
						country: c.country,
						contacts: live().filter((p) => p.company_id === c.id).length,
						open_deals: [...deals.values()].filter(
							(d) => d.company_id === c.id && d.status === "open",
						).length,
						updated_at: c.updated_at,
					}));
				return paginate(rows, query);
			}),
		companyCreate: (input) =>
			run(() => {
				const c = createCompany(input);
				changed("company", [c.id]);
				return c;
			}),
		dealsOpen: (pipelineId) =>
			run(() =>
				// Board order, like the core: stage, then position in the column.
				[...deals.values()]
					.filter((d) => d.pipeline_id === pipelineId && d.status === "open")
					.sort(
						(a, b) =>
							stageOrder(a.stage_id) - stageOrder(b.stage_id) ||
							(a.position ?? Number.MAX_VALUE) - (b.position ?? Number.MAX_VALUE) ||
							a.id - b.id,
					),
			),
		dealGet: (id) => run(() => getDeal(id)),
		dealMove: (input) =>
			run((): DealMoved => {
				const deal = getDeal(input.deal_id);
				const to = pipeline.stages.find((s) => s.id === input.stage_id);
				if (!to || to.pipeline_id !== deal.pipeline_id) {
					throw validation("stage_id", "That stage is not in this deal's pipeline.");
				}
				const reason = emptyText(input.reason);
				if (to.kind === "lost" && reason === null) {
					throw validation("reason", "Say why the deal was lost.");
				}
				const from = clone(deal);
				const stageChanged = to.id !== deal.stage_id;
				const position =
					input.position !== null && Number.isFinite(input.position)
						? input.position
						: stageChanged
							? nextPosition(to.id)
							: deal.position;
				const at = now();
				deal.stage_id = to.id;
				deal.stage_name = to.name;
				deal.status = to.kind;
				deal.position = position;
				deal.loss_reason = to.kind === "lost" ? reason : null;
				deal.updated_at = at;
				if (stageChanged) {
					deal.stage_changed_at = at;
					deal.probability = to.probability;
				}
				changed("deal", [deal.id]);
				return {
					deal,
					from_stage_id: from.stage_id,
					from_position: from.position,
					from_reason: from.loss_reason,
				};
			}),
		search: (query, limit) =>
			run(() => {
				const hits: SearchHit[] = [
					...live()
						.filter((c) =>
							matches(query, [c.first_name, c.last_name, ...c.emails.map((e) => e.value)]),
						)
						.map((c) => ({
							entity: "contact" as const,
							id: c.id,
							title: `${c.first_name} ${c.last_name}`.trim(),
							subtitle: c.company_name ?? c.emails[0]?.value ?? "",
						})),
					...[...companies.values()]
						.filter((c) => matches(query, [c.name, c.domain]))
						.map((c) => ({
							entity: "company" as const,
							id: c.id,
							title: c.name,
							subtitle: c.domain ?? "",
						})),
					...[...deals.values()]
						.filter((d) => matches(query, [d.title]))
						.map((d) => ({
							entity: "deal" as const,
							id: d.id,
							title: d.title,
							subtitle: d.stage_name,
						})),
				];
				return hits.slice(0, limit);
			}),
	};

	if (options.withSampleData) loadSample();

	return {
		commands,
		onCoreEvent: async (cb) => {
			listeners.add(cb);
			return () => {
				listeners.delete(cb);
			};
		},
		emit,
		seedContact: (partial) =>
			store(
				validate(
					{
						first_name: "",
						last_name: "",
						title: null,
						company_id: null,
						company_name: null,
						lifecycle: "contact",
						lead_status: null,
						lead_source: null,
						emails: [],
						phones: [],
						city: null,
						country: null,
						linkedin: null,
						...partial,
					},
					null,
				),
				null,
			),
		listenerCount: () => listeners.size,
	};
}
