import type {
	AppError,
	ContactDetail,
	Mailbox,
	OutboundMessage,
	OutboxItem,
	Rendered,
	SenderStatus,
	SendInput,
} from "../../bindings";
import type { Commands } from "../backend";
import type { IpcResult } from "../unwrap";
import { Failure, type FakeContext, notFound, validation } from "./context";

type OutboxCommands = Pick<
	Commands,
	"outboxList" | "outboxMessage" | "outboxSend" | "outboxPreview" | "outboxCancel" | "outboxRetry"
>;

type Deps = {
	mailboxes: () => Promise<IpcResult<Mailbox[]>>;
	contact: (id: number) => ContactDetail | undefined;
	render: (
		templateId: number,
		contactId: number | null,
		dealId: number | null,
	) => Promise<IpcResult<Rendered>>;
	suppressed: (email: string) => Promise<IpcResult<string | null>>;
};

/** `SendInput` with every optional field filled (the core's serde defaults). */
function norm(input: SendInput) {
	return {
		mailbox_id: input.mailbox_id,
		to: input.to ?? null,
		cc: input.cc ?? null,
		subject: input.subject ?? null,
		body_text: input.body_text ?? null,
		body_html: input.body_html ?? null,
		template_id: input.template_id ?? null,
		contact_id: input.contact_id ?? null,
		deal_id: input.deal_id ?? null,
		in_reply_to: input.in_reply_to ?? null,
		references: input.references ?? null,
		is_bulk: input.is_bulk ?? false,
		send_at: input.send_at ?? null,
	};
}

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

/**
 * The outbox in memory. Nothing is sent: messages stay queued, and tests move them with `setStatus` (what the
 * background sender does in the app).
 */
