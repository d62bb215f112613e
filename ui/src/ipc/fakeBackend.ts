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
	Dashboard,
	Deal,
	DealInput,
	DealMoved,
	Entity,
	LeadConverted,
	OutboxItem,
	Page,
	PageQuery,
	Pipeline,
	RecordRef,
	SearchHit,
	Stats,
	Task,
	TaskBucket,
	TaskCompleted,
	TaskInput,
	TimelineItem,
	Value,
} from "../bindings";
import type { Backend, Commands } from "./backend";
import { fakeBackups } from "./fake/backups";
import { Failure, type FakeContext, validation } from "./fake/context";
import { fakeCustomFields } from "./fake/customFields";
import { fakeImports } from "./fake/imports";
import { type FakeMail, fakeInbox } from "./fake/inbox";
import { fakeLists } from "./fake/lists";
import { fakeMailboxes } from "./fake/mailboxes";
import { fakeMerge } from "./fake/merge";
import { fakeOutbox } from "./fake/outbox";
import { fakePipelines } from "./fake/pipelines";
import { fakeRecords } from "./fake/records";
import { fakeScoring } from "./fake/scoring";
import { fakeSequences } from "./fake/sequences";
import { fakeSettingsUndo } from "./fake/settingsUndo";
import { fakeSuppressions } from "./fake/suppressions";
import { fakeTemplates } from "./fake/templates";
import { sampleCompanies, sampleContacts, sampleDeals, sampleStages } from "./fakeSample";
import type { IpcResult } from "./unwrap";

