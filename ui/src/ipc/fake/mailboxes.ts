import type {
	ConnectionTest,
	Mailbox,
	MailboxInput,
	MailboxPreset,
	ProtocolCheck,
	Security,
} from "../../bindings";
import type { Commands } from "../backend";
import { type FakeContext, notFound, validation } from "./context";

type MailboxCommands = Pick<
	Commands,
	| "mailboxesList"
	| "mailboxPresets"
	| "mailboxCreate"
	| "mailboxUpdate"
	| "mailboxRemove"
	| "mailboxSetState"
	| "mailboxTest"
	| "mailboxTestSettings"
>;

const preset = (
	id: string,
	label: string,
	smtp: [string, number, Security],
	imap: [string, number, Security],
	password_help: string,
	help_url: string | null,
	username_hint = "Your full email address",
): MailboxPreset => ({
	id,
	label,
	smtp_host: smtp[0],
	smtp_port: smtp[1],
	smtp_security: smtp[2],
	imap_host: imap[0],
	imap_port: imap[1],
	imap_security: imap[2],
	username_hint,
	password_help,
	help_url,
});

/** The same providers as the core's `mail/presets.rs` (shorter guidance). */
export const fakePresets: MailboxPreset[] = [
	preset(
		"gmail",
		"Gmail",
		["smtp.gmail.com", 465, "tls"],
		["imap.gmail.com", 993, "tls"],
		"Gmail needs an app password: turn on 2-Step Verification, then create an app password.",
		"https://myaccount.google.com/apppasswords",
	),
	preset(
		"google_workspace",
		"Google Workspace",
		["smtp.gmail.com", 465, "tls"],
		["imap.gmail.com", 993, "tls"],
		"Use an app password; your Workspace admin may have to allow them.",
		"https://myaccount.google.com/apppasswords",
	),
	preset(
		"outlook",
		"Outlook / Microsoft 365",
		["smtp.office365.com", 587, "starttls"],
		["outlook.office365.com", 993, "tls"],
		"Create an app password; work accounts need authenticated SMTP allowed by the admin.",
		"https://account.live.com/proofs/AppPassword",
	),
	preset(
		"icloud",
		"iCloud Mail",
		["smtp.mail.me.com", 587, "starttls"],
		["imap.mail.me.com", 993, "tls"],
		"iCloud needs an app-specific password from appleid.apple.com.",
		"https://appleid.apple.com/account/manage",
	),
	preset(
		"fastmail",
		"Fastmail",
		["smtp.fastmail.com", 465, "tls"],
		["imap.fastmail.com", 993, "tls"],
		"Create an app password with IMAP and SMTP access.",
		"https://app.fastmail.com/settings/security/devicekeys",
	),
	preset(
		"yahoo",
		"Yahoo Mail",
		["smtp.mail.yahoo.com", 465, "tls"],
		["imap.mail.yahoo.com", 993, "tls"],
		"Yahoo needs an app password (Account Security → Generate app password).",
		"https://login.yahoo.com/account/security",
	),
	preset(
		"zoho",
		"Zoho Mail",
		["smtp.zoho.com", 465, "tls"],
		["imap.zoho.com", 993, "tls"],
		"Enable IMAP in Zoho Mail; with two-factor sign-in, create an application-specific password.",
		"https://accounts.zoho.com/home#security/app_password",
	),
	preset(
		"custom",
		"Other (custom)",
		["", 587, "starttls"],
		["", 993, "tls"],
		"Ask your provider for the server names; two-step sign-in usually needs an app password.",
		null,
		"Usually your full email address",
	),
];

/**
 * Connection tests without servers, by convention: the password "wrong" fails sign-in, a host ending in
 * ".invalid" is not found, port 1 is refused, a host containing "selfsigned" has an untrusted certificate
 * (unless a certificate is given), "slow" times out. Anything else connects.
 */
function check(host: string, port: number, security: Security, password: string, ca: boolean) {
	const fail = (
		code: string,
		message: string,
		server_reply: string | null = null,
	): ProtocolCheck => ({
		ok: false,
		code,
		message,
		server_reply,
		elapsed_ms: 40,
	});
	if (host.endsWith(".invalid"))
		return fail("mail_dns", `The server name “${host}” could not be found.`);
	if (port === 1) return fail("mail_refused", `${host} refused the connection on port ${port}.`);
	if (host.includes("slow")) return fail("mail_timeout", `${host}:${port} did not answer in time.`);
	if (host.includes("selfsigned") && !ca && security !== "none")
		return fail("mail_tls", `The certificate of ${host} is not trusted (self-signed).`);
	if (password === "wrong")
		return fail(
			"mail_auth",
			`${host} refused the username or password. Many providers need an app password.`,
			"535 5.7.8 Authentication credentials invalid",
		);
	const warning = security === "none" ? " Warning: this connection is not encrypted." : "";
	return {
		ok: true,
		code: null,
		message: `Connected and signed in.${warning}`,
		server_reply: null,
		elapsed_ms: 40,
	};
}

