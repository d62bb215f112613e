import type {
	AppError,
	ContactDetail,
	Deal,
	DealInput,
	Enrollment,
	EnrollResult,
	EnrollSource,
	Mailbox,
	Sequence,
	SequenceInput,
	SequenceSettings,
	SequenceStep,
	SkippedContact,
	StepInput,
	Template,
} from "../../bindings";
import type { Commands } from "../backend";
import type { IpcResult } from "../unwrap";
import { Failure, type FakeContext, notFound, validation } from "./context";

type SequenceCommands = Pick<
	Commands,
	| "sequencesList"
	| "sequenceGet"
	| "sequenceCreate"
	| "sequenceUpdate"
	| "sequenceSetStatus"
	| "sequenceEnrollPreview"
	| "sequenceEnroll"
	| "sequenceEnrollments"
	| "contactEnrollments"
	| "enrollmentStop"
	| "enrollmentPause"
	| "enrollmentResume"
	| "sequenceStats"
	| "enrollmentConvert"
>;

/** A deal that moved from one status to another, and the people on it (the core's `deal_closed`). */
export type DealStatusChange = {
	title: string;
	contactIds: number[];
	from: Deal["status"];
	to: Deal["status"];
};

type Deps = {
	contact: (id: number) => ContactDetail | undefined;
	templates: () => Promise<IpcResult<Template[]>>;
	mailboxes: () => Promise<IpcResult<Mailbox[]>>;
	/** The contact ids a saved contacts/leads view shows (a validation error for another list). */
	viewContactIds: (viewId: number) => Promise<IpcResult<number[]>>;
	suppressed: (email: string) => Promise<IpcResult<string | null>>;
	/** A deal in the default pipeline's first open stage (the fake's deal creation). */
	createDeal: (input: DealInput) => Deal;
	/** Writes lifecycle fields on the contact. */
	updateContact: (id: number, patch: Partial<ContactDetail>) => void;
};

/** The core's defaults (`SequenceSettings::default`). */
export const defaultSequenceSettings: Required<SequenceSettings> = {
	send_days: [1, 2, 3, 4, 5],
	send_start: "09:00",
	send_end: "17:00",
	timezone_mode: "contact",
	rep_timezone: null,
	thread_mode: "same",
	auto_reply_delay_days: 2,
	stop_on_deal_closed: true,
};

const taskTitles = { call: "Call", linkedin: "LinkedIn message", custom: "Task" } as const;

async function ok<T>(result: Promise<IpcResult<T>>): Promise<T> {
	const r = await result;
	if (r.status === "error") throw new Failure(r.error);
	return r.data;
}

function asResult<T>(e: unknown): IpcResult<T> {
	if (e instanceof Failure) return { status: "error", error: e.appError };
	const error: AppError = { code: "internal", message: String(e), field: null };
	return { status: "error", error };
}

function conflict(message: string): Failure {
	return new Failure({ code: "conflict", message, field: null });
}

/**
 * Sequences in memory, checked like the core. Nothing runs by itself: tests move enrollments with `advance`
 * (one scheduler step for everyone running) and `reply` (the email-in match that stops one).
 */