/** An in-memory core for tests and for `npm run dev` in a plain browser. */
export type FakeBackend = Backend & {
	/** Delivers an event to subscribers, as the core would. */
	emit(event: CoreEvent): void;
	/** Adds a contact without emitting an event, to simulate a change made elsewhere. */
	seedContact(input: Partial<ContactInput>): ContactDetail;
	listenerCount(): number;
	/** Stores a received (or sent) message as a mail sync would; returns its thread and id. */
	deliverEmail(mail: FakeMail): { thread_id: number; email_id: number };
	/** Moves an outbox message as the background sender would (the fake never sends). */
	setOutboxStatus(id: number, status: OutboxItem["status"], patch?: Partial<OutboxItem>): void;
	/** One scheduler step for every running enrollment of a sequence (emails count as sent). */
	advanceSequence(sequenceId: number): void;
	/** The email-in match of a reply: stops the enrollment with reason "reply". */
	replyToEnrollment(enrollmentId: number): void;
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

function clone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const now = () => new Date().toISOString();
const emptyText = (s: string | null | undefined) => {
	const t = s?.trim() ?? "";
	return t === "" ? null : t;
};

/** A custom-field error of the record a lead conversion creates, named and worded as the core does. */
function forRecord<T>(prefix: string, what: string, make: () => T): T {
	try {
		return make();
	} catch (e) {
		const field = e instanceof Failure ? e.appError.field : null;
		if (e instanceof Failure && field?.startsWith("custom."))
			throw validation(
				`${prefix}.${field}`,
				`${e.appError.message.replace(/\.$/, "")} (for the ${what})`,
			);
		throw e;
	}
}

export function createFakeBackend(options: FakeOptions = {}): FakeBackend {
	const latency = options.latencyMs ?? 0;
	const listeners = new Set<(e: CoreEvent) => void>();
	const contacts = new Map<number, ContactDetail>();
	const companies = new Map<number, Company>();
	const deals = new Map<number, Deal>();
	const dealCreatedAt = new Map<number, string>();
	const tasks = new Map<number, Task>();
	/** Completed task id → the next occurrence its completion generated. */
	const generatedNext = new Map<number, number>();
	const timelineItems: TimelineItem[] = [];
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
	/** The live pipelines, in order; the first is the one every database starts with. */
	const pipelines: Pipeline[] = [pipeline];

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

	/** Shared with the per-area fakes in ./fake/. */
	const ctx: FakeContext = { run, changed, newId: () => nextId++ };
	const customFields = fakeCustomFields(ctx);
	const backups = fakeBackups(ctx, (entity, query) => lists.commands.listCount(entity, query));
	const merge = fakeMerge(ctx, {
		contacts,
		companies,
		deals,
		tasks,
		timeline: timelineItems,
		// Called only from commands, after `records` and `lists` below exist.
		trashCompany: (id) => records.trashCompany(id),
		unionTags: (entity, keep, drop) => lists.unionTags(entity, keep, drop),
	});
	const records = fakeRecords(ctx, {
		contacts,
		companies,
		deals,
		dealCreatedAt,
		timeline: timelineItems,
		customFields,
	});
	const scoring = fakeScoring(ctx, { contacts, companies, timeline: timelineItems });
	const templates = fakeTemplates(ctx, {
		contacts,
		companies,
		deals,
		customFields: (entity) => customFields.live(entity),
	});
	const suppressions = fakeSuppressions(ctx, companies);
	const mailboxes = fakeMailboxes(ctx);
	const outbox = fakeOutbox(ctx, {
		mailboxes: () => mailboxes.commands.mailboxesList(),
		contact: (id) => contacts.get(id),
		render: (id, contact_id, deal_id) =>
			templates.commands.templateRender(id, { contact_id, deal_id }),
		suppressed: (email) => suppressions.commands.suppressionCheck(email),
	});
	const inbox = fakeInbox(ctx, {
		mailboxes: () => mailboxes.commands.mailboxesList(),
		contact: (id) => contacts.get(id),
		contactByEmail: (email) =>
			live().find((c) => c.emails.some((e) => e.value.toLowerCase() === email.toLowerCase())),
		createContact: (partial) => seedContact(partial),
	});
	const sequences = fakeSequences(ctx, {
		contact: (id) => contacts.get(id),
		createDeal: (input) => createDeal(input),
		updateContact: (id, patch) => {
			const c = contacts.get(id);
			if (c) contacts.set(id, { ...c, ...patch, updated_at: new Date().toISOString() });
		},
		templates: () => templates.commands.templatesList(),
		mailboxes: () => mailboxes.commands.mailboxesList(),
		viewContactIds: async (viewId) => {
			for (const entity of ["contact", "lead"] as const) {
				const views = await lists.commands.savedViewsList(entity);
				const view = views.status === "ok" ? views.data.find((v) => v.id === viewId) : undefined;
				if (view)
					return lists.commands.listIds(entity, {
						search: null,
						cursor: null,
						limit: null,
						filter: view.filter,
					});
			}
			return fail("validation", "Choose a saved view of the contacts or leads list.", "view");
		},
		suppressed: (email) => suppressions.commands.suppressionCheck(email),
	});
	const settingsUndo = fakeSettingsUndo(ctx);
	const lists = fakeLists(ctx, {
		contacts,
		companies,
		deals,
		dealCreatedAt,
		pipelines,
		customFields,
		undo: settingsUndo,
	});
	const pipelineOps = fakePipelines(ctx, {
		pipelines,
		deals,
		writeTimeline,
		nextPosition,
		undo: settingsUndo,
	});
	const imports = fakeImports(ctx, {
		contacts,
		companies,
		deals,
		pipelines,
		customFields,
		createCompany,
		createDeal,
		emit,
		createContact: (input) => store(validate(input, null), null),
	});

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
		const previous = id === null ? {} : (contacts.get(id)?.custom ?? {});
		const custom = customFields.check("contact", input.custom, previous) as {
			[key: string]: Value;
		};
		return {
			...input,
			custom,
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
			score_detail: existing?.score_detail ?? null,
			bounced_at: null,
			unsubscribed_at: null,
			custom: input.custom ?? existing?.custom ?? {},
			created_at: existing?.created_at ?? at,
			updated_at: at,
			deleted_at: null,
		};
		contacts.set(contact.id, contact);
		scoring.rescore(contact);
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
			custom: c.custom,
			lead_source: c.lead_source,
			score: c.score,
			score_grade: c.score_detail?.grade ?? null,
			temperature: c.score_detail?.temperature ?? null,
			tags: lists.tagsOf("contact", c.id),
			created_at: c.created_at,
			last_activity_at: null,
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

	/** The contacts a list query matches: its search, and its lifecycle, lead status and source filters. */
	function matchingContacts(search: string | null, query: Partial<PageQuery> = {}) {
		return live().filter(
			(c) =>
				(!query.lifecycle || c.lifecycle === query.lifecycle) &&
				(!query.lead_status || c.lead_status === query.lead_status) &&
				(!query.lead_source || c.lead_source === query.lead_source) &&
				matches(search, [
					c.first_name,
					c.last_name,
					`${c.first_name} ${c.last_name}`,
					c.company_name,
					...c.emails.map((e) => e.value),
				]),
		);
	}

	function paginate<T>(all: T[], query: PageQuery, withTotal = true): Page<T> {
		const limit = query.limit ?? 100;
		if (limit < 1 || limit > 500) throw validation("limit", "Ask for 1 to 500 rows.");
		const start = query.cursor ? Number.parseInt(query.cursor, 10) : 0;
		const items = all.slice(start, start + limit);
		const end = start + items.length;
		// Like the core: a total only where counting is cheap (first pages of small lists).
		const total = withTotal && !query.cursor ? all.length : null;
		return { items, next_cursor: end < all.length ? String(end) : null, total };
	}

	function createCompany(input: CompanyInput): Company {
		const name = input.name.trim();
		if (!name) throw validation("name", "A company needs a name.");
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
			custom: customFields.check("company", input.custom, {}),
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
		allStages().find((s) => s.id === stageId)?.position ?? Number.MAX_SAFE_INTEGER;
	const allStages = () => pipelines.flatMap((p) => p.stages);

	function loadSample() {
		customFields.define({
			entity: "contact",
			label: "Preferred channel",
			field_type: "select",
			options: ["Email", "Phone", "LinkedIn"],
			required: false,
		});
		customFields.define({
			entity: "company",
			label: "Employees",
			field_type: "number",
			options: [],
			required: false,
		});
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
				custom: {},
				stage_probability: stage.probability,
				probability_set: false,
			};
			deals.set(deal.id, deal);
			dealCreatedAt.set(deal.id, deal.updated_at);
		}
		// A few follow-ups and a note, so Tasks and timelines are not empty in the preview.
		const hour = 3_600_000;
		const inHours = (h: number) => new Date(Date.now() + h * hour).toISOString();
		const taskSeed: [string, string, string, number, string | null, number][] = [
			["Call Katherine about the fleet pilot", "call", "high", -26, null, 3],
			["Send Globex the revised proposal", "proposal", "urgent", 1, null, 1],
			["Weekly pipeline review", "meeting", "normal", 72, "FREQ=WEEKLY", -1],
		];
		for (const [title, kind, priority, dueIn, rrule, pi] of taskSeed) {
			createTask({
				title,
				kind,
				priority,
				due_at: inHours(dueIn),
				reminder_at: null,
				rrule,
				notes: null,
				contact_id: contactIds[pi] ?? null,
				company_id: null,
				deal_id: null,
			});
		}
		const ada = contacts.get(contactIds[0] ?? -1);
		if (ada) {
			writeTimeline({
				source: "note",
				kind: "note",
				subject: "Renewal timing",
				body: "Budget is approved for Q1; wants the SSO add-on quoted separately.",
				occurred_at: inHours(-50),
				contact_id: ada.id,
				company_id: ada.company_id,
				deal_id: null,
				meta: {},
			});
		}
		lists.seedSample();
		// Scored with their timelines, as the core scores the sample once it is in.
		for (const c of contacts.values()) scoring.rescore(c);
		progress("completed");
		sampleLoaded = true;
		for (const entity of ["company", "contact", "deal", "task", "note"] as const)
			changed(entity, []);
		return {
			companies: sampleCompanies.length,
			contacts: sampleContacts.length,
			deals: sampleDeals.length,
			tasks: taskSeed.length,
			notes: ada ? 1 : 0,
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
			pipelines: pipelines.length,
			stages: allStages().length,
			activities: timelineItems.filter((t) => t.source === "activity").length,
			notes: timelineItems.filter((t) => t.source === "note").length,
			tasks: tasks.size,
			tags: 0,
			custom_fields: 0,
			saved_views: 0,
			templates: 0,
		};
	}

	function writeTimeline(item: Omit<TimelineItem, "id">): TimelineItem {
		const full: TimelineItem = { id: nextId++, ...item };
		timelineItems.push(full);
		return full;
	}

	const isDate = (s: string) =>
		/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
	const isInstant = (s: string) =>
		/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
		!Number.isNaN(Date.parse(s));

	function createDeal(input: DealInput): Deal {
		const title = input.title.trim();
		if (!title) throw validation("title", "Give the deal a title.");
		const into =
			input.pipeline_id === null
				? (pipelines.find((p) => p.is_default) ?? pipelines[0])
				: pipelines.find((p) => p.id === input.pipeline_id);
		if (!into) throw validation("pipeline_id", "That pipeline does not exist.");
		if (!Number.isInteger(input.value_cents) || input.value_cents < 0)
			throw validation("value_cents", "The value cannot be negative.");
		if (
			input.probability !== null &&
			(!Number.isInteger(input.probability) || input.probability < 0 || input.probability > 100)
		)
			throw validation("probability", "Probability is a percentage, 0 to 100.");
		const currency = (emptyText(input.currency) ?? "USD").toUpperCase();
		if (!/^[A-Z]{3}$/.test(currency))
			throw validation("currency", "Use a three-letter currency code, like USD or EUR.");
		const close = emptyText(input.expected_close);
		if (close !== null && !isDate(close))
			throw validation("expected_close", "Use a date like 2026-12-31.");
		const stage =
			input.stage_id === null
				? [...into.stages].sort((a, b) => a.position - b.position).find((s) => s.kind === "open")
				: into.stages.find((s) => s.id === input.stage_id);
		if (!stage) throw validation("stage_id", "That stage is not in this pipeline.");
		const company = input.company_id === null ? null : companies.get(input.company_id);
		if (company === undefined) throw validation("company_id", "That company no longer exists.");
		const person = input.contact_id === null ? null : contacts.get(input.contact_id);
		if (person === undefined || person?.deleted_at)
			throw validation("contact_id", "That contact no longer exists.");
		const custom = customFields.check("deal", input.custom, {});
		const at = now();
		const deal: Deal = {
			id: nextId++,
			title,
			pipeline_id: into.id,
			stage_id: stage.id,
			stage_name: stage.name,
			company_id: company?.id ?? null,
			company_name: company?.name ?? null,
			contact_id: person?.id ?? null,
			contact_name: person ? `${person.first_name} ${person.last_name}`.trim() : null,
			value_cents: input.value_cents,
			currency,
			probability: input.probability ?? stage.probability,
			expected_close: close,
			status: stage.kind,
			position: nextPosition(stage.id),
			loss_reason: null,
			stage_changed_at: at,
			updated_at: at,
			custom,
			stage_probability: stage.probability,
			probability_set: input.probability !== null,
		};
		deals.set(deal.id, deal);
		dealCreatedAt.set(deal.id, at);
		return deal;
	}

	const taskKinds = ["call", "email", "meeting", "follow_up", "demo", "proposal", "other"];
	const priorities = ["low", "normal", "high", "urgent"];

	function createTask(input: TaskInput, seriesId: number | null = null): Task {
		const title = input.title.trim();
		if (!title) throw validation("title", "Give the task a title.");
		const kind = emptyText(input.kind) ?? "other";
		if (!taskKinds.includes(kind)) throw validation("kind", `“${kind}” is not a kind of task.`);
		const priority = emptyText(input.priority) ?? "normal";
		if (!priorities.includes(priority))
			throw validation("priority", `“${priority}” is not a priority.`);
		const due = emptyText(input.due_at);
		if (due !== null && !isInstant(due))
			throw validation("due_at", "Use a date and time, like 2026-12-31T09:00:00Z.");
		const reminder = emptyText(input.reminder_at);
		if (reminder !== null && !isInstant(reminder))
			throw validation("reminder_at", "Use a date and time, like 2026-12-31T09:00:00Z.");
		const rrule = emptyText(input.rrule)?.toUpperCase() ?? null;
		if (rrule !== null) {
			if (
				!/^FREQ=(DAILY|WEEKLY|MONTHLY|YEARLY)(;(INTERVAL=\d+|BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*|COUNT=\d+|UNTIL=\d{8}(T\d{6}Z)?))*$/.test(
					rrule,
				)
			)
				throw validation("rrule", `“${rrule}” is not a repeat rule Outpost understands.`);
			if (due === null) throw validation("rrule", "A repeating task needs a due date.");
		}
		const person = input.contact_id === null ? null : contacts.get(input.contact_id);
		if (person === undefined) throw validation("contact_id", "That contact no longer exists.");
		if (input.company_id !== null && !companies.has(input.company_id))
			throw validation("company_id", "That company no longer exists.");
		const deal = input.deal_id === null ? null : deals.get(input.deal_id);
		if (deal === undefined) throw validation("deal_id", "That deal no longer exists.");
		const task: Task = {
			id: nextId++,
			title,
			kind,
			priority,
			status: "open",
			due_at: due === null ? null : new Date(due).toISOString(),
			reminder_at: reminder,
			rrule,
			series_id: seriesId,
			notes: emptyText(input.notes),
			contact_id: person?.id ?? null,
			contact_name: person ? `${person.first_name} ${person.last_name}`.trim() : null,
			company_id: input.company_id,
			deal_id: deal?.id ?? null,
			deal_title: deal?.title ?? null,
			completed_at: null,
			created_at: now(),
		};
		tasks.set(task.id, task);
		return task;
	}

	function getTask(id: number): Task {
		const t = tasks.get(id);
		if (!t) throw new Failure({ code: "not_found", message: `No task ${id}.`, field: null });
		return t;
	}

	const weekdays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

	/** The next due instant of a repeating task (a simple subset of RFC 5545). */
	function nextDue(due: string, rrule: string): string {
		const parts = new Map(rrule.split(";").map((p) => p.split("=") as [string, string]));
		const d = new Date(due);
		const interval = Number(parts.get("INTERVAL") ?? "1");
		switch (parts.get("FREQ")) {
			case "DAILY":
				d.setUTCDate(d.getUTCDate() + interval);
				break;
			case "WEEKLY": {
				const byDay = parts.get("BYDAY")?.split(",");
				if (byDay && byDay.length > 0) {
					do d.setUTCDate(d.getUTCDate() + 1);
					while (!byDay.includes(weekdays[d.getUTCDay()] ?? ""));
				} else d.setUTCDate(d.getUTCDate() + 7 * interval);
				break;
			}
			case "MONTHLY":
				d.setUTCMonth(d.getUTCMonth() + interval);
				break;
			default:
				d.setUTCFullYear(d.getUTCFullYear() + interval);
		}
		return d.toISOString();
	}

	function bucketOf(t: Task, at: Date): TaskBucket {
		if (t.status !== "open") return "done";
		if (t.due_at === null) return "upcoming";
		const due = new Date(t.due_at);
		if (due < at) return "overdue";
		const endOfDay = new Date(at);
		endOfDay.setHours(23, 59, 59, 999);
		return due <= endOfDay ? "today" : "upcoming";
	}

	function recordExists(record: RecordRef): boolean {
		if (record.entity === "contact") return contacts.has(record.id);
		if (record.entity === "company") return companies.has(record.id);
		return deals.has(record.id);
	}

	function onRecord(item: TimelineItem, record: RecordRef): boolean {
		if (record.entity === "contact") return item.contact_id === record.id;
		if (record.entity === "company") return item.company_id === record.id;
		return item.deal_id === record.id;
	}

	const domainOf = (email: string | undefined) => email?.split("@")[1]?.toLowerCase() ?? null;

	function dashboard(pipelineId: number | null): Dashboard {
		if (pipelineId !== null && pipelineId !== pipeline.id)
			throw new Failure({ code: "not_found", message: `No pipeline ${pipelineId}.`, field: null });
		const all = [...deals.values()].filter((d) => d.pipeline_id === pipeline.id);
		const open = all.filter((d) => d.status === "open");
		const weighted = (d: Deal) => Math.round((d.value_cents * d.probability) / 100);
		const by_stage = [...pipeline.stages]
			.sort((a, b) => a.position - b.position)
			.filter((s) => s.kind === "open")
			.map((s) => {
				const here = open.filter((d) => d.stage_id === s.id);
				return {
					stage_id: s.id,
					name: s.name,
					color: s.color,
					count: here.length,
					value_cents: here.reduce((n, d) => n + d.value_cents, 0),
					weighted_cents: here.reduce((n, d) => n + weighted(d), 0),
				};
			});
		const months = new Map<string, Deal[]>();
		for (const d of open) {
			const month = d.expected_close?.slice(0, 7) ?? "none";
			months.set(month, [...(months.get(month) ?? []), d]);
		}
		const forecast = [...months]
			.sort(([a], [b]) => (a === "none" ? 1 : b === "none" ? -1 : a.localeCompare(b)))
			.map(([month, ds]) => ({
				month,
				count: ds.length,
				value_cents: ds.reduce((n, d) => n + d.value_cents, 0),
				weighted_cents: ds.reduce((n, d) => n + weighted(d), 0),
			}));
		const since = (days: number) => Date.now() - days * 86_400_000;
		const closedRecently = (status: string) =>
			all.filter((d) => d.status === status && Date.parse(d.stage_changed_at) >= since(90)).length;
		const won_90d = closedRecently("won");
		const lost_90d = closedRecently("lost");
		const cycles = all
			.filter((d) => d.status === "won" && Date.parse(d.stage_changed_at) >= since(365))
			.map(
				(d) =>
					(Date.parse(d.stage_changed_at) - Date.parse(dealCreatedAt.get(d.id) ?? d.updated_at)) /
					86_400_000,
			);
		const kinds = new Map<string, number>();
		for (const item of timelineItems) {
			if (!["call", "meeting", "note", "email_out", "email_in"].includes(item.kind)) continue;
			if (Date.parse(item.occurred_at) < since(7)) continue;
			kinds.set(item.kind, (kinds.get(item.kind) ?? 0) + 1);
		}
		const at = new Date();
		return {
			pipeline_id: pipeline.id,
			by_stage,
			forecast,
			won_90d,
			lost_90d,
			win_rate: won_90d + lost_90d === 0 ? null : won_90d / (won_90d + lost_90d),
			avg_cycle_days:
				cycles.length === 0 ? null : cycles.reduce((a, b) => a + b, 0) / cycles.length,
			activity_week: [...kinds].map(([kind, count]) => ({ kind, count })),
			overdue_tasks: [...tasks.values()].filter((t) => bucketOf(t, at) === "overdue").length,
		};
	}

	const commands: Commands = {
		...customFields.commands,
		...backups.commands,
		...merge.commands,
		...records.commands,
		...lists.commands,
		...scoring.commands,
		...templates.commands,
		...suppressions.commands,
		...mailboxes.commands,
		...outbox.commands,
		...inbox.commands,
		...pipelineOps.commands,
		...settingsUndo.commands,
		...imports.commands,
		...sequences.commands,
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
		pipelines: () => run(() => pipelines),
		contactsList: (query) =>
			run(() => {
				const rows = lists
					.apply("contact", matchingContacts(query.search, query), query)
					.map(toRow);
				return paginate(rows, query, false);
			}),
		contactsCount: (search) => run(() => matchingContacts(search).length),
		contactsCountWhere: (query) =>
			run(() => lists.apply("contact", matchingContacts(query.search, query), query).length),
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
				const found = [...companies.values()].filter((c) =>
					matches(query.search, [c.name, c.domain]),
				);
				const rows: CompanyRow[] = lists.apply("company", found, query).map((c) => ({
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
					custom: c.custom,
					tags: lists.tagsOf("company", c.id),
					size: c.size,
					phone: c.phone,
					created_at: c.created_at,
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
				const to = allStages().find((s) => s.id === input.stage_id);
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
				const enrollmentsStopped = stageChanged
					? sequences.dealStatusChanged({
							title: deal.title,
							contactIds: deal.contact_id === null ? [] : [deal.contact_id],
							from: deal.status,
							to: to.kind,
						})
					: 0;
				deal.stage_id = to.id;
				deal.stage_name = to.name;
				deal.status = to.kind;
				deal.position = position;
				deal.loss_reason = to.kind === "lost" ? reason : null;
				deal.updated_at = at;
				if (stageChanged) {
					deal.stage_changed_at = at;
					deal.stage_probability = to.probability;
					if (!deal.probability_set) deal.probability = to.probability;
					writeTimeline({
						source: "activity",
						kind: "stage_change",
						subject: `${from.stage_name} → ${to.name}`,
						body: null,
						occurred_at: at,
						contact_id: deal.contact_id,
						company_id: deal.company_id,
						deal_id: deal.id,
						meta: { from_stage: from.stage_name, to_stage: to.name, deal: deal.title },
					});
					changed("activity", []);
				}
				changed("deal", [deal.id]);
				return {
					deal,
					from_stage_id: from.stage_id,
					from_position: from.position,
					from_reason: from.loss_reason,
					enrollments_stopped: enrollmentsStopped,
				};
			}),
		dealCreate: (input) =>
			run(() => {
				const deal = createDeal(input);
				changed("deal", [deal.id]);
				return deal;
			}),
		tasksList: (bucket, limit) =>
			run(() => {
				if (limit < 1 || limit > 500) throw validation("limit", "Ask for 1 to 500 tasks.");
				const at = new Date();
				const due = (t: Task) =>
					t.due_at === null ? Number.MAX_SAFE_INTEGER : Date.parse(t.due_at);
				return [...tasks.values()]
					.filter((t) => bucketOf(t, at) === bucket)
					.sort((a, b) =>
						bucket === "done"
							? (b.completed_at ?? "").localeCompare(a.completed_at ?? "") || b.id - a.id
							: due(a) - due(b) || a.id - b.id,
					)
					.slice(0, limit);
			}),
		taskCreate: (input) =>
			run(() => {
				const task = createTask(input);
				changed("task", [task.id]);
				return task;
			}),
		taskComplete: (id) =>
			run((): TaskCompleted => {
				const task = getTask(id);
				if (task.status !== "open")
					throw new Failure({
						code: "conflict",
						message: "That task is already completed.",
						field: null,
					});
				task.status = "done";
				task.completed_at = now();
				let next: Task | null = null;
				if (task.rrule !== null && task.due_at !== null) {
					next = createTask(
						{
							title: task.title,
							kind: task.kind,
							priority: task.priority,
							due_at: nextDue(task.due_at, task.rrule),
							reminder_at: null,
							rrule: task.rrule,
							notes: task.notes,
							contact_id: task.contact_id,
							company_id: task.company_id,
							deal_id: task.deal_id,
						},
						task.series_id ?? task.id,
					);
					if (task.series_id === null) task.series_id = task.id;
					generatedNext.set(task.id, next.id);
				}
				changed("task", next ? [task.id, next.id] : [task.id]);
				return { task, next };
			}),
		taskReopen: (id) =>
			run(() => {
				const task = getTask(id);
				if (task.status !== "done")
					throw new Failure({
						code: "conflict",
						message: "That task is not completed.",
						field: null,
					});
				task.status = "open";
				task.completed_at = null;
				const ids = [task.id];
				const nextId = generatedNext.get(task.id);
				const next = nextId === undefined ? undefined : tasks.get(nextId);
				if (next && next.status === "open") {
					tasks.delete(next.id);
					ids.push(next.id);
				}
				generatedNext.delete(task.id);
				changed("task", ids);
				return task;
			}),
		timeline: (record, before, limit) =>
			run(() => {
				if (!recordExists(record))
					throw new Failure({
						code: "not_found",
						message: `No ${record.entity} ${record.id}.`,
						field: null,
					});
				return timelineItems
					.filter((t) => onRecord(t, record) && (before === null || t.occurred_at < before))
					.sort((a, b) => b.occurred_at.localeCompare(a.occurred_at) || b.id - a.id)
					.slice(0, limit);
			}),
		activityLog: (input) =>
			run(() => {
				if (!recordExists(input.record))
					throw validation("record", `No ${input.record.entity} ${input.record.id}.`);
				if (!["call", "meeting", "note"].includes(input.kind))
					throw validation("kind", "Log a call, a meeting or a note.");
				const body = emptyText(input.body);
				if (input.kind === "note" && body === null)
					throw validation("body", "Write something in the note.");
				const at = emptyText(input.occurred_at);
				if (at !== null && !isInstant(at))
					throw validation("occurred_at", "Use a date and time, like 2026-12-31T09:00:00Z.");
				const subject =
					emptyText(input.subject) ??
					(input.kind === "note"
						? ((body ?? "").split("\n")[0]?.slice(0, 80) ?? "Note")
						: input.kind === "call"
							? "Call"
							: "Meeting");
				const r = input.record;
				const contact = r.entity === "contact" ? contacts.get(r.id) : undefined;
				const deal = r.entity === "deal" ? deals.get(r.id) : undefined;
				const item = writeTimeline({
					source: input.kind === "note" ? "note" : "activity",
					kind: input.kind,
					subject,
					body,
					occurred_at: at === null ? now() : new Date(at).toISOString(),
					contact_id: r.entity === "contact" ? r.id : (deal?.contact_id ?? null),
					company_id:
						r.entity === "company" ? r.id : (contact?.company_id ?? deal?.company_id ?? null),
					deal_id: r.entity === "deal" ? r.id : null,
					meta: {},
				});
				changed(input.kind === "note" ? "note" : "activity", [item.id]);
				// A touch lifts the contact's score, as in the core.
				const touched = item.contact_id === null ? undefined : contacts.get(item.contact_id);
				if (touched) {
					scoring.rescore(touched);
					changed("contact", [touched.id]);
				}
				return item;
			}),
		leadConvert: (input) =>
			run((): LeadConverted => {
				const contact = getContact(input.contact_id);
				if (contact.lifecycle !== "lead")
					throw new Failure({
						code: "conflict",
						message: "Only leads can be converted; this is already a contact.",
						field: null,
					});
				let company: Company | null = null;
				let created = false;
				if (input.company_id !== null) {
					company = companies.get(input.company_id) ?? null;
					if (!company) throw validation("company_id", "That company no longer exists.");
				} else {
					const domain = domainOf(contact.emails[0]?.value);
					const name = contact.company_name?.trim().toLowerCase();
					company =
						(domain ? [...companies.values()].find((c) => c.domain === domain) : undefined) ??
						(name
							? [...companies.values()].find((c) => c.name.toLowerCase() === name)
							: undefined) ??
						null;
					// Like the core's transaction: nothing is created when the deal's values are refused.
					if (!company && contact.company_name)
						forRecord("company", "new company", () =>
							customFields.check("company", input.company_custom, {}),
						);
					if (input.deal)
						forRecord("deal", "deal", () => customFields.check("deal", input.deal?.custom, {}));
					if (!company && contact.company_name) {
						const name = contact.company_name;
						company = forRecord("company", "new company", () =>
							createCompany({
								name,
								website: domain,
								industry: null,
								size: null,
								phone: null,
								city: contact.city,
								country: contact.country,
								description: null,
								custom: input.company_custom,
							}),
						);
						created = true;
					}
				}
				const dealInput = input.deal;
				const deal = dealInput
					? forRecord("deal", "deal", () =>
							createDeal({
								...dealInput,
								contact_id: contact.id,
								company_id: company?.id ?? dealInput.company_id,
							}),
						)
					: null;
				const at = now();
				contact.lifecycle = "contact";
				contact.lead_status = "qualified";
				contact.company_id = company?.id ?? contact.company_id;
				contact.company_name = company?.name ?? contact.company_name;
				contact.updated_at = at;
				const meta: Value = {
					company: company?.name ?? null,
					company_created: created,
					deal: deal?.title ?? null,
				};
				writeTimeline({
					source: "activity",
					kind: "lead_converted",
					subject: company ? `Converted to a contact at ${company.name}` : "Converted to a contact",
					body: deal ? `Opened the deal “${deal.title}”.` : null,
					occurred_at: at,
					contact_id: contact.id,
					company_id: company?.id ?? null,
					deal_id: deal?.id ?? null,
					meta,
				});
				scoring.rescore(contact);
				changed("contact", [contact.id]);
				if (company) changed("company", [company.id]);
				if (deal) changed("deal", [deal.id]);
				changed("activity", []);
				return { contact, company, company_created: created, deal };
			}),
		dashboard: (pipelineId) => run(() => dashboard(pipelineId)),
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
		seedContact,
		deliverEmail: inbox.deliver,
		listenerCount: () => listeners.size,
		setOutboxStatus: outbox.setStatus,
		advanceSequence: sequences.advance,
		replyToEnrollment: sequences.reply,
	};

	function seedContact(partial: Partial<ContactInput>): ContactDetail {
		return store(
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
		);
	}
}