/** Mailboxes in memory; passwords in a separate map (the "keychain") and never returned. */
export function fakeMailboxes(ctx: FakeContext): {
	commands: MailboxCommands;
	/** What the fake keychain holds, for tests (by mailbox id). */
	keychain: Map<number, string>;
} {
	const mailboxes = new Map<number, Mailbox>();
	const keychain = new Map<number, string>();

	function clean(input: MailboxInput, id: number | null) {
		const email = input.email.trim();
		if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
			throw validation("email", `“${email}” is not an email address.`);
		for (const [field, what, host] of [
			["smtp_host", "SMTP", input.smtp_host.trim()],
			["imap_host", "IMAP", input.imap_host.trim()],
		] as const) {
			if (!host) throw validation(field, `Enter the ${what} server (like mail.example.com).`);
			if (/[\s/@]/.test(host))
				throw validation(field, `“${host}” is not a server name; enter just the name.`);
		}
		if (!input.smtp_port)
			throw validation("smtp_port", "Enter the SMTP port (usually 587 or 465).");
		if (!input.imap_port)
			throw validation("imap_port", "Enter the IMAP port (usually 993 or 143).");
		if (!input.username.trim())
			throw validation("username", "Enter the username (usually the email address).");
		const pem = input.ca_pem?.trim() || null;
		if (pem && !pem.includes("-----BEGIN CERTIFICATE-----"))
			throw validation(
				"ca_pem",
				"The extra certificate holds no “-----BEGIN CERTIFICATE-----” block.",
			);
		for (const m of mailboxes.values())
			if (m.id !== id && m.email.toLowerCase() === email.toLowerCase())
				throw validation("email", `There is already a mailbox for ${email}.`);
		return { email, pem };
	}

	function build(input: MailboxInput, id: number, previous?: Mailbox): Mailbox {
		const { email, pem } = clean(input, previous ? id : null);
		const at = new Date().toISOString();
		return {
			id,
			name: input.name.trim() || email,
			email,
			display_name: input.display_name?.trim() || null,
			smtp_host: input.smtp_host.trim(),
			smtp_port: input.smtp_port,
			smtp_security: input.smtp_security,
			imap_host: input.imap_host.trim(),
			imap_port: input.imap_port,
			imap_security: input.imap_security,
			username: input.username.trim(),
			ca_pem: pem,
			daily_limit: input.daily_limit ?? previous?.daily_limit ?? 200,
			min_spacing_secs: input.min_spacing_secs ?? previous?.min_spacing_secs ?? 30,
			send_window: input.send_window ?? previous?.send_window ?? {},
			state: previous?.state ?? "active",
			state_reason: previous?.state_reason ?? null,
			created_at: previous?.created_at ?? at,
			updated_at: at,
		};
	}

	function test(m: Mailbox, password: string): ConnectionTest {
		const ca = !!m.ca_pem;
		return {
			smtp: check(m.smtp_host, m.smtp_port, m.smtp_security, password, ca),
			imap: check(m.imap_host, m.imap_port, m.imap_security, password, ca),
		};
	}

	function get(id: number): Mailbox {
		const m = mailboxes.get(id);
		if (!m) throw notFound("mailbox", id);
		return m;
	}

	return {
		keychain,
		commands: {
			mailboxesList: () =>
				ctx.run(() => [...mailboxes.values()].sort((a, b) => a.name.localeCompare(b.name))),
			mailboxPresets: () => ctx.run(() => fakePresets),
			mailboxCreate: (input) =>
				ctx.run(() => {
					if (!input.password)
						throw validation("password", "Enter the password (or app password) of this mailbox.");
					const m = build(input, ctx.newId());
					mailboxes.set(m.id, m);
					keychain.set(m.id, input.password);
					ctx.changed("settings", [m.id]);
					return m;
				}),
			mailboxUpdate: (id, input) =>
				ctx.run(() => {
					const m = build(input, id, get(id));
					if (input.password) {
						keychain.set(id, input.password);
						if (m.state === "auth_failed") {
							m.state = "active";
							m.state_reason = null;
						}
					}
					mailboxes.set(id, m);
					ctx.changed("settings", [id]);
					return m;
				}),
			mailboxRemove: (id) =>
				ctx.run(() => {
					get(id);
					keychain.delete(id);
					mailboxes.delete(id);
					ctx.changed("settings", [id]);
					return null;
				}),
			mailboxSetState: (id, state) =>
				ctx.run(() => {
					const m = { ...get(id), state, state_reason: null };
					mailboxes.set(id, m);
					ctx.changed("settings", [id]);
					return m;
				}),
			mailboxTest: (id) => ctx.run(() => test(get(id), keychain.get(id) ?? "")),
			mailboxTestSettings: (id, input) =>
				ctx.run(() => {
					const password = input.password || (id !== null ? keychain.get(id) : undefined);
					if (!password) throw validation("password", "Enter the password to test the connection.");
					return test(build(input, id ?? 0, id !== null ? get(id) : undefined), password);
				}),
		},
	};
}
