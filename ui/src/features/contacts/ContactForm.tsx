import { Building2, Sparkles, Trash2 } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { ContactDetail, LeadStatus, Lifecycle } from "../../bindings";
import { CustomFieldInputs } from "../../components/CustomFieldInputs";
import {
	type CustomErrors,
	type CustomFormValue,
	isCustomFieldError,
} from "../../components/customValues";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { RecordPending } from "../../components/RecordPanel";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { TagEditor } from "../../components/tags/TagEditor";
import { useTrashWithUndo } from "../../hooks/useTrashWithUndo";
import { errorMessage, IpcError } from "../../ipc/unwrap";
import { useCustomFields } from "../customFields/queries";
import { ComposeButton } from "../outbox/ComposeButton";
import { ScoreCard } from "../scoring/ScoreCard";
import { ContactSequences } from "../sequences/ContactSequences";
import { Timeline } from "../timeline/Timeline";
import { ConvertLeadDialog } from "./ConvertLeadDialog";
import {
	type ContactFormValues,
	controlForField,
	emptyForm,
	formFromContact,
	toInput,
} from "./contactForm";
import { LifecycleBadge, leadStatusLabels } from "./LifecycleBadge";
import { useContact, useSaveContact, useTrashContacts } from "./queries";

/** `newAs`: the lifecycle a new record starts with (the Leads view adds leads). */
type Props = { contactId: number | null; onClose: () => void; newAs?: Lifecycle };

export function ContactForm({ contactId, onClose, newAs = "contact" }: Props) {
	const contact = useContact(contactId);
	const title = contactId !== null ? "Edit contact" : newAs === "lead" ? "New lead" : "New contact";

	if (contactId !== null && !contact.data) {
		return (
			<Dialog title={title} onClose={onClose}>
				<RecordPending error={contact.error} loadingLabel="Loading contact" />
			</Dialog>
		);
	}
	const existing = contact.data ?? null;
	return (
		<Dialog title={title} onClose={onClose} testId="contact-dialog">
			{existing && <ContactSummary contact={existing} />}
			{existing && <TagEditor record={{ entity: "contact", id: existing.id }} />}
			{existing && <ScoreCard contact={existing} />}
			{/* A conversion elsewhere changes lifecycle and company: the form starts over from them. */}
			<ContactFormBody
				key={existing ? `${existing.lifecycle}:${existing.company_id}` : "new"}
				existing={existing}
				onClose={onClose}
				newAs={newAs}
			/>
			{existing && <ContactSequences contactId={existing.id} />}
			{existing && <Timeline record={{ entity: "contact", id: existing.id }} />}
		</Dialog>
	);
}

/** Where the contact stands, and the lead's way forward. */
function ContactSummary({ contact }: { contact: ContactDetail }) {
	const [converting, setConverting] = useState(false);
	return (
		<div className="contact-summary" data-testid="contact-summary">
			<span data-testid="contact-lifecycle-badge">
				<LifecycleBadge lifecycle={contact.lifecycle} leadStatus={contact.lead_status} />
			</span>
			{contact.company_name && (
				<span className="cell-muted" data-testid="contact-summary-company">
					<Building2 size={12} aria-hidden="true" /> {contact.company_name}
				</span>
			)}
			<span className="spacer" />
			<ComposeButton
				contactId={contact.id}
				email={(contact.emails.find((e) => e.is_primary) ?? contact.emails[0])?.value}
				name={`${contact.first_name} ${contact.last_name}`.trim()}
				testId="contact-compose"
			/>
			{contact.lifecycle === "lead" && (
				<button
					type="button"
					className="button button-small"
					data-testid="convert-lead"
					onClick={() => setConverting(true)}
				>
					<Sparkles size={13} aria-hidden="true" />
					Convert lead
				</button>
			)}
			{converting && <ConvertLeadDialog contact={contact} onClose={() => setConverting(false)} />}
		</div>
	);
}

type Errors = {
	field: Partial<Record<keyof ContactFormValues, string>>;
	form: { field: string | null; message: string } | null;
};
const noErrors: Errors = { field: {}, form: null };

