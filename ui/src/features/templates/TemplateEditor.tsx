import { Code, Save, Trash2 } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { MergeField, Template, TemplateInput, TemplatePart } from "../../bindings";
import { Field } from "../../components/Field";
import {
	type FormErrors,
	focusField,
	formErrorsFrom,
	noFormErrors,
} from "../../components/formErrors";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useDebounced } from "../../hooks/useDebounced";
import { errorMessage } from "../../ipc/unwrap";
import { MergeFieldPicker } from "./MergeFieldPicker";
import { PreviewPane } from "./PreviewPane";
import { useTemplateMutations } from "./queries";
import type { Chosen } from "./RecordChooser";

const fields = ["name", "subject", "body_text", "body_html"] as const;

type Draft = { name: string; subject: string; body_text: string; body_html: string; html: boolean };

const draftOf = (t: Template | null): Draft => ({
	name: t?.name ?? "",
	subject: t?.subject ?? "",
	body_text: t?.body_text ?? "",
	body_html: t?.body_html ?? "",
	html: !!t?.body_html,
});

const inputOf = (d: Draft): TemplateInput => ({
	name: d.name,
	subject: d.subject,
	body_text: d.body_text,
	body_html: d.html && d.body_html.trim() ? d.body_html : null,
});

export const newTemplateDraft: Template = {
	id: 0,
	name: "",
	subject: 'Quick question, {{ contact.first_name | default("there") }}',
	body_text:
		'Hi {{ contact.first_name | default("there") }},\n\nI work with teams like {{ company.name | default("yours") }} on …\n\nBest,\n',
	body_html: null,
	created_at: "",
	updated_at: "",
};

type Props = {
	/** The saved template, or a starting draft for a new one (id 0). */
	template: Template;
	chosen: Chosen | null;
	onChoose: (c: Chosen | null) => void;
	onSaved: (t: Template) => void;
	onDeleted: (t: Template) => void;
};

