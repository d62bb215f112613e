import { ShieldAlert } from "lucide-react";
import { type FormEvent, useRef, useState } from "react";
import type {
	ConnectionTest,
	Mailbox,
	MailboxInput,
	MailboxPreset,
	Security,
} from "../../../bindings";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import {
	type FormErrors,
	focusField,
	formErrorsFrom,
	noFormErrors,
} from "../../../components/formErrors";
import { Spinner } from "../../../components/Spinner";
import { errorMessage } from "../../../ipc/unwrap";
import { ConnectionResult } from "./ConnectionResult";
import { useMailboxMutations, useMailboxPresets } from "./queries";

const fields = [
	"name",
	"email",
	"display_name",
	"username",
	"password",
	"smtp_host",
	"smtp_port",
	"imap_host",
	"imap_port",
	"ca_pem",
	"daily_limit",
	"min_spacing_secs",
	"send_window",
] as const;

export const securityLabel: Record<Security, string> = {
	starttls: "STARTTLS",
	tls: "TLS",
	none: "None (unencrypted)",
};

type Draft = {
	preset: string;
	name: string;
	email: string;
	display_name: string;
	username: string;
	/** Whether the username was typed (else it follows the email address). */
	usernameTyped: boolean;
	password: string;
	smtp_host: string;
	smtp_port: string;
	smtp_security: Security;
	imap_host: string;
	imap_port: string;
	imap_security: Security;
	ca_pem: string;
	daily_limit: string;
	min_spacing_secs: string;
};

function draftOf(mailbox: Mailbox | null, presets: MailboxPreset[]): Draft {
	if (!mailbox) {
		const first = presets[0];
		return {
			preset: first?.id ?? "custom",
			name: "",
			email: "",
			display_name: "",
			username: "",
			usernameTyped: false,
			password: "",
			smtp_host: first?.smtp_host ?? "",
			smtp_port: String(first?.smtp_port ?? 587),
			smtp_security: first?.smtp_security ?? "starttls",
			imap_host: first?.imap_host ?? "",
			imap_port: String(first?.imap_port ?? 993),
			imap_security: first?.imap_security ?? "tls",
			ca_pem: "",
			daily_limit: "200",
			min_spacing_secs: "30",
		};
	}
	const preset = presets.find((p) => p.smtp_host !== "" && p.smtp_host === mailbox.smtp_host);
	return {
		preset: preset?.id ?? "custom",
		name: mailbox.name,
		email: mailbox.email,
		display_name: mailbox.display_name ?? "",
		username: mailbox.username,
		usernameTyped: mailbox.username !== mailbox.email,
		password: "",
		smtp_host: mailbox.smtp_host,
		smtp_port: String(mailbox.smtp_port),
		smtp_security: mailbox.smtp_security,
		imap_host: mailbox.imap_host,
		imap_port: String(mailbox.imap_port),
		imap_security: mailbox.imap_security,
		ca_pem: mailbox.ca_pem ?? "",
		daily_limit: String(mailbox.daily_limit),
		min_spacing_secs: String(mailbox.min_spacing_secs),
	};
}

const port = (s: string) => {
	const n = Number.parseInt(s, 10);
	return Number.isFinite(n) && n > 0 && n < 65536 ? n : 0;
};
const count = (s: string) => {
	const n = Number.parseInt(s, 10);
	return Number.isFinite(n) ? n : null;
};

function inputOf(d: Draft, mailbox: Mailbox | null): MailboxInput {
	return {
		name: d.name,
		email: d.email,
		display_name: d.display_name || null,
		smtp_host: d.smtp_host,
		smtp_port: port(d.smtp_port),
		smtp_security: d.smtp_security,
		imap_host: d.imap_host,
		imap_port: port(d.imap_port),
		imap_security: d.imap_security,
		username: d.usernameTyped ? d.username : d.username || d.email,
		ca_pem: d.ca_pem || null,
		daily_limit: count(d.daily_limit),
		min_spacing_secs: count(d.min_spacing_secs),
		send_window: mailbox?.send_window ?? null,
		password: d.password || null,
	};
}

type Props = {
	/** The mailbox to edit; null adds one. */
	mailbox: Mailbox | null;
	onClose: () => void;
	onSaved: (mailbox: Mailbox) => void;
};

/** Add or edit a mailbox: provider preset, servers, password (to the keychain), test before saving. */
export function MailboxForm(props: Props) {
	const presets = useMailboxPresets();
	if (presets.data) return <FormBody {...props} list={presets.data} />;
	return (
		<Dialog title={props.mailbox ? "Edit mailbox" : "Add a mailbox"} onClose={props.onClose}>
			{presets.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(presets.error)}
				</p>
			) : (
				<Spinner label="Loading providers" />
			)}
		</Dialog>
	);
}

