import type {
	AttachmentMeta,
	ContactDetail,
	ContactInput,
	ContactMailState,
	EmailMessage,
	InboxThread,
	Mailbox,
	MailClass,
	MailFolderInfo,
	MailSyncStatus,
	SavedAttachment,
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
	| "mailSyncSettings"
	| "mailServerFolders"
	| "inboxAttachmentFetch"
	| "inboxAttachmentSave"
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
	attachments?: AttachmentMeta[];
	/** When the sync found it gone from the server (deleted or moved away by another client). */
	removed_at?: string | null;
};

/** Folders the fake "server" has, for Settings → Mailboxes → Sync. */
const SERVER_FOLDERS = ["INBOX", "Sent", "Archive", "Newsletters"];

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
	/** Per mailbox: sync days and the folders turned on or off (the rest follow the defaults). */
	const syncDays = new Map<number, number>();
	const folderChoices = new Map<number, Map<string, boolean>>();

	function folderInfo(mailboxId: number, name: string): MailFolderInfo {
		const role = name === "INBOX" ? "inbox" : name === "Sent" ? "sent" : "other";
		const chosen = folderChoices.get(mailboxId)?.get(name);
		return { name, role, enabled: chosen ?? role !== "other", last_synced_at: syncedAt };
	}

	async function mailbox(id: number): Promise<Mailbox> {
		const r = await deps.mailboxes();
		if (r.status === "error") throw new Failure(r.error);
		const found = r.data.find((m) => m.id === id);
		if (!found) throw notFound("mailbox", id);
		return found;
	}

	function attachment(emailId: number, part: number): SavedAttachment {
		const m = messages.find((x) => x.id === emailId);
		if (!m) throw notFound("email", emailId);
		const a = m.attachments.find((x) => x.part === part);
		if (!a) throw validation("part", "That message has no such attachment.");
		return {
			email_id: emailId,
			part,
			name: a.name,
			content_type: a.content_type,
			size: a.size,
			path: `/fake/attachments/${emailId}/${part}/${a.name}`,
		};
	}

	/** Like `ctx.run`, for bodies that must wait for the mailbox list first. */
	async function runAsync<T>(body: () => Promise<T>): Promise<IpcResult<T>> {
		try {
			return { status: "ok", data: await body() };
		} catch (e) {
			if (e instanceof Failure) return { status: "error", error: e.appError };
			throw e;
		}
	}

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
			attachments: mail.attachments ?? [],
			is_read: mail.direction === "out",
			classification: mail.classification ?? (contact ? "reply" : "other"),
			classification_reason: null,
			contact_id: contact?.id ?? null,
			outbound_id: null,
			parse_warning: null,
			remote_images_allowed: false,
			removed_at: mail.removed_at ?? null,
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
		mailFolderSetEnabled: (mailboxId, folder, enabled) =>
			runAsync(async () => {
				await mailbox(mailboxId);
				if (folder.trim() === "")
					throw validation("folder", "Give the folder's name as the server shows it.");
				const chosen = folderChoices.get(mailboxId) ?? new Map<string, boolean>();
				chosen.set(folder.trim(), enabled);
				folderChoices.set(mailboxId, chosen);
				ctx.changed("settings", [mailboxId]);
				return null;
			}),
		mailSyncDaysSet: (mailboxId, days) =>
			runAsync(async () => {
				await mailbox(mailboxId);
				if (days < 1 || days > 3650)
					throw validation("sync_days", "Choose between 1 and 3650 days.");
				syncDays.set(mailboxId, days);
				ctx.changed("settings", [mailboxId]);
				return null;
			}),
		mailSyncSettings: (mailboxId) =>
			runAsync(async () => {
				await mailbox(mailboxId);
				const known = ["INBOX", ...(folderChoices.get(mailboxId)?.keys() ?? [])];
				return {
					mailbox_id: mailboxId,
					sync_days: syncDays.get(mailboxId) ?? 90,
					folders: [...new Set(known)].map((name) => folderInfo(mailboxId, name)),
				};
			}),
		mailServerFolders: (mailboxId) =>
			runAsync(async () => {
				await mailbox(mailboxId);
				return SERVER_FOLDERS.map((name) => folderInfo(mailboxId, name));
			}),
		inboxAttachmentFetch: (emailId, part) => ctx.run(() => attachment(emailId, part)),
		inboxAttachmentSave: (emailId, part, target) =>
			ctx.run(() => {
				if (!target.startsWith("/")) throw validation("target", "Choose where to save the file.");
				return { ...attachment(emailId, part), path: target };
			}),
	};
	return { commands, deliver };
}
