import { type FormEvent, useState } from "react";
import type { SequenceInput, SequenceSettings } from "../../bindings";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { formErrorsFrom, useFormErrors } from "../../components/formErrors";
import { IdOptions } from "../../components/IdOptions";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { errorMessage, IpcError } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { useMailboxes } from "../settings/mailboxes/queries";
import { useTemplates } from "../templates/queries";
import { EnrollPreview } from "./EnrollPreview";
import { mailboxLabel, noSavedViews, viewLabel } from "./pickerLabels";
import { useEnrollPreview, useEnrollViews, useSequenceActions } from "./queries";

type Props = {
	/** The campaign started: show it (its report fills in as the emails go). */
	onStarted: (id: number) => void;
	/** Left before starting; the draft's id when one was saved (it stays in the list as a draft). */
	onCancel: (draftId: number | null) => void;
};

const knownFields = ["name", "mailbox_id", "template_id", "view_id"];

/** Weekdays 9–17 in each contact's zone, or any time: the two send windows a one-off send needs. */
function settingsFor(weekdaysOnly: boolean): SequenceSettings {
	return weekdaysOnly
		? {
				send_days: [1, 2, 3, 4, 5],
				send_start: "09:00",
				send_end: "17:00",
				timezone_mode: "contact",
			}
		: { send_days: [1, 2, 3, 4, 5, 6, 7], send_start: null, send_end: null };
}

/**
 * A campaign is a one-step sequence sent to a saved view: write it (template, mailbox, view), check who
 * will be skipped and why, then start. The same pacing (the mailbox's daily limit and spacing) and the
 * same report as a sequence.
 */
