import { Clock, ListChecks, type LucideIcon, Mail } from "lucide-react";
import { type FormEvent, useState } from "react";
import type { Sequence, StepKind } from "../../bindings";
import { Field } from "../../components/Field";
import { FormError } from "../../components/FormError";
import { formErrorsFrom, useFormErrors } from "../../components/formErrors";
import { IdOptions } from "../../components/IdOptions";
import { useMailboxes } from "../settings/mailboxes/queries";
import { useTemplates } from "../templates/queries";
import { draftOf, inputOf, move, newDraft, newStep, type SequenceDraft, weekdays } from "./draft";
import { mailboxLabel } from "./pickerLabels";
import { useSequenceActions } from "./queries";
import { StepEditor } from "./StepEditor";

type Props = {
	/** null: a new sequence. */
	sequence: Sequence | null;
	onSaved: (s: Sequence) => void;
	onCancel?: () => void;
};

const knownFields = [
	"name",
	"mailbox_id",
	"settings.send_days",
	"settings.send_start",
	"settings.send_end",
	"settings.auto_reply_delay_days",
	"steps",
];

const addStepButtons: [StepKind, LucideIcon, string][] = [
	["email", Mail, "Add email"],
	["wait", Clock, "Add wait"],
	["task", ListChecks, "Add task"],
];

/** The core's defaults for the stop rules (`SequenceSettings::default`), for a sequence that never set them. */
const AUTO_REPLY_DELAY_DAYS = 2;

