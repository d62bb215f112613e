import { Mail, Send } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useMemo, useState } from "react";
import type { Mailbox, MailboxState, SendInput } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { EmptyState } from "../../components/EmptyState";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { formErrorsFrom, useFormErrors } from "../../components/formErrors";
import { IdOptions } from "../../components/IdOptions";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useDebounced } from "../../hooks/useDebounced";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { useMailboxes } from "../settings/mailboxes/queries";
import { useTemplates } from "../templates/queries";
import { openMailboxSettings } from "./mailboxSettingsLink";
import { useComposePreview, useOutboxActions } from "./queries";
import { goesAtLabel } from "./when";
import "./outbox.css";

type Props = {
	/** Who the message is for: fills the template's merge fields and files it on their timeline. */
	contactId: number | null;
	dealId?: number | null;
	/** The address to start with (the contact's primary email). */
	defaultTo: string;
	/** "Ada Lovelace", for the title. */
	recipientName?: string;
	onClose: () => void;
};

const fields = ["mailbox_id", "to", "subject", "body_text", "template_id", "contact_id"] as const;

/** A mailbox in the From picker, with why it would not send now. */
const stateNote: Record<MailboxState, string> = {
	active: "",
	paused: " (paused)",
	auth_failed: " (password refused)",
};
const senderLabel = (m: Mailbox) => `${m.name} <${m.email}>${stateNote[m.state]}`;

/** The mailbox a new message goes from: the first that can send, else the first at all. */
function defaultMailbox(mailboxes: Mailbox[]): number | null {
	return (mailboxes.find((m) => m.state === "active") ?? mailboxes[0])?.id ?? null;
}

export function ComposeDialog(props: Props) {
	const mailboxes = useMailboxes();
	const title = props.recipientName ? `Email ${props.recipientName}` : "New email";
	if (mailboxes.isPending || mailboxes.isError) {
		return (
			<Dialog title={title} onClose={props.onClose} testId="compose-dialog">
				{mailboxes.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(mailboxes.error)}
					</p>
				) : (
					<div className="centered">
						<Spinner label="Loading mailboxes" />
					</div>
				)}
			</Dialog>
		);
	}
	if (mailboxes.data.length === 0) return <NoMailbox title={title} onClose={props.onClose} />;
	return <ComposeForm {...props} title={title} mailboxes={mailboxes.data} />;
}

function NoMailbox({ title, onClose }: { title: string; onClose: () => void }) {
	const navigate = useNavigate();
	return (
		<Dialog title={title} onClose={onClose} testId="compose-dialog">
			<EmptyState
				icon={Mail}
				title="Add a mailbox to send from"
				testId="compose-no-mailbox"
				actions={
					<button
						type="button"
						className="button button-primary"
						data-testid="compose-add-mailbox"
						onClick={() => {
							onClose();
							openMailboxSettings(navigate);
						}}
					>
						Open Settings → Mailboxes
					</button>
				}
			>
				Outpost sends from your own address. In Settings → Mailboxes, choose your provider, enter
				the address and an app password (kept in your system keychain), and test the connection.
			</EmptyState>
		</Dialog>
	);
}