function ContactFormBody({
	existing,
	onClose,
	newAs,
}: {
	existing: ContactDetail | null;
	onClose: () => void;
	newAs: Lifecycle;
}) {
	const [values, setValues] = useState<ContactFormValues>(() =>
		existing ? formFromContact(existing) : { ...emptyForm, lifecycle: newAs },
	);
	const [errors, setErrors] = useState<Errors>(noErrors);
	const [backendField, setBackendField] = useState<
		Partial<Record<keyof ContactFormValues, string>>
	>({});
	const [customErrors, setCustomErrors] = useState<CustomErrors>({});
	const customFields = useCustomFields("contact");
	const save = useSaveContact();
	const trashMutations = useTrashContacts();
	const trashWithUndo = useTrashWithUndo(trashMutations);
	const toast = useToast();
	const firstInput = useRef<HTMLInputElement>(null);
	const form = useRef<HTMLFormElement>(null);

	useEffect(() => firstInput.current?.focus(), []);

	const set = <K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) => {
		setValues((v) => ({ ...v, [key]: value }));
		setErrors((e) => ({ ...e, field: { ...e.field, [key]: undefined } }));
	};
	const setCustom = (key: string, value: CustomFormValue) => {
		setValues((v) => ({ ...v, custom: { ...v.custom, [key]: value } }));
		setCustomErrors((e) => ({ ...e, [`custom.${key}`]: undefined }));
	};

	const submit = (e?: FormEvent) => {
		e?.preventDefault();
		if (save.isPending) return;
		setErrors(noErrors);
		setCustomErrors({});
		save.mutate(
			{ id: existing?.id ?? null, input: toInput(values, existing) },
			{
				onSuccess: (saved) => {
					onClose();
					const name = `${saved.first_name} ${saved.last_name}`.trim() || "Contact";
					toast.show({ message: existing ? `Saved ${name}.` : `Added ${name}.` });
				},
				onError: (err) => {
					const field = err instanceof IpcError ? err.field : null;
					const control = field ? controlForField[field] : undefined;
					if (isCustomFieldError(field)) {
						// A custom field's control is named for the core's field ("custom.<key>").
						setCustomErrors({ [field]: err.message });
						requestAnimationFrame(() =>
							form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus(),
						);
					} else if (field && control) {
						setErrors({ field: { [control]: err.message }, form: null });
						setBackendField({ [control]: field });
						form.current?.querySelector<HTMLElement>(`[name="${control}"]`)?.focus();
					} else {
						setErrors({ field: {}, form: { field, message: errorMessage(err) } });
					}
				},
			},
		);
	};

	const onDelete = () => {
		if (!existing) return;
		trashWithUndo(existing.id, "Contact", {
			onTrashed: onClose,
			onError: (err) => setErrors({ field: {}, form: { field: null, message: errorMessage(err) } }),
		});
	};

	// Enter submits from a <select> too, where browsers do not do it themselves.
	const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
		if (e.key === "Enter" && e.target instanceof HTMLSelectElement) {
			e.preventDefault();
			submit();
		}
	};

	const err = (key: keyof ContactFormValues) => errors.field[key];
	// Error test ids carry the backend's field name ("emails"), not the control's ("email").
	const errName = (key: keyof ContactFormValues) => backendField[key] ?? key;

	return (
		<form ref={form} className="form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
			{errors.form && (
				<p
					className="form-error"
					role="alert"
					data-testid={errors.form.field ? `field-error-${errors.form.field}` : "form-error"}
				>
					{errors.form.message}
				</p>
			)}
			<div className="form-row">
				<Field label="First name" name={errName("first_name")} error={err("first_name")}>
					{(p) => (
						<input
							{...p}
							ref={firstInput}
							name="first_name"
							data-testid="contact-first-name"
							value={values.first_name}
							onChange={(e) => set("first_name", e.target.value)}
							autoComplete="off"
						/>
					)}
				</Field>
				<Field label="Last name" name={errName("last_name")} error={err("last_name")}>
					{(p) => (
						<input
							{...p}
							name="last_name"
							data-testid="contact-last-name"
							value={values.last_name}
							onChange={(e) => set("last_name", e.target.value)}
							autoComplete="off"
						/>
					)}
				</Field>
			</div>
			<Field label="Email" name={errName("email")} error={err("email")}>
				{(p) => (
					<input
						{...p}
						name="email"
						type="email"
						data-testid="contact-email"
						value={values.email}
						onChange={(e) => set("email", e.target.value)}
						autoComplete="off"
					/>
				)}
			</Field>
			<Field label="Phone" name={errName("phone")} error={err("phone")}>
				{(p) => (
					<input
						{...p}
						name="phone"
						type="tel"
						data-testid="contact-phone"
						value={values.phone}
						onChange={(e) => set("phone", e.target.value)}
						autoComplete="off"
					/>
				)}
			</Field>
			<div className="form-row">
				<Field label="Company" name={errName("company")} error={err("company")}>
					{(p) => (
						<input
							{...p}
							name="company"
							data-testid="contact-company"
							value={values.company}
							onChange={(e) => set("company", e.target.value)}
							autoComplete="off"
						/>
					)}
				</Field>
				<Field label="Title" name={errName("title")} error={err("title")}>
					{(p) => (
						<input
							{...p}
							name="title"
							data-testid="contact-title"
							value={values.title}
							onChange={(e) => set("title", e.target.value)}
							autoComplete="off"
						/>
					)}
				</Field>
			</div>
			<div className="form-row">
				<Field label="Lifecycle" name={errName("lifecycle")} error={err("lifecycle")}>
					{(p) => (
						<select
							{...p}
							name="lifecycle"
							data-testid="contact-lifecycle"
							value={values.lifecycle}
							onChange={(e) => set("lifecycle", e.target.value as Lifecycle)}
						>
							<option value="contact">Contact</option>
							<option value="lead">Lead</option>
							<option value="customer">Customer</option>
						</select>
					)}
				</Field>
				{values.lifecycle === "lead" ? (
					<Field label="Lead status" name={errName("lead_status")} error={err("lead_status")}>
						{(p) => (
							<select
								{...p}
								name="lead_status"
								data-testid="contact-lead-status"
								value={values.lead_status}
								onChange={(e) => set("lead_status", e.target.value as LeadStatus)}
							>
								{Object.entries(leadStatusLabels).map(([value, label]) => (
									<option key={value} value={value}>
										{label}
									</option>
								))}
							</select>
						)}
					</Field>
				) : (
					<div className="field" aria-hidden="true" />
				)}
			</div>
			<CustomFieldInputs
				fields={customFields.data ?? []}
				values={values.custom}
				errors={customErrors}
				onChange={setCustom}
			/>
			<div className="form-actions">
				{existing && (
					<button
						type="button"
						className="button button-danger-ghost"
						data-testid="contact-delete"
						onClick={onDelete}
						disabled={trashMutations.trash.isPending}
					>
						<Trash2 size={14} aria-hidden="true" />
						Delete
					</button>
				)}
				<span className="spacer" />
				<button type="button" className="button" onClick={onClose}>
					Cancel
				</button>
				<button
					type="submit"
					className="button button-primary"
					data-testid="contact-save"
					disabled={save.isPending}
				>
					{save.isPending && <Spinner size={14} label="Saving" />}
					{existing ? "Save changes" : "Create contact"}
				</button>
			</div>
		</form>
	);
}