/** The sequence as a form: name, mailbox, steps in order, and when emails may go. */
export function SequenceEditor({ sequence, onSaved, onCancel }: Props) {
	const templates = useTemplates();
	const mailboxes = useMailboxes();
	const { create, update } = useSequenceActions();
	const [draft, setDraft] = useState<SequenceDraft>(() =>
		sequence ? draftOf(sequence) : newDraft(null, null),
	);
	const { errors, show, reset, form } = useFormErrors();
	const [stepErrors, setStepErrors] = useState<Record<number, string>>({});
	const [seeded, setSeeded] = useState(sequence !== null);

	// A new sequence starts with the first mailbox and template, once they have loaded.
	if (!seeded && templates.data && mailboxes.data) {
		setSeeded(true);
		setDraft((d) => ({
			...d,
			mailboxId: d.mailboxId ?? mailboxes.data[0]?.id ?? null,
			steps: d.steps.map((s) =>
				s.kind === "email" && s.templateId === null
					? { ...s, templateId: templates.data[0]?.id ?? null }
					: s,
			),
		}));
	}

	const set = (patch: Partial<SequenceDraft>) => setDraft((d) => ({ ...d, ...patch }));
	const setSteps = (steps: SequenceDraft["steps"]) => {
		setStepErrors({});
		set({ steps });
	};
	const addStep = (kind: StepKind) =>
		setSteps([...draft.steps, newStep(kind, { templateId: templates.data?.[0]?.id ?? null })]);
	const running = sequence !== null && sequence.status === "active";
	// A campaign is one email: no waits or tasks to add, no follow-ups for an out-of-office to delay.
	const campaign = sequence?.kind === "campaign";
	const setSetting = (patch: Partial<SequenceDraft["settings"]>) =>
		set({ settings: { ...draft.settings, ...patch } });

	const save = async (e: FormEvent) => {
		e.preventDefault();
		reset();
		setStepErrors({});
		const input = inputOf(draft);
		try {
			const saved = sequence
				? await update.mutateAsync({ id: sequence.id, input })
				: await create.mutateAsync(input);
			onSaved(saved);
		} catch (err) {
			const field = (err as { field?: string | null }).field ?? "";
			const step = /^steps\[(\d+)\]/.exec(field);
			if (step) {
				setStepErrors({ [Number(step[1])]: (err as Error).message });
				form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
				return;
			}
			const next = formErrorsFrom(err, knownFields);
			show(next);
		}
	};

	const saving = create.isPending || update.isPending;
	return (
		<form
			ref={form}
			className="form seq-editor"
			onSubmit={save}
			data-testid="seq-editor"
			noValidate
		>
			<FormError message={errors.form} testId="seq-form-error" />
			<div className="form-row">
				<Field label="Name" name="name" error={errors.fields.name}>
					{(p) => (
						<input
							{...p}
							name="name"
							data-testid="seq-name"
							value={draft.name}
							placeholder="e.g. Trial follow-up"
							onChange={(e) => set({ name: e.target.value })}
						/>
					)}
				</Field>
				<Field label="Send from" name="mailbox_id" error={errors.fields.mailbox_id}>
					{(p) => (
						<select
							{...p}
							name="mailbox_id"
							data-testid="seq-mailbox"
							value={draft.mailboxId ?? ""}
							onChange={(e) => set({ mailboxId: e.target.value ? Number(e.target.value) : null })}
						>
							<option value="">No mailbox yet</option>
							<IdOptions items={mailboxes.data} label={mailboxLabel} />
						</select>
					)}
				</Field>
			</div>

			<section className="seq-section" aria-labelledby="seq-steps-title">
				<h3 id="seq-steps-title">Steps</h3>
				{running && (
					<p className="hint">
						This sequence is running. Changes apply to steps people haven't reached yet; emails
						already sent stay as they were.
					</p>
				)}
				{errors.fields.steps && (
					<p className="field-error" role="alert">
						{errors.fields.steps}
					</p>
				)}
				{(templates.data?.length ?? 0) === 0 && (
					<p className="hint">Email steps send a template: write one under Templates first.</p>
				)}
				<ol className="seq-steps">
					{draft.steps.map((s, i) => (
						<StepEditor
							key={s.key}
							step={s}
							index={i}
							count={draft.steps.length}
							templates={templates.data ?? []}
							error={stepErrors[i] ?? null}
							onChange={(patch) =>
								setSteps(draft.steps.map((x, j) => (j === i ? { ...x, ...patch } : x)))
							}
							onMove={(to) => setSteps(move(draft.steps, i, to))}
							onRemove={() => setSteps(draft.steps.filter((_, j) => j !== i))}
						/>
					))}
				</ol>
				{!campaign && (
					<div className="seq-add-steps">
						{addStepButtons.map(([kind, Icon, label]) => (
							<button
								key={kind}
								type="button"
								className="button button-small"
								data-testid={`seq-add-${kind}`}
								onClick={() => addStep(kind)}
							>
								<Icon size={14} aria-hidden="true" /> {label}
							</button>
						))}
					</div>
				)}
			</section>

			<fieldset className="seq-section seq-window">
				<legend>Send window</legend>
				<fieldset className="seq-weekdays" aria-label="Days emails may go">
					{weekdays.map(([d, label]) => (
						<label key={d} className="seq-weekday">
							<input
								type="checkbox"
								name={d === 1 ? "settings.send_days" : undefined}
								checked={draft.sendDays.includes(d)}
								onChange={(e) =>
									set({
										sendDays: e.target.checked
											? [...draft.sendDays, d]
											: draft.sendDays.filter((x) => x !== d),
									})
								}
							/>
							<span>{label}</span>
						</label>
					))}
				</fieldset>
				<div className="form-row">
					<Field
						label="From"
						name="settings.send_start"
						error={errors.fields["settings.send_start"]}
					>
						{(p) => (
							<input
								{...p}
								type="time"
								name="settings.send_start"
								data-testid="seq-send-start"
								value={draft.sendStart}
								onChange={(e) => set({ sendStart: e.target.value })}
							/>
						)}
					</Field>
					<Field label="Until" name="settings.send_end" error={errors.fields["settings.send_end"]}>
						{(p) => (
							<input
								{...p}
								type="time"
								name="settings.send_end"
								data-testid="seq-send-end"
								value={draft.sendEnd}
								onChange={(e) => set({ sendEnd: e.target.value })}
							/>
						)}
					</Field>
					<Field label="In the time zone of" name="settings.timezone_mode">
						{(p) => (
							<select
								{...p}
								value={draft.timezoneMode}
								onChange={(e) => set({ timezoneMode: e.target.value as "contact" | "rep" })}
							>
								<option value="contact">The contact (when known)</option>
								<option value="rep">Me</option>
							</select>
						)}
					</Field>
				</div>
				{errors.fields["settings.send_days"] && (
					<p className="field-error" role="alert">
						{errors.fields["settings.send_days"]}
					</p>
				)}
			</fieldset>

			{!campaign && (
				<fieldset className="seq-section seq-rules">
					<legend>Stop rules</legend>
					<p className="hint">
						A reply, a bounce or an unsubscribe always stops the sequence for that contact.
					</p>
					<label className="seq-inline">
						<input
							type="checkbox"
							data-testid="seq-stop-on-deal"
							checked={draft.settings.stop_on_deal_closed ?? true}
							onChange={(e) => setSetting({ stop_on_deal_closed: e.target.checked })}
						/>
						<span>Stop when a deal of the contact is won or lost</span>
					</label>
					<Field
						label="An automatic reply (out of office) doesn't stop it; it delays the next step by (days, 0 for no delay)"
						name="settings.auto_reply_delay_days"
						error={errors.fields["settings.auto_reply_delay_days"]}
					>
						{(p) => (
							<input
								{...p}
								type="number"
								min={0}
								max={60}
								name="settings.auto_reply_delay_days"
								data-testid="seq-auto-reply-delay"
								value={draft.settings.auto_reply_delay_days ?? AUTO_REPLY_DELAY_DAYS}
								onChange={(e) =>
									setSetting({
										auto_reply_delay_days: Math.max(0, Math.trunc(Number(e.target.value) || 0)),
									})
								}
							/>
						)}
					</Field>
				</fieldset>
			)}

			<div className="form-actions">
				{onCancel && (
					<button type="button" className="button" onClick={onCancel}>
						Cancel
					</button>
				)}
				<button
					type="submit"
					className="button button-primary"
					data-testid="seq-save"
					disabled={saving}
				>
					{saving ? "Saving…" : sequence ? "Save changes" : "Create sequence"}
				</button>
			</div>
		</form>
	);
}