/** Edits one template: name, subject, text and HTML bodies, merge fields; previews it live. */
export function TemplateEditor({ template, chosen, onChoose, onSaved, onDeleted }: Props) {
	const isNew = template.id === 0;
	const [draft, setDraft] = useState(() => draftOf(template));
	const [errors, setErrors] = useState<FormErrors>(noFormErrors);
	const form = useRef<HTMLFormElement>(null);
	const controls = useRef<
		Partial<Record<TemplatePart, HTMLInputElement | HTMLTextAreaElement | null>>
	>({});
	const lastFocused = useRef<TemplatePart>("body_text");
	const { save, remove, restore } = useTemplateMutations();
	const toast = useToast();
	const previewInput = useDebounced(inputOf(draft), 250);
	const saved = draftOf(template);
	const dirty = JSON.stringify(inputOf(draft)) !== JSON.stringify(inputOf(saved));

	useEffect(() => {
		if (isNew) form.current?.querySelector<HTMLInputElement>('[name="name"]')?.focus();
	}, [isNew]);

	const set = (key: keyof Draft, value: string | boolean) => {
		setDraft((d) => ({ ...d, [key]: value }));
		setErrors((e) => ({ ...e, fields: { ...e.fields, [key]: undefined } }));
	};

	/** Puts the field's snippet where the caret is in the subject or body last focused. */
	const insert = (field: MergeField) => {
		const part =
			lastFocused.current === "body_html" && !draft.html ? "body_text" : lastFocused.current;
		const el = controls.current[part];
		const current = draft[part];
		const start = el?.selectionStart ?? current.length;
		const end = el?.selectionEnd ?? current.length;
		set(part, current.slice(0, start) + field.snippet + current.slice(end));
		requestAnimationFrame(() => {
			if (!el) return;
			el.focus();
			const caret = start + field.snippet.length;
			el.setSelectionRange(caret, caret);
		});
	};

	const submit = (e?: FormEvent) => {
		e?.preventDefault();
		save.mutate(
			{ id: isNew ? null : template.id, input: inputOf(draft) },
			{
				onSuccess: (t) => {
					setErrors(noFormErrors);
					toast.show({ message: `Saved “${t.name}”.` });
					onSaved(t);
				},
				onError: (err) => {
					const next = formErrorsFrom(err, fields);
					setErrors(next);
					focusField(form.current, next);
				},
			},
		);
	};

	const onDelete = () =>
		remove.mutate(template.id, {
			onSuccess: () => {
				onDeleted(template);
				toast.show({
					message: `Deleted the template “${template.name}”.`,
					action: {
						label: "Undo",
						testId: "template-undo-delete",
						onClick: () =>
							restore.mutate(template.id, {
								onSuccess: (t) => onSaved(t),
								onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
							}),
					},
				});
			},
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});

	const onKeyDown = (e: KeyboardEvent) => {
		if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "s") {
			e.preventDefault();
			submit();
		}
	};

	const control = (part: TemplatePart) => ({
		name: part,
		value: draft[part],
		ref: (el: HTMLInputElement | HTMLTextAreaElement | null) => {
			controls.current[part] = el;
		},
		onFocus: () => {
			lastFocused.current = part;
		},
		"data-testid": `template-${part}`,
	});

	return (
		<div className="template-editor-layout">
			<form
				ref={form}
				className="form template-form"
				onSubmit={submit}
				onKeyDown={onKeyDown}
				noValidate
				data-testid="template-form"
				aria-label={isNew ? "New template" : `Edit ${template.name}`}
			>
				{errors.form && (
					<p className="form-error" role="alert">
						{errors.form}
					</p>
				)}
				<Field label="Name" name="name" error={errors.fields.name}>
					{(p) => (
						<input
							{...p}
							name="name"
							value={draft.name}
							placeholder="Intro after an event"
							data-testid="template-name"
							onChange={(e) => set("name", e.target.value)}
						/>
					)}
				</Field>
				<Field label="Subject" name="subject" error={errors.fields.subject}>
					{(p) => (
						<input
							{...p}
							{...control("subject")}
							onChange={(e) => set("subject", e.target.value)}
						/>
					)}
				</Field>
				<Field label="Message (plain text)" name="body_text" error={errors.fields.body_text}>
					{(p) => (
						<textarea
							{...p}
							{...control("body_text")}
							rows={10}
							className="template-body"
							onChange={(e) => set("body_text", e.target.value)}
						/>
					)}
				</Field>
				<label className="checkbox">
					<input
						type="checkbox"
						checked={draft.html}
						data-testid="template-html-toggle"
						onChange={(e) => set("html", e.target.checked)}
					/>
					<Code size={13} aria-hidden="true" />
					Also send an HTML version (merge values are escaped)
				</label>
				{draft.html && (
					<Field label="Message (HTML)" name="body_html" error={errors.fields.body_html}>
						{(p) => (
							<textarea
								{...p}
								{...control("body_html")}
								rows={8}
								className="template-body"
								placeholder="<p>Hi {{ contact.first_name }},</p>"
								onChange={(e) => set("body_html", e.target.value)}
							/>
						)}
					</Field>
				)}
				<div className="form-actions">
					{!isNew && (
						<button
							type="button"
							className="button button-danger-ghost"
							data-testid="template-delete"
							disabled={remove.isPending}
							onClick={onDelete}
						>
							<Trash2 size={13} aria-hidden="true" />
							Delete
						</button>
					)}
					<span className="spacer" />
					{dirty && !isNew && <span className="hint">Unsaved changes</span>}
					<button
						type="submit"
						className="button button-primary"
						data-testid="template-save"
						disabled={save.isPending || (!dirty && !isNew)}
						title="Save (Ctrl+S)"
					>
						{save.isPending ? (
							<Spinner size={14} label="Saving" />
						) : (
							<Save size={13} aria-hidden="true" />
						)}
						{isNew ? "Create template" : "Save"}
					</button>
				</div>
			</form>
			<div className="template-side">
				<MergeFieldPicker onInsert={insert} />
				<PreviewPane draft={previewInput} chosen={chosen} onChoose={onChoose} />
			</div>
		</div>
	);
}
