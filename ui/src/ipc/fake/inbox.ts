import type {
	ContactDetail,
	ContactInput,
	ContactMailState,
	EmailMessage,
	InboxThread,
	Mailbox,
	MailClass,
	MailSyncStatus,
	ShownThread,
} from "../../bindings";
import type { Commands } from "../backend";
import type { IpcResult } from "../unwrap";
import { Failure, type FakeContext, notFound, validation } from "./context";

type InboxCommands = Pick<
	Commands,
	| "inboxList"
	| "inboxThread"
	| "inboxMarkRead"
	| "inboxAllowRemoteImages"
	| "inboxCreateContact"
	| "inboxSyncNow"
	| "inboxSyncStatus"
	| "contactMailState"
	| "mailFolderSetEnabled"
	| "mailSyncDaysSet"
>;

type Deps = {
	mailboxes: () => Promise<IpcResult<Mailbox[]>>;
	contactByEmail: (email: string) => ContactDetail | undefined;
	contact: (id: number) => ContactDetail | undefined;
	createContact: (input: Partial<ContactInput>) => ContactDetail;
};

/** A message "arriving" in the fake (what a sync stores in the app). */
export type FakeMail = {
	from_addr: string;
	from_name?: string | null;
	subject: string;
	body_text?: string | null;
	body_html?: string | null;
	classification?: MailClass;
	/** Appends to this thread instead of starting one. */
	thread_id?: number;
	mailbox_id?: number | null;
	sent_at?: string;
	direction?: "in" | "out";
};

/** The viewer document, as the core builds it (a rough sanitizer: the fake only needs the same shape). */
function fakeDocument(html: string, allowRemote: boolean): { doc: string; blocked: number } {
	let blocked = 0;
	const body = html
		.replace(/<(script|iframe|form|object|svg)[\s\S]*?<\/\1>/gi, "")
		.replace(/\son\w+="[^"]*"/gi, "")
		.replace(/javascript:/gi, "")
		.replace(/(<img[^>]*\ssrc=")(https?:[^"]*)"/gi, (_m, head: string, url: string) => {
			if (allowRemote) return `${head}${url}"`;
			blocked++;
			return `${head}data:image/svg+xml,blocked"`;
		});
	const img = allowRemote ? "data: https: http:" : "data:";
	const csp = `default-src 'none'; img-src ${img}; style-src 'unsafe-inline'; script-src 'none'`;
	return {
		doc: `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body>${body}</body></html>`,
		blocked,
	};
}

