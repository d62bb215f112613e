import type { MailboxInput, TemplateInput } from "../bindings";
import type { FakeBackend } from "../ipc/fakeBackend";
import { unwrap } from "../ipc/unwrap";

/** A mailbox the fake and the core accept; the username follows the address unless given. */
export function mailboxInput(overrides: Partial<MailboxInput> = {}): MailboxInput {
	const email = overrides.email ?? "ada@example.com";
	return {
		name: "Work",
		email,
		smtp_host: "smtp.example.com",
		smtp_port: 587,
		smtp_security: "starttls",
		imap_host: "imap.example.com",
		imap_port: 993,
		imap_security: "tls",
		username: email,
		password: "app-pw",
		...overrides,
	};
}

/** Adds a mailbox through the commands, as Settings → Mailboxes would. */
export function seedMailbox(backend: FakeBackend, overrides: Partial<MailboxInput> = {}) {
	return unwrap(backend.commands.mailboxCreate(mailboxInput(overrides)));
}

/** Adds a plain-text template through the commands. */
export function seedTemplate(
	backend: FakeBackend,
	template: Pick<TemplateInput, "name" | "subject" | "body_text">,
) {
	return unwrap(backend.commands.templateCreate({ ...template, body_html: null }));
}

/** What an email step or a campaign needs: a mailbox to send from and an "Intro" template. */
export async function seedMailAndTemplate(backend: FakeBackend) {
	const mb = await seedMailbox(backend);
	const intro = await seedTemplate(backend, {
		name: "Intro",
		subject: "Hi {{ contact.first_name }}",
		body_text: "Quick question.",
	});
	return { mb, intro };
}

/** A saved contacts view with no filter ("Everyone"); returns the ids it shows, i.e. every contact. */
export async function seedEveryoneView(backend: FakeBackend) {
	await unwrap(
		backend.commands.savedViewCreate({
			entity: "contact",
			name: "Everyone",
			filter: null,
			sort: null,
			columns: [],
		}),
	);
	return unwrap(backend.commands.listIds("contact", { search: null, cursor: null, limit: null }));
}