function FormBody({ mailbox, onClose, onSaved, list }: Props & { list: MailboxPreset[] }) {
	const [draft, setDraft] = useState<Draft>(() => draftOf(mailbox, list));
	const [errors, setErrors] = useState<FormErrors>(noFormErrors);
	const [tested, setTested] = useState<ConnectionTest | null>(null);
	const [insecureOk, setInsecureOk] = useState(false);
	const form = useRef<HTMLFormElement>(null);
	const { save, testSettings } = useMailboxMutations();
	const preset = list.find((p) => p.id === draft.preset);
	const insecure = draft.smtp_security === "none" || draft.imap_security === "none";
	const wasInsecure =
		mailbox !== null && (mailbox.smtp_security === "none" || mailbox.imap_security === "none");

	const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
		setDraft((d) => ({ ...d, [key]: value }));
		setTested(null);
		if (errors.fields[key as string] || errors.form) setErrors(noFormErrors);
	};

	const choosePreset = (id: string) => {
		const p = list.find((x) => x.id === id);
		setTested(null);
		setDraft((d) =>
			!p || p.id === "custom"
				? { ...d, preset: id }
				: {
						...d,
						preset: id,
						smtp_host: p.smtp_host,
						smtp_port: String(p.smtp_port),
						smtp_security: p.smtp_security,
						imap_host: p.imap_host,
						imap_port: String(p.imap_port),
						imap_security: p.imap_security,
					},
		);
	};

	const fail = (err: unknown) => {
		const next = formErrorsFrom(err, fields);
		setErrors(next);
		requestAnimationFrame(() => focusField(form.current, next));
	};

	const onSubmit = (e: FormEvent) => {
		e.preventDefault();
		if (insecure && !wasInsecure && !insecureOk) {
			setErrors({
				fields: {},
				form: "Confirm that you want an unencrypted connection, or choose TLS.",
			});
			return;
		}
		save.mutate(
			{ id: mailbox?.id ?? null, input: inputOf(draft, mailbox) },
			{ onSuccess: onSaved, onError: fail },
		);
	};

	const onTest = () => {
		setTested(null);
		testSettings.mutate(
			{ id: mailbox?.id ?? null, input: inputOf(draft, mailbox) },
			{ onSuccess: setTested, onError: fail },
		);
	};

	const securitySelect = (key: "smtp_security" | "imap_security", label: string) => (
		<Field label={label} name={key}>
			{(p) => (
				<select
					{...p}
					name={key}
					data-testid={`mailbox-${key}`}
					value={draft[key]}
					onChange={(e) => set(key, e.target.value as Security)}
				>
					{(Object.keys(securityLabel) as Security[]).map((s) => (
						<option key={s} value={s}>
							{securityLabel[s]}
						</option>
					))}
				</select>
			)}
		</Field>
	);

	const text = (
		key: "name" | "email" | "display_name" | "smtp_host" | "imap_host",
		label: string,
		extra: { placeholder?: string; type?: string } = {},
	) => (
		<Field label={label} name={key} error={errors.fields[key]}>
			{(p) => (
				<input
					{...p}
					name={key}
					type={extra.type ?? "text"}
					placeholder={extra.placeholder}
					data-testid={`mailbox-${key}`}
					autoComplete="off"
					spellCheck={false}
					value={draft[key]}
					onChange={(e) => set(key, e.target.value)}
				/>
			)}
		</Field>
	);

	const number = (
		key: "smtp_port" | "imap_port" | "daily_limit" | "min_spacing_secs",
		label: string,
	) => (
		<Field label={label} name={key} error={errors.fields[key]}>
			{(p) => (
				<input
					{...p}
					name={key}
					type="number"
					min={0}
					inputMode="numeric"
					data-testid={`mailbox-${key}`}
					value={draft[key]}
					onChange={(e) => set(key, e.target.value)}
				/>
			)}
		</Field>
	);

	return (
		<Dialog
			title={mailbox ? `Edit ${mailbox.name}` : "Add a mailbox"}
			onClose={onClose}
			testId="mailbox-dialog"
		>
			<form ref={form} className="form mailbox-form" onSubmit={onSubmit} noValidate>
				<Field label="Provider" name="preset">
					{(p) => (
						<select
							{...p}
							name="preset"
							data-testid="mailbox-preset"
							value={draft.preset}
							onChange={(e) => choosePreset(e.target.value)}
						>
							{list.map((x) => (
								<option key={x.id} value={x.id}>
									{x.label}
								</option>
							))}
						</select>
					)}
				</Field>
				<div className="form-row">
					{text("email", "Email address", { type: "email", placeholder: "you@example.com" })}
					{text("display_name", "Your name (shown as sender)", { placeholder: "Ada Lovelace" })}
				</div>
				<div className="form-row">
					{text("name", "Mailbox name", { placeholder: draft.email || "Work" })}
					<Field label="Username" name="username" error={errors.fields.username}>
						{(p) => (
							<input
								{...p}
								name="username"
								data-testid="mailbox-username"
								autoComplete="off"
								spellCheck={false}
								placeholder={preset?.username_hint ?? ""}
								value={draft.usernameTyped ? draft.username : draft.username || draft.email}
								onChange={(e) => {
									set("username", e.target.value);
									set("usernameTyped", true);
								}}
							/>
						)}
					</Field>
				</div>
				<Field
					label={
						mailbox ? "Password (leave empty to keep the saved one)" : "Password or app password"
					}
					name="password"
					error={errors.fields.password}
				>
					{(p) => (
						<input
							{...p}
							name="password"
							type="password"
							data-testid="mailbox-password"
							autoComplete="new-password"
							placeholder={mailbox ? "Saved in your system keychain" : ""}
							value={draft.password}
							onChange={(e) => set("password", e.target.value)}
						/>
					)}
				</Field>
				<p className="hint mailbox-password-help" data-testid="mailbox-password-help">
					{preset?.password_help}{" "}
					{preset?.help_url && (
						<>
							Create one at <code className="mailbox-url">{preset.help_url}</code>.{" "}
						</>
					)}
					The password is kept in your system keychain, never in Outpost's database.
				</p>
				<fieldset className="mailbox-server">
					<legend>Outgoing (SMTP)</legend>
					<div className="mailbox-server-row">
						{text("smtp_host", "Server", { placeholder: "smtp.example.com" })}
						{number("smtp_port", "Port")}
						{securitySelect("smtp_security", "Security")}
					</div>
				</fieldset>
				<fieldset className="mailbox-server">
					<legend>Incoming (IMAP) — sent mail is filed here</legend>
					<div className="mailbox-server-row">
						{text("imap_host", "Server", { placeholder: "imap.example.com" })}
						{number("imap_port", "Port")}
						{securitySelect("imap_security", "Security")}
					</div>
				</fieldset>
				{insecure && (
					<div className="mailbox-warning" role="alert" data-testid="mailbox-insecure-warning">
						<ShieldAlert size={16} aria-hidden="true" />
						<div>
							<strong>Not encrypted.</strong> Your password and your mail travel in the clear,
							readable by anyone on the network. Use this only for a test server on a network you
							trust.
							{!wasInsecure && (
								<label className="mailbox-warning-ok">
									<input
										type="checkbox"
										data-testid="mailbox-insecure-ok"
										checked={insecureOk}
										onChange={(e) => setInsecureOk(e.target.checked)}
									/>
									I understand; use an unencrypted connection
								</label>
							)}
						</div>
					</div>
				)}
				<details className="mailbox-advanced" open={!!draft.ca_pem || undefined}>
					<summary>Sending limits and certificate</summary>
					<div className="form-row">
						{number("daily_limit", "Messages per day (0 = no limit)")}
						{number("min_spacing_secs", "Seconds between messages")}
					</div>
					<Field
						label="Extra trusted certificate (PEM), for a server with its own certificate"
						name="ca_pem"
						error={errors.fields.ca_pem}
					>
						{(p) => (
							<textarea
								{...p}
								name="ca_pem"
								className="mailbox-pem"
								data-testid="mailbox-ca_pem"
								spellCheck={false}
								placeholder="-----BEGIN CERTIFICATE-----"
								value={draft.ca_pem}
								onChange={(e) => set("ca_pem", e.target.value)}
							/>
						)}
					</Field>
				</details>
				{errors.form && (
					<p className="form-error" role="alert" data-testid="mailbox-form-error">
						{errors.form}
					</p>
				)}
				{tested && <ConnectionResult result={tested} />}
				<div className="form-actions">
					<button
						type="button"
						className="button"
						data-testid="mailbox-form-test"
						disabled={testSettings.isPending}
						onClick={onTest}
					>
						{testSettings.isPending && <Spinner size={14} label="Testing" />}
						Test connection
					</button>
					<span className="spacer" />
					<button type="button" className="button" onClick={onClose}>
						Cancel
					</button>
					<button
						type="submit"
						className="button button-primary"
						data-testid="mailbox-save"
						disabled={save.isPending}
					>
						{save.isPending && <Spinner size={14} label="Saving" />}
						{mailbox ? "Save" : "Add mailbox"}
					</button>
				</div>
			</form>
		</Dialog>
	);
}