/** Synced mail in memory; tests put messages in with `deliver` (what a sync does in the app). */
export function fakeInbox(
	ctx: FakeContext,
	deps: Deps,
): {
	commands: InboxCommands;
	deliver: (mail: FakeMail) => { thread_id: number; email_id: number };
} {
	const threads = new Map<
		number,
		{ subject: string; mailbox_id: number | null; contact_id: number | null }
	>();
	const messages: EmailMessage[] = [];
	let syncedAt: string | null = null;

	function contactName(id: number | null): string | null {
		const c = id === null ? undefined : deps.contact(id);
		return c ? `${c.first_name} ${c.last_name}`.trim() : null;
	}

	function row(id: number): InboxThread {
		const t = threads.get(id);
		if (!t) throw notFound("email thread", id);
		const mine = messages.filter((m) => m.thread_id === id);
		const last = mine[mine.length - 1];
		const contact = t.contact_id === null ? undefined : deps.contact(t.contact_id);
		return {
			id,
			mailbox_id: t.mailbox_id,
			subject: t.subject,
			contact_id: contact ? contact.id : null,
			contact_name: contactName(t.contact_id),
			company_id: contact?.company_id ?? null,
			company_name: contact?.company_name ?? null,
			deal_id: null,
			deal_title: null,
			last_message_at: last?.sent_at ?? null,
			unread_count: mine.filter((m) => !m.is_read && m.direction === "in").length,
			message_count: mine.length,
			snippet: last?.snippet ?? null,
			last_from: last ? (last.from_name ?? last.from_addr) : null,
			last_classification: last?.classification ?? "unknown",
		};
	}

	function deliver(mail: FakeMail) {
		const contact = deps.contactByEmail(mail.from_addr);
		let thread_id = mail.thread_id;
		if (thread_id === undefined) {
			thread_id = ctx.newId();
			threads.set(thread_id, {
				subject: mail.subject,
				mailbox_id: mail.mailbox_id ?? null,
				contact_id: contact?.id ?? null,
			});
		}
		const id = ctx.newId();
		const text = mail.body_text ?? null;
		messages.push({
			id,
			thread_id,
			mailbox_id: mail.mailbox_id ?? null,
			message_id: `<fake-${id}@mail.example>`,
			direction: mail.direction ?? "in",
			from_addr: mail.from_addr,
			from_name: mail.from_name ?? null,
			to_addrs: ["me@example.com"],
			cc_addrs: [],
			subject: mail.subject,
			sent_at: mail.sent_at ?? new Date().toISOString(),
			body_text: text,
			body_html: mail.body_html ?? null,
			snippet: (text ?? mail.body_html?.replace(/<[^>]*>/g, "") ?? "").slice(0, 140) || null,
			attachments: [],
			is_read: mail.direction === "out",
			classification: mail.classification ?? (contact ? "reply" : "other"),
			classification_reason: null,
			contact_id: contact?.id ?? null,
			outbound_id: null,
			parse_warning: null,
			remote_images_allowed: false,
		});
		ctx.changed("inbox", []);
		return { thread_id, email_id: id };
	}

	async function activeMailboxes(): Promise<Mailbox[]> {
		const r = await deps.mailboxes();
		if (r.status === "error") throw new Failure(r.error);
		return r.data.filter((m) => m.state === "active");
	}

	const commands: InboxCommands = {
		inboxList: (mailboxId, linkedOnly, limit) =>
			ctx.run(() =>
				[...threads.keys()]
					.map(row)
					.filter((t) => mailboxId === null || t.mailbox_id === mailboxId)
					.filter((t) => !linkedOnly || t.contact_id !== null || t.company_id !== null)
					.sort((a, b) => (b.last_message_at ?? "").localeCompare(a.last_message_at ?? ""))
					.slice(0, limit),
			),
		inboxThread: (id) =>
			ctx.run((): ShownThread => {
				const thread = row(id);
				return {
					thread,
					messages: messages
						.filter((m) => m.thread_id === id)
						.map((m) => {
							const shown = m.body_html ? fakeDocument(m.body_html, m.remote_images_allowed) : null;
							return {
								message: { ...m, body_html: null },
								html_document: shown?.doc ?? null,
								blocked_images: shown?.blocked ?? 0,
							};
						}),
				};
			}),
		inboxMarkRead: (id) =>
			ctx.run(() => {
				row(id);
				for (const m of messages) if (m.thread_id === id) m.is_read = true;
				ctx.changed("inbox", [id]);
				return null;
			}),
		inboxAllowRemoteImages: (emailId) =>
			ctx.run(() => {
				const m = messages.find((x) => x.id === emailId);
				if (!m) throw notFound("email", emailId);
				m.remote_images_allowed = true;
				ctx.changed("inbox", []);
				return null;
			}),
		inboxCreateContact: (emailId) =>
			ctx.run(() => {
				const m = messages.find((x) => x.id === emailId);
				if (!m) throw notFound("email", emailId);
				if (m.direction !== "in")
					throw validation("email_id", "That message was sent from this mailbox, not received.");
				if (m.contact_id !== null)
					throw new Failure({
						code: "conflict",
						message: `The sender is already contact ${m.contact_id}.`,
						field: null,
					});
				const [first = "", ...rest] = (m.from_name ?? m.from_addr.split("@")[0] ?? "").split(" ");
				const contact = deps.createContact({
					first_name: first,
					last_name: rest.join(" "),
					emails: [m.from_addr],
				});
				for (const x of messages) {
					if (x.from_addr === m.from_addr && x.direction === "in" && x.contact_id === null) {
						x.contact_id = contact.id;
						const t = x.thread_id === null ? undefined : threads.get(x.thread_id);
						if (t && t.contact_id === null) t.contact_id = contact.id;
					}
				}
				ctx.changed("contact", [contact.id]);
				ctx.changed("inbox", []);
				return contact;
			}),
		inboxSyncNow: async () => {
			syncedAt = new Date().toISOString();
			ctx.changed("inbox", []);
			return { status: "ok", data: null };
		},
		inboxSyncStatus: async () => {
			try {
				const boxes = await activeMailboxes();
				const status: MailSyncStatus[] = boxes.map((m) => ({
					mailbox_id: m.id,
					name: m.name,
					phase: "idle",
					last_synced_at: syncedAt,
					last_fetched: 0,
					last_error: null,
					next_at: null,
				}));
				return { status: "ok", data: status };
			} catch (e) {
				if (e instanceof Failure) return { status: "error", error: e.appError };
				throw e;
			}
		},
		contactMailState: (contactId) =>
			ctx.run((): ContactMailState => {
				if (!deps.contact(contactId)) throw notFound("contact", contactId);
				return {
					bounced: false,
					bounced_at: null,
					bounce_reason: null,
					unsubscribed_at: null,
					suppressed: null,
				};
			}),
		mailFolderSetEnabled: (_mailboxId, folder) =>
			ctx.run(() => {
				if (folder.trim() === "")
					throw validation("folder", "Give the folder's name as the server shows it.");
				return null;
			}),
		mailSyncDaysSet: (_mailboxId, days) =>
			ctx.run(() => {
				if (days < 1 || days > 3650)
					throw validation("sync_days", "Choose between 1 and 3650 days.");
				return null;
			}),
	};
	return { commands, deliver };
}