export function fakeOutbox(
	ctx: FakeContext,
	deps: Deps,
): {
	commands: OutboxCommands;
	setStatus: (id: number, status: OutboxItem["status"], patch?: Partial<OutboxItem>) => void;
} {
	const messages = new Map<number, OutboundMessage>();

	async function draft(raw: SendInput) {
		const input = norm(raw);
		const mailboxes = await ok(deps.mailboxes());
		const mailbox = mailboxes.find((m) => m.id === input.mailbox_id);
		if (!mailbox) throw notFound("mailbox", input.mailbox_id);
		const contact = input.contact_id === null ? undefined : deps.contact(input.contact_id);
		const to = input.to?.trim() || contact?.emails[0]?.value || null;
		let subject = input.subject?.trim() ?? "";
		let body_text = input.body_text ?? "";
		let body_html = input.body_html ?? null;
		let missing: string[] = [];
		if (input.template_id !== null) {
			if (input.contact_id === null && input.deal_id === null)
				throw validation("contact_id", "Choose the contact (or deal) to fill the template for.");
			const r = await ok(deps.render(input.template_id, input.contact_id, input.deal_id));
			subject = r.subject;
			body_text = r.body_text;
			body_html = r.body_html;
			missing = r.missing;
		}
		const suppressed = to ? await ok(deps.suppressed(to)) : null;
		return { mailbox, contact, to, subject, body_text, body_html, missing, suppressed };
	}

	function senders(items: OutboxItem[], mailboxes: Mailbox[]): SenderStatus[] {
		return mailboxes.map((m) => {
			const mine = items.filter((i) => i.mailbox_id === m.id);
			const queued = mine.filter((i) => i.status === "queued" || i.status === "sending");
			return {
				mailbox_id: m.id,
				name: m.name,
				email: m.email,
				state: m.state,
				state_reason: m.state_reason,
				queued: queued.length,
				failed: mine.filter((i) => i.status === "failed").length,
				sent_today: mine.filter((i) => i.status === "sent").length,
				daily_limit: m.daily_limit,
				next_at: m.state === "active" ? (queued[0]?.goes_at ?? null) : null,
			};
		});
	}

	function move(id: number, from: OutboxItem["status"][], to: OutboxItem["status"], verb: string) {
		const m = messages.get(id);
		if (!m) throw notFound("outbound message", id);
		if (!from.includes(m.item.status))
			throw new Failure({
				code: "conflict",
				message: `This message is ${m.item.status} and can no longer be ${verb}.`,
				field: null,
			});
		const now = new Date().toISOString();
		m.item = {
			...m.item,
			status: to,
			updated_at: now,
			...(to === "queued"
				? { attempts: 0, last_error: null, server_reply: null, not_before: now, goes_at: now }
				: { goes_at: null, waiting_reason: null }),
		};
		ctx.changed("outbox", [id]);
		return structuredClone(m);
	}

	return {
		setStatus(id, status, patch = {}) {
			const m = messages.get(id);
			if (!m) return;
			m.item = { ...m.item, status, ...patch };
			ctx.changed("outbox", [id]);
		},
		commands: {
			outboxList: async (status, limit) => {
				const mailboxes = await deps.mailboxes();
				return ctx.run(() => {
					const all = [...messages.values()].map((m) => {
						const mb =
							mailboxes.status === "ok"
								? mailboxes.data.find((x) => x.id === m.item.mailbox_id)
								: null;
						if (m.item.status === "queued" && mb && mb.state !== "active")
							return {
								...m.item,
								goes_at: null,
								waiting_reason:
									mb.state === "auth_failed"
										? `Waiting: ${mb.name} refused the password. Update it in Settings → Mailboxes.`
										: `Waiting: ${mb.name} is paused.`,
							};
						return { ...m.item };
					});
					const items = all
						.filter((i) => status === null || i.status === status)
						.sort(
							(a, b) =>
								Number(a.status !== "queued") - Number(b.status !== "queued") ||
								b.updated_at.localeCompare(a.updated_at) ||
								b.id - a.id,
						)
						.slice(0, limit);
					return { items, senders: senders(all, mailboxes.status === "ok" ? mailboxes.data : []) };
				});
			},
			outboxMessage: (id) =>
				ctx.run(() => {
					const m = messages.get(id);
					if (!m) throw notFound("outbound message", id);
					return structuredClone(m);
				}),
			outboxPreview: async (input) => {
				try {
					const d = await draft(input);
					return ctx.run(() => ({
						to: d.to,
						subject: d.subject,
						body_text: d.body_text,
						body_html: d.body_html,
						missing_fields: d.missing,
						suppressed: d.suppressed,
					}));
				} catch (e) {
					return asResult(e);
				}
			},
			outboxSend: async (raw) => {
				const input = norm(raw);
				try {
					const d = await draft(input);
					return ctx.run(() => {
						if (!d.to)
							throw validation(
								"to",
								input.contact_id !== null
									? "This contact has no email address: enter one."
									: "Enter the recipient's email address.",
							);
						if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.to))
							throw validation("to", `“${d.to}” is not an email address.`);
						if (input.template_id === null && !d.subject)
							throw validation("subject", "Write a subject.");
						if (input.template_id === null && !d.body_text.trim())
							throw validation("body_text", "Write the message.");
						if (d.suppressed) throw validation("to", `Not queued: ${d.suppressed}.`);
						const id = ctx.newId();
						const now = new Date().toISOString();
						const domain = d.mailbox.email.split("@")[1] ?? "outpost.local";
						const message_id = `<fake${id}.${Date.now().toString(16)}@${domain}>`;
						const name = d.contact ? `${d.contact.first_name} ${d.contact.last_name}`.trim() : null;
						messages.set(id, {
							item: {
								id,
								mailbox_id: d.mailbox.id,
								mailbox_name: d.mailbox.name,
								message_id,
								to_addr: d.to,
								subject: d.subject,
								status: "queued",
								attempts: 0,
								not_before: input.send_at ?? now,
								goes_at: input.send_at ?? now,
								waiting_reason: null,
								last_error: null,
								server_reply: null,
								contact_id: input.contact_id,
								contact_name: name || null,
								deal_id: input.deal_id,
								template_id: input.template_id,
								is_bulk: input.is_bulk,
								sent_at: null,
								created_at: now,
								updated_at: now,
							},
							cc: input.cc,
							body_text: d.body_text,
							body_html: d.body_html,
							in_reply_to: input.in_reply_to,
							references: input.references,
						});
						ctx.changed("outbox", [id]);
						return { id, message_id, goes_at: input.send_at ?? now, missing_fields: d.missing };
					});
				} catch (e) {
					return asResult(e);
				}
			},
			outboxCancel: (id) => ctx.run(() => move(id, ["queued", "failed"], "cancelled", "cancelled")),
			outboxRetry: (id) => ctx.run(() => move(id, ["failed", "cancelled"], "queued", "retried")),
		},
	};
}