function ComposeForm({
	contactId,
	dealId = null,
	defaultTo,
	onClose,
	title,
	mailboxes,
}: Props & { title: string; mailboxes: Mailbox[] }) {
	const templates = useTemplates();
	const { send } = useOutboxActions();
	const toast = useToast();
	const navigate = useNavigate();
	const [mailboxId, setMailboxId] = useState<number | null>(() => defaultMailbox(mailboxes));
	const [to, setTo] = useState(defaultTo);
	const [templateId, setTemplateId] = useState<number | null>(null);
	const [subject, setSubject] = useState("");
	const [body, setBody] = useState("");
	const { errors, show, reset, clear, form } = useFormErrors();

	const input = useMemo<SendInput | null>(
		() =>
			mailboxId === null
				? null
				: {
						mailbox_id: mailboxId,
						to: to.trim() || null,
						subject: templateId === null ? subject : null,
						body_text: templateId === null ? body : null,
						template_id: templateId,
						contact_id: contactId,
						deal_id: dealId,
					},
		[mailboxId, to, templateId, subject, body, contactId, dealId],
	);
	const preview = useComposePreview(useDebounced(input, 250));
	const mailbox = mailboxes.find((m) => m.id === mailboxId) ?? null;

	const submit = async (e?: FormEvent) => {
		e?.preventDefault();
		if (!input || send.isPending) return;
		reset();
		try {
			const queued = await send.mutateAsync(input);
			toast.show({
				message: queued.goes_at
					? `Queued — goes ${goesAtLabel(queued.goes_at)}.`
					: `Queued — it waits until ${mailbox?.name ?? "the mailbox"} can send.`,
				action: {
					label: "Open Outbox",
					testId: "toast-open-outbox",
					onClick: () => navigate("outbox"),
				},
			});
			onClose();
		} catch (err) {
			const next = formErrorsFrom(err, fields);
			show(next);
		}
	};
	const onKeyDown = (e: KeyboardEvent) => {
		if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
			e.preventDefault();
			void submit();
		}
	};
	const edited = (field: string) => errors.fields[field] && clear(field);

	return (
		<Dialog
			title={title}
			onClose={onClose}
			testId="compose-dialog"
			footer={
				<>
					<span className="hint">
						<kbd>Ctrl</kbd>+<kbd>Enter</kbd> to send
					</span>
					<span className="spacer" />
					<button type="button" className="button" onClick={onClose}>
						Cancel
					</button>
					<button
						type="button"
						className="button button-primary"
						data-testid="compose-send"
						disabled={send.isPending || mailboxId === null}
						onClick={() => void submit()}
					>
						<Send size={14} aria-hidden="true" />
						{send.isPending ? "Queueing…" : "Send"}
					</button>
				</>
			}
		>
			<form
				ref={form}
				className="form compose-grid"
				onSubmit={submit}
				onKeyDown={onKeyDown}
				noValidate
				data-testid="compose-form"
			>
				<div>
					<FormError message={errors.form} testId="compose-error" />
					<Field label="From" name="mailbox_id" error={errors.fields.mailbox_id}>
						{(a) => (
							<select
								{...a}
								name="mailbox_id"
								data-testid="compose-mailbox"
								value={mailboxId ?? ""}
								onChange={(e) => {
									setMailboxId(Number(e.target.value));
									edited("mailbox_id");
								}}
							>
								<IdOptions items={mailboxes} label={senderLabel} />
							</select>
						)}
					</Field>
					{mailbox && mailbox.state !== "active" && (
						<p className="compose-warning" data-testid="compose-mailbox-state">
							{mailbox.state === "paused"
								? `${mailbox.name} is paused: the message waits in the Outbox until you resume it.`
								: `${mailbox.name}'s password was refused: the message waits until you update it in Settings → Mailboxes.`}
						</p>
					)}
					<Field label="To" name="to" error={errors.fields.to}>
						{(a) => (
							<input
								{...a}
								name="to"
								type="email"
								data-testid="compose-to"
								value={to}
								placeholder="name@example.com"
								onChange={(e) => {
									setTo(e.target.value);
									edited("to");
								}}
							/>
						)}
					</Field>
					<Field label="Template" name="template_id" error={errors.fields.template_id}>
						{(a) => (
							<select
								{...a}
								name="template_id"
								data-testid="compose-template"
								value={templateId ?? ""}
								onChange={(e) => {
									setTemplateId(e.target.value === "" ? null : Number(e.target.value));
									edited("template_id");
								}}
							>
								<option value="">Free text</option>
								<IdOptions items={templates.data} label={(t) => t.name} />
							</select>
						)}
					</Field>
					{templateId === null && (
						<>
							<Field label="Subject" name="subject" error={errors.fields.subject}>
								{(a) => (
									<input
										{...a}
										name="subject"
										data-testid="compose-subject"
										value={subject}
										onChange={(e) => {
											setSubject(e.target.value);
											edited("subject");
										}}
									/>
								)}
							</Field>
							<div className="compose-body">
								<Field label="Message" name="body_text" error={errors.fields.body_text}>
									{(a) => (
										<textarea
											{...a}
											name="body_text"
											data-testid="compose-body"
											value={body}
											onChange={(e) => {
												setBody(e.target.value);
												edited("body_text");
											}}
										/>
									)}
								</Field>
							</div>
						</>
					)}
				</div>
				<Preview query={preview} />
			</form>
		</Dialog>
	);
}

function Preview({ query }: { query: ReturnType<typeof useComposePreview> }) {
	return (
		<section className="compose-preview" data-testid="compose-preview" aria-label="Preview">
			{query.data?.suppressed && (
				<p className="compose-warning compose-warning-danger" data-testid="compose-suppressed">
					Will not be sent: {query.data.suppressed}.
				</p>
			)}
			{query.data && query.data.missing_fields.length > 0 && (
				<p className="compose-warning" data-testid="compose-missing">
					No value for {query.data.missing_fields.join(", ")}: the template's fallback is used.
				</p>
			)}
			{query.isError ? (
				<p className="hint" data-testid="compose-preview-error">
					{errorMessage(query.error)}
				</p>
			) : query.data ? (
				<>
					<p className="compose-preview-subject" data-testid="compose-preview-subject">
						{query.data.subject || <span className="cell-muted">(no subject)</span>}
					</p>
					<pre className="compose-preview-body" data-testid="compose-preview-body">
						{query.data.body_text}
					</pre>
				</>
			) : (
				<p className="hint">The preview appears here.</p>
			)}
		</section>
	);
}