export function fakeSequences(
	ctx: FakeContext,
	deps: Deps,
): {
	commands: SequenceCommands;
	advance: (sequenceId: number) => void;
	reply: (enrollmentId: number) => void;
	dealStatusChanged: (deal: DealStatusChange) => number;
} {
	const sequences = new Map<number, Sequence>();
	const enrollments = new Map<number, Enrollment>();
	/** Emails sent per step id. */
	const sent = new Map<number, number>();
	/** Enrollment id → the step id of the last email it got. */
	const lastEmail = new Map<number, number>();

	function get(id: number): Sequence {
		const s = sequences.get(id);
		if (!s) throw notFound("sequence", id);
		return s;
	}

	function checkStep(
		i: number,
		s: StepInput,
		known: SequenceStep[],
		templates: Template[],
		settings: SequenceSettings,
	): SequenceStep {
		const field = (f: string) => `steps[${i}].${f}`;
		if (s.id != null && !known.some((k) => k.id === s.id))
			throw validation(field("id"), `Step ${s.id} is not a step of this sequence.`);
		if (!s.kind) throw validation(field("kind"), "Say what the step is: email, wait or task.");
		const step: SequenceStep = {
			id: s.id ?? ctx.newId(),
			position: i,
			kind: s.kind,
			template_id: null,
			template_name: null,
			wait_days: null,
			business_days: false,
			task_kind: null,
			task_title: null,
			thread_mode: s.thread_mode ?? settings.thread_mode ?? "same",
		};
		if (s.kind === "email") {
			if (s.template_id == null)
				throw validation(field("template_id"), "Choose a template, or write the subject and text.");
			const t = templates.find((x) => x.id === s.template_id);
			if (!t) throw validation(field("template_id"), `There is no template ${s.template_id}.`);
			step.template_id = t.id;
			step.template_name = t.name;
		} else if (s.kind === "wait") {
			if (s.days == null) throw validation(field("days"), "How many days to wait?");
			if (s.days < 1 || s.days > 365)
				throw validation(field("days"), "Wait between 1 and 365 days.");
			step.wait_days = s.days;
			step.business_days = s.business_days ?? false;
		} else {
			if (!s.task)
				throw validation(field("task"), "Say what the task is: call, linkedin or custom.");
			const title = s.title?.trim() || null;
			if (s.task === "custom" && !title)
				throw validation(field("title"), "Write what the task is.");
			step.task_kind = s.task;
			step.task_title = title;
		}
		return step;
	}

	async function check(input: SequenceInput, current: Sequence | null): Promise<Sequence> {
		const [templates, mailboxes] = await Promise.all([ok(deps.templates()), ok(deps.mailboxes())]);
		const name = (input.name ?? "").trim();
		if (!name) throw validation("name", "Give the sequence a name.");
		if (name.length > 120) throw validation("name", "Keep the name under 120 characters.");
		const mailbox_id = input.mailbox_id ?? current?.mailbox_id ?? null;
		if (mailbox_id !== null && !mailboxes.some((m) => m.id === mailbox_id))
			throw validation("mailbox_id", `There is no mailbox ${mailbox_id}.`);
		const settings = { ...defaultSequenceSettings, ...(input.settings ?? current?.settings ?? {}) };
		if (settings.send_days.some((d) => d < 1 || d > 7))
			throw validation("settings.send_days", "Days are 1 (Monday) to 7 (Sunday).");
		for (const f of ["send_start", "send_end"] as const) {
			const v = settings[f];
			if (v !== null && !/^([01]\d|2[0-3]):[0-5]\d$/.test(v))
				throw validation(`settings.${f}`, "Write the time as HH:MM, e.g. 09:00.");
		}
		if ((settings.send_start === null) !== (settings.send_end === null))
			throw validation("settings.send_end", "Give both the start and the end of the send window.");
		const steps = input.steps ?? [];
		if (steps.length === 0) throw validation("steps", "Add at least one step.");
		if (steps.length > 50) throw validation("steps", "A sequence has at most 50 steps.");
		const checked = steps.map((s, i) => checkStep(i, s, current?.steps ?? [], templates, settings));
		const kind = input.kind ?? current?.kind ?? "sequence";
		if (kind === "campaign" && (checked.length !== 1 || checked[0]?.kind !== "email"))
			throw validation("steps", "A campaign is one email step.");
		const status = input.status ?? current?.status ?? "draft";
		if (status === "active" && mailbox_id === null && checked.some((s) => s.kind === "email"))
			throw validation("mailbox_id", "Choose the mailbox the emails go from.");
		const now = new Date().toISOString();
		return {
			id: current?.id ?? ctx.newId(),
			name,
			mailbox_id,
			status,
			kind,
			settings,
			steps: checked,
			created_at: current?.created_at ?? now,
			updated_at: now,
		};
	}

	function contactName(c: ContactDetail): string {
		return `${c.first_name} ${c.last_name}`.trim() || (c.emails[0]?.value ?? `Contact ${c.id}`);
	}

	async function enroll(id: number, source: EnrollSource, write: boolean): Promise<EnrollResult> {
		const s = get(id);
		if (s.status === "archived")
			throw validation("sequence_id", "This sequence is archived; restore it to enroll contacts.");
		const ids =
			"view" in source && source.view !== undefined
				? await ok(deps.viewContactIds(source.view))
				: (source.contacts ?? []);
		if (ids.length === 0) throw validation("contacts", "No contacts to enroll.");
		// Once in a sequence (running, finished or stopped), a contact is not enrolled in it again.
		const before = new Map(
			[...enrollments.values()]
				.filter((e) => e.sequence_id === id)
				.map((e) => [e.contact_id, e.status]),
		);
		const skipped: SkippedContact[] = [];
		const contact_ids: number[] = [];
		for (const cid of [...new Set(ids)]) {
			const c = deps.contact(cid);
			if (!c || c.deleted_at !== null) {
				skipped.push({
					contact_id: cid,
					name: `Contact ${cid}`,
					email: null,
					reason: "not_found",
					detail: "No such contact (deleted?)",
				});
				continue;
			}
			const email = c.emails[0]?.value ?? null;
			const skip = (reason: SkippedContact["reason"], detail: string) =>
				skipped.push({ contact_id: cid, name: contactName(c), email, reason, detail });
			if (before.has(cid)) {
				skip("already_enrolled", `Already in this sequence (${before.get(cid)})`);
				continue;
			}
			if (!email) {
				skip("no_email", "No email address");
				continue;
			}
			const why = await ok(deps.suppressed(email));
			if (why) {
				skip("suppressed", why);
				continue;
			}
			contact_ids.push(cid);
		}
		if (write) {
			const now = new Date().toISOString();
			for (const cid of contact_ids) {
				const c = deps.contact(cid) as ContactDetail;
				const e: Enrollment = {
					id: ctx.newId(),
					sequence_id: id,
					contact_id: cid,
					contact_name: contactName(c),
					status: "active",
					current_step: 0,
					next_run_at: now,
					stop_code: null,
					stop_reason: null,
					stopped_at: null,
					enrolled_at: now,
					emails_sent: 0,
					emails_waiting: 0,
					converted_to: null,
					converted_deal_id: null,
				};
				enrollments.set(e.id, e);
			}
			if (contact_ids.length > 0) ctx.changed("sequence", [id]);
		}
		return { sequence_id: id, dry_run: !write, enrolled: contact_ids.length, contact_ids, skipped };
	}

	function ofSequence(id: number): Enrollment[] {
		return [...enrollments.values()].filter((e) => e.sequence_id === id);
	}

	function enrollment(id: number): Enrollment {
		const e = enrollments.get(id);
		if (!e) throw notFound("enrollment", id);
		return e;
	}

	function changeEnrollment(
		id: number,
		allowed: Enrollment["status"][],
		otherwise: string,
		patch: Partial<Enrollment>,
	): Enrollment {
		const e = enrollment(id);
		if (!allowed.includes(e.status))
			throw conflict(`Enrollment ${id} is ${e.status}. ${otherwise}`);
		Object.assign(e, patch);
		ctx.changed("sequence", [e.sequence_id]);
		return { ...e };
	}

	function stepLabel(s: SequenceStep): string {
		if (s.kind === "email") return `Email: ${s.template_name ?? "template"}`;
		if (s.kind === "wait")
			return `Wait ${s.wait_days} ${s.business_days ? "business days" : s.wait_days === 1 ? "day" : "days"}`;
		return `Task: ${s.task_title ?? taskTitles[s.task_kind ?? "custom"]}`;
	}

	return {
		advance(sequenceId) {
			const s = get(sequenceId);
			for (const e of ofSequence(sequenceId)) {
				if (e.status !== "active") continue;
				const step = s.steps[e.current_step];
				if (!step) continue;
				if (step.kind === "email") {
					sent.set(step.id, (sent.get(step.id) ?? 0) + 1);
					lastEmail.set(e.id, step.id);
					e.emails_sent += 1;
				}
				e.current_step += 1;
				if (e.current_step >= s.steps.length) {
					e.status = "completed";
					e.next_run_at = null;
				}
			}
			ctx.changed("sequence", [sequenceId]);
		},
		dealStatusChanged({ title, contactIds, from, to }) {
			// Like the core: closing stops the people's running enrollments (unless their sequence turned the
			// rule off); reopening leaves them stopped and says so.
			if (from === to) return 0;
			const said = (status: Deal["status"]) => `The deal “${title}” was ${status}`;
			let changed = 0;
			for (const e of enrollments.values()) {
				if (!contactIds.includes(e.contact_id)) continue;
				if (to !== "open") {
					if (e.status !== "active" && e.status !== "paused") continue;
					if (!(sequences.get(e.sequence_id)?.settings.stop_on_deal_closed ?? true)) continue;
					Object.assign(e, {
						status: "stopped",
						stop_code: `deal_${to}`,
						stop_reason: said(to),
						stopped_at: new Date().toISOString(),
						next_run_at: null,
					});
				} else if (e.status === "stopped" && e.stop_reason === said(from)) {
					e.stop_reason = `${said(from)}, then reopened; the enrollment stays stopped`;
				} else continue;
				changed += 1;
				ctx.changed("sequence", [e.sequence_id]);
			}
			return to === "open" ? 0 : changed;
		},
		reply(enrollmentId) {
			const e = enrollment(enrollmentId);
			// Like the core: a finished enrollment (a campaign's, say) keeps its status and records the reply.
			if (e.status === "completed")
				Object.assign(e, {
					stop_code: "reply",
					stop_reason: "The contact replied after the last step",
				});
			else
				Object.assign(e, {
					status: "stopped",
					stop_code: "reply",
					stop_reason: "The contact replied",
					stopped_at: new Date().toISOString(),
					next_run_at: null,
				});
			ctx.changed("sequence", [e.sequence_id]);
		},
		commands: {
			sequencesList: () =>
				ctx.run(() =>
					[...sequences.values()]
						.sort(
							(a, b) =>
								Number(a.status === "archived") - Number(b.status === "archived") ||
								b.updated_at.localeCompare(a.updated_at) ||
								b.id - a.id,
						)
						.map((s) => {
							const es = ofSequence(s.id);
							return {
								id: s.id,
								name: s.name,
								kind: s.kind,
								status: s.status,
								mailbox_id: s.mailbox_id,
								steps: s.steps.length,
								enrolled: es.length,
								active: es.filter((e) => e.status === "active").length,
								sent: s.steps.reduce((n, st) => n + (sent.get(st.id) ?? 0), 0),
								replied: es.filter((e) => e.stop_code === "reply").length,
								updated_at: s.updated_at,
							};
						}),
				),
			sequenceGet: (id) => ctx.run(() => structuredClone(get(id))),
			sequenceCreate: async (input) => {
				try {
					const s = await check(input, null);
					return ctx.run(() => {
						sequences.set(s.id, s);
						ctx.changed("sequence", [s.id]);
						return structuredClone(s);
					});
				} catch (e) {
					return asResult(e);
				}
			},
			sequenceUpdate: async (id, input) => {
				try {
					const s = await check(input, get(id));
					return ctx.run(() => {
						sequences.set(id, s);
						ctx.changed("sequence", [id]);
						return structuredClone(s);
					});
				} catch (e) {
					return asResult(e);
				}
			},
			sequenceSetStatus: (id, status) =>
				ctx.run(() => {
					const s = get(id);
					if (status === "active") {
						if (s.steps.length === 0) throw validation("steps", "Add at least one step first.");
						if (s.mailbox_id === null && s.steps.some((st) => st.kind === "email"))
							throw validation("mailbox_id", "Choose the mailbox the emails go from.");
					}
					s.status = status;
					s.updated_at = new Date().toISOString();
					ctx.changed("sequence", [id]);
					return structuredClone(s);
				}),
			sequenceEnrollPreview: async (id, source) => {
				try {
					const r = await enroll(id, source, false);
					return ctx.run(() => r);
				} catch (e) {
					return asResult(e);
				}
			},
			sequenceEnroll: async (id, source) => {
				try {
					const r = await enroll(id, source, true);
					return ctx.run(() => r);
				} catch (e) {
					return asResult(e);
				}
			},
			sequenceEnrollments: (id, limit) =>
				ctx.run(() => {
					get(id);
					return ofSequence(id)
						.sort((a, b) => b.enrolled_at.localeCompare(a.enrolled_at) || b.id - a.id)
						.slice(0, Math.max(1, Math.min(limit, 10_000)))
						.map((e) => ({ ...e }));
				}),
			contactEnrollments: (contactId) =>
				ctx.run(() =>
					[...enrollments.values()]
						.filter((e) => e.contact_id === contactId)
						.map((e) => ({ ...e })),
				),
			enrollmentStop: (id, reason) =>
				ctx.run(() => {
					const r = reason?.trim();
					return changeEnrollment(id, ["active", "paused"], "It has already finished.", {
						status: "stopped",
						stop_code: "manual",
						stop_reason: r ? `Stopped by hand: ${r}` : "Stopped by hand",
						stopped_at: new Date().toISOString(),
						next_run_at: null,
					});
				}),
			enrollmentPause: (id) =>
				ctx.run(() =>
					changeEnrollment(id, ["active"], "Only a running enrollment can be paused.", {
						status: "paused",
					}),
				),
			enrollmentResume: (id) =>
				ctx.run(() =>
					changeEnrollment(id, ["paused"], "Only a paused enrollment can be resumed.", {
						status: "active",
					}),
				),
			enrollmentConvert: (id, to) =>
				ctx.run(() => {
					const e = enrollment(id);
					if (e.stop_code !== "reply")
						throw conflict(
							`${e.contact_name} has not replied to this sequence: only a reply can be turned into a lead or a deal.`,
						);
					if (e.converted_to !== null)
						throw conflict(`This reply was already turned into a ${e.converted_to}.`);
					const s = get(e.sequence_id);
					const c = deps.contact(e.contact_id);
					if (!c || c.deleted_at !== null) throw notFound("contact", e.contact_id);
					if (to === "lead") {
						if (c.lifecycle === "customer")
							throw conflict(`${e.contact_name} is a customer already: open a deal instead.`);
						deps.updateContact(c.id, {
							lifecycle: "lead",
							lead_status: c.lead_status === "qualified" ? "qualified" : "engaged",
							lead_source: c.lead_source ?? "cold_email",
						});
					} else {
						const deal = deps.createDeal({
							title: `${c.company_name?.trim() || e.contact_name} — ${s.name}`,
							pipeline_id: null,
							stage_id: null,
							company_id: c.company_id,
							contact_id: c.id,
							value_cents: 0,
							currency: null,
							probability: null,
							expected_close: null,
							custom: {},
						});
						e.converted_deal_id = deal.id;
						ctx.changed("deal", [deal.id]);
					}
					e.converted_to = to;
					ctx.changed("sequence", [e.sequence_id]);
					ctx.changed("contact", [c.id]);
					return { ...e };
				}),
			sequenceStats: (id) =>
				ctx.run(() => {
					const s = get(id);
					const es = ofSequence(id);
					const count = (st: Enrollment["status"]) => es.filter((e) => e.status === st).length;
					const replied = es.filter((e) => e.stop_code === "reply");
					const emailed = es.filter((e) => lastEmail.has(e.id)).length;
					const steps = s.steps.map((st) => ({
						step_id: st.id,
						position: st.position,
						kind: st.kind,
						label: stepLabel(st),
						reached: es.filter((e) => e.current_step > st.position || e.status === "completed")
							.length,
						sent: sent.get(st.id) ?? 0,
						queued: 0,
						replied: replied.filter((e) => lastEmail.get(e.id) === st.id).length,
						bounced: 0,
						unsubscribed: 0,
						tasks_created: 0,
					}));
					return {
						sequence_id: id,
						name: s.name,
						enrolled: es.length,
						active: count("active"),
						paused: count("paused"),
						completed: count("completed"),
						stopped: count("stopped"),
						sent: steps.reduce((n, st) => n + st.sent, 0),
						replied: replied.length,
						bounced: 0,
						unsubscribed: 0,
						reply_rate: emailed === 0 ? 0 : replied.length / emailed,
						deals_created: es.filter((e) => e.converted_deal_id !== null).length,
						leads_created: es.filter((e) => e.converted_to === "lead").length,
						meetings: 0,
						steps,
					};
				}),
		},
	};
}