export function CampaignWizard({ onStarted, onCancel }: Props) {
	const templates = useTemplates();
	const mailboxes = useMailboxes();
	const views = useEnrollViews();
	const navigate = useNavigate();
	const toast = useToast();
	const { create, update, setStatus, enroll } = useSequenceActions();
	const [name, setName] = useState("");
	const [mailboxId, setMailboxId] = useState<number | null>(null);
	const [templateId, setTemplateId] = useState<number | null>(null);
	const [viewId, setViewId] = useState<number | null>(null);
	const [weekdaysOnly, setWeekdaysOnly] = useState(true);
	const [draftId, setDraftId] = useState<number | null>(null);
	const [checking, setChecking] = useState(false);
	const { errors, show, reset, form } = useFormErrors();
	const [starting, setStarting] = useState(false);

	const mailbox = mailboxId ?? mailboxes.data?.[0]?.id ?? null;
	const template = templateId ?? templates.data?.[0]?.id ?? null;
	const view = viewId ?? views.data?.[0]?.id ?? null;
	const preview = useEnrollPreview(draftId ?? 0, checking && view !== null ? { view } : null);

	const next = async (e: FormEvent) => {
		e.preventDefault();
		const missing: Record<string, string> = {};
		if (!name.trim()) missing.name = "Give the campaign a name.";
		if (mailbox === null) missing.mailbox_id = "Add a mailbox in Settings to send from.";
		if (template === null) missing.template_id = "Write the email as a template first.";
		if (view === null) missing.view_id = "Save a view of Contacts or Leads to send to.";
		if (Object.keys(missing).length > 0) {
			const next = { fields: missing, form: null };
			show(next);
			return;
		}
		reset();
		const input: SequenceInput = {
			name,
			mailbox_id: mailbox,
			kind: "campaign",
			status: "draft",
			settings: settingsFor(weekdaysOnly),
			steps: [{ kind: "email", template_id: template }],
		};
		try {
			const saved =
				draftId === null
					? await create.mutateAsync(input)
					: await update.mutateAsync({ id: draftId, input });
			setDraftId(saved.id);
			setChecking(true);
		} catch (err) {
			// The one step's template is the form's "Email".
			const field = err instanceof IpcError ? err.field : null;
			const next = field?.startsWith("steps")
				? { fields: { template_id: errorMessage(err) }, form: null }
				: formErrorsFrom(err, knownFields);
			show(next);
		}
	};

	const start = async () => {
		if (draftId === null || view === null) return;
		setStarting(true);
		try {
			await setStatus.mutateAsync({ id: draftId, status: "active" });
			const r = await enroll.mutateAsync({ id: draftId, source: { view } });
			const from = mailboxes.data?.find((m) => m.id === mailbox)?.name ?? "your mailbox";
			toast.show({
				message: `Started ${name.trim()}: ${r.enrolled} ${r.enrolled === 1 ? "email goes" : "emails go"} from ${from}, paced by its daily limit.`,
			});
			onStarted(draftId);
		} catch (err) {
			toast.show({ message: errorMessage(err), tone: "error" });
		} finally {
			setStarting(false);
		}
	};

	const cancel = () => {
		if (draftId !== null)
			toast.show({ message: `Kept ${name.trim()} as a draft campaign; start it from the list.` });
		onCancel(draftId);
	};

	if (templates.isPending || mailboxes.isPending || views.isPending)
		return <Spinner label="Loading templates, mailboxes and views" />;

	return (
		<div className="seq-editor" data-testid="campaign-wizard">
			<ol className="campaign-steps" aria-label="Steps">
				<li aria-current={checking ? undefined : "step"}>1. Write</li>
				<li aria-hidden="true">→</li>
				<li aria-current={checking ? "step" : undefined}>2. Check who gets it</li>
				<li aria-hidden="true">→</li>
				<li>3. Start</li>
			</ol>
			{!checking ? (
				<form ref={form} className="form" onSubmit={next} noValidate>
					<FormError message={errors.form} />
					<Field label="Name" name="name" error={errors.fields.name}>
						{(p) => (
							<input
								{...p}
								name="name"
								data-testid="campaign-name"
								value={name}
								placeholder="e.g. Spring launch"
								onChange={(e) => setName(e.target.value)}
							/>
						)}
					</Field>
					<div className="form-row">
						<Field label="Email" name="template_id" error={errors.fields.template_id}>
							{(p) => (
								<select
									{...p}
									name="template_id"
									data-testid="campaign-template"
									value={template ?? ""}
									onChange={(e) => setTemplateId(Number(e.target.value))}
								>
									<IdOptions
										items={templates.data}
										label={(t) => t.name}
										empty="No templates yet"
									/>
								</select>
							)}
						</Field>
						<Field label="Send from" name="mailbox_id" error={errors.fields.mailbox_id}>
							{(p) => (
								<select
									{...p}
									name="mailbox_id"
									data-testid="campaign-mailbox"
									value={mailbox ?? ""}
									onChange={(e) => setMailboxId(Number(e.target.value))}
								>
									<IdOptions items={mailboxes.data} label={mailboxLabel} empty="No mailbox yet" />
								</select>
							)}
						</Field>
					</div>
					<Field label="To everyone in" name="view_id" error={errors.fields.view_id}>
						{(p) => (
							<select
								{...p}
								name="view_id"
								data-testid="campaign-view"
								value={view ?? ""}
								onChange={(e) => setViewId(Number(e.target.value))}
							>
								<IdOptions items={views.data} label={viewLabel} empty={noSavedViews} />
							</select>
						)}
					</Field>
					<label className="seq-inline">
						<input
							type="checkbox"
							data-testid="campaign-weekdays"
							checked={weekdaysOnly}
							onChange={(e) => setWeekdaysOnly(e.target.checked)}
						/>
						<span>Only on weekdays, 9:00–17:00 in each contact's time zone</span>
					</label>
					{(templates.data ?? []).length === 0 && (
						<p className="hint">
							The email is a template, with merge fields like {"{{ contact.first_name }}"}.{" "}
							<button
								type="button"
								className="link-button"
								onClick={() => navigate("templates", "new")}
							>
								Write one under Templates
							</button>
						</p>
					)}
					<div className="form-actions">
						<button type="button" className="button" onClick={cancel}>
							Cancel
						</button>
						<button
							type="submit"
							className="button button-primary"
							data-testid="campaign-next"
							disabled={create.isPending || update.isPending}
						>
							Check who gets it
						</button>
					</div>
				</form>
			) : (
				<div className="form">
					<EnrollPreview
						preview={preview}
						testPrefix="campaign"
						checking="Checking who can be sent to"
						outcome={(n) => (n === 1 ? "contact gets the email" : "contacts get the email")}
					/>
					<div className="form-actions">
						<button type="button" className="button" onClick={cancel}>
							Cancel
						</button>
						<button
							type="button"
							className="button"
							data-testid="campaign-back"
							onClick={() => setChecking(false)}
						>
							Back
						</button>
						<button
							type="button"
							className="button button-primary"
							data-testid="campaign-start"
							disabled={!preview.data || preview.data.enrolled === 0 || starting}
							onClick={start}
						>
							{starting ? "Starting…" : `Start campaign (${preview.data?.enrolled ?? 0})`}
						</button>
					</div>
				</div>
			)}
		</div>
	);
}
