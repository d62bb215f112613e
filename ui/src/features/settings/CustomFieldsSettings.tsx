import { Pencil, Plus, Trash2 } from "lucide-react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { CustomField, FieldEntity, FieldType } from "../../bindings";
import { Field } from "../../components/Field";
import { FormActions } from "../../components/FormActions";
import {
	type FormErrors,
	focusField,
	formErrorsFrom,
	noFormErrors,
} from "../../components/formErrors";
import { IconButton, MoveButtons } from "../../components/RowButtons";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useCustomFieldMutations, useCustomFields } from "../customFields/queries";
import "../../components/records.css";

const entities: { id: FieldEntity; label: string }[] = [
	{ id: "contact", label: "Contacts" },
	{ id: "company", label: "Companies" },
	{ id: "deal", label: "Deals" },
];

export const fieldTypeLabels: Record<FieldType, string> = {
	text: "Text",
	number: "Number",
	date: "Date",
	select: "Choice",
	multiselect: "Several choices",
	bool: "Yes / no",
};

const hasChoices = (t: FieldType) => t === "select" || t === "multiselect";

type Editing = { field: CustomField | null } | null;

/** Settings → Custom fields: per record type, define, edit, reorder and delete (with undo) the fields. */
export function CustomFieldsSettings() {
	const [entity, setEntity] = useState<FieldEntity>("contact");
	const [editing, setEditing] = useState<Editing>(null);
	const fields = useCustomFields(entity);
	const { remove, restore, reorder } = useCustomFieldMutations();
	const toast = useToast();
	const list = fields.data ?? [];

	const onDelete = (f: CustomField) =>
		remove.mutate(f.id, {
			onSuccess: () =>
				toast.show({
					message: `Deleted the field “${f.label}”. Its values are kept.`,
					durationMs: 8000,
					action: {
						label: "Undo",
						testId: "toast-undo",
						onClick: () =>
							restore.mutate(f.id, {
								onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
							}),
					},
				}),
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});

	const move = (index: number, by: -1 | 1) => {
		const ids = list.map((f) => f.id);
		const [id] = ids.splice(index, 1);
		if (id === undefined) return;
		ids.splice(index + by, 0, id);
		reorder.mutate(ids, {
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});
	};

	return (
		<section className="panel" data-testid="custom-fields-settings" aria-labelledby="cf-heading">
			<div className="settings-section-header">
				<h2 id="cf-heading">Custom fields</h2>
				<span className="spacer" />
				<fieldset className="segmented" aria-label="Record type">
					{entities.map((e) => (
						<button
							key={e.id}
							type="button"
							data-testid={`cf-entity-${e.id}`}
							aria-pressed={entity === e.id}
							onClick={() => {
								setEntity(e.id);
								setEditing(null);
							}}
						>
							{e.label}
						</button>
					))}
				</fieldset>
			</div>
			<p className="hint">
				Fields you add here appear in the{" "}
				{entities.find((e) => e.id === entity)?.label.toLowerCase()} form and panel. A required
				field must be filled in before a record can be saved.
			</p>
			{fields.isPending ? (
				<Spinner label="Loading custom fields" />
			) : fields.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(fields.error)}
				</p>
			) : list.length === 0 ? (
				!editing && (
					<p className="hint" data-testid="cf-empty">
						No custom fields yet. Add one for anything your records need that Outpost does not have:
						a contract end date, a tier, a seat count.
					</p>
				)
			) : (
				<ul className="field-defs" aria-label="Fields">
					{list.map((f, i) =>
						editing?.field?.id === f.id ? (
							<li key={f.id} className="field-def-form">
								<FieldDefinitionForm entity={entity} field={f} onDone={() => setEditing(null)} />
							</li>
						) : (
							<li key={f.id} className="field-def" data-testid="cf-row" data-key={f.key}>
								<span className="field-def-label">
									<span className="cell-primary">{f.label}</span>
									<span className="field-def-meta">
										{" "}
										· {fieldTypeLabels[f.field_type]}
										{f.required && " · required"}
										{hasChoices(f.field_type) && ` · ${f.options.join(", ")}`}
									</span>
								</span>
								<span className="field-def-actions">
									<MoveButtons
										name={f.label}
										testPrefix="cf"
										first={i === 0}
										last={i === list.length - 1}
										disabled={reorder.isPending}
										onMove={(by) => move(i, by)}
									/>
									<IconButton
										icon={Pencil}
										label={`Edit ${f.label}`}
										testId="cf-edit"
										onClick={() => setEditing({ field: f })}
									/>
									<IconButton
										icon={Trash2}
										label={`Delete ${f.label}`}
										testId="cf-delete"
										disabled={remove.isPending}
										onClick={() => onDelete(f)}
									/>
								</span>
							</li>
						),
					)}
				</ul>
			)}
			{editing && editing.field === null ? (
				<div className="field-def-form">
					<FieldDefinitionForm entity={entity} field={null} onDone={() => setEditing(null)} />
				</div>
			) : (
				<div>
					<button
						type="button"
						className="button"
						data-testid="cf-add"
						onClick={() => setEditing({ field: null })}
					>
						<Plus size={14} aria-hidden="true" />
						Add field
					</button>
				</div>
			)}
		</section>
	);
}

const definitionFields = ["label", "field_type", "options", "required"] as const;

function FieldDefinitionForm({
	entity,
	field,
	onDone,
}: {
	entity: FieldEntity;
	field: CustomField | null;
	onDone: () => void;
}) {
	const [label, setLabel] = useState(field?.label ?? "");
	const [type, setType] = useState<FieldType>(field?.field_type ?? "text");
	const [options, setOptions] = useState(field?.options.join("\n") ?? "");
	const [required, setRequired] = useState(field?.required ?? false);
	const [errors, setErrors] = useState<FormErrors>(noFormErrors);
	const { save } = useCustomFieldMutations();
	const toast = useToast();
	const form = useRef<HTMLFormElement>(null);
	const first = useRef<HTMLInputElement>(null);

	useEffect(() => first.current?.focus(), []);

	const submit = (e: FormEvent) => {
		e.preventDefault();
		// The section sits in the Settings page, not in another form; still, keep the event here.
		e.stopPropagation();
		if (save.isPending) return;
		setErrors(noFormErrors);
		save.mutate(
			{
				id: field?.id ?? null,
				input: {
					entity,
					label,
					field_type: type,
					options: hasChoices(type) ? options.split(/\n|,/).map((o) => o.trim()) : [],
					required,
				},
			},
			{
				onSuccess: (saved) => {
					onDone();
					toast.show({ message: field ? `Saved “${saved.label}”.` : `Added “${saved.label}”.` });
				},
				onError: (err) => {
					const next = formErrorsFrom(err, definitionFields);
					setErrors(next);
					requestAnimationFrame(() => focusField(form.current, next));
				},
			},
		);
	};

	return (
		<form ref={form} className="form" onSubmit={submit} noValidate data-testid="cf-form">
			{errors.form && (
				<p className="form-error" role="alert">
					{errors.form}
				</p>
			)}
			<div className="form-row">
				<Field label="Label" name="label" error={errors.fields.label}>
					{(p) => (
						<input
							{...p}
							ref={first}
							name="label"
							data-testid="cf-label"
							value={label}
							placeholder="e.g. Contract end"
							autoComplete="off"
							onChange={(e) => setLabel(e.target.value)}
						/>
					)}
				</Field>
				<Field label="Type" name="field_type" error={errors.fields.field_type}>
					{(p) => (
						<select
							{...p}
							name="field_type"
							data-testid="cf-type"
							value={type}
							// Stored values keep their meaning only if the type stays.
							disabled={field !== null}
							title={field ? "A field's type can't change once created." : undefined}
							onChange={(e) => setType(e.target.value as FieldType)}
						>
							{Object.entries(fieldTypeLabels).map(([value, text]) => (
								<option key={value} value={value}>
									{text}
								</option>
							))}
						</select>
					)}
				</Field>
			</div>
			{hasChoices(type) && (
				<Field label="Choices, one per line" name="options" error={errors.fields.options}>
					{(p) => (
						<textarea
							{...p}
							name="options"
							className="options-input"
							data-testid="cf-options"
							rows={4}
							value={options}
							placeholder={"Gold\nSilver\nBronze"}
							onChange={(e) => setOptions(e.target.value)}
						/>
					)}
				</Field>
			)}
			<label className="checkbox">
				<input
					type="checkbox"
					name="required"
					data-testid="cf-required"
					checked={required}
					onChange={(e) => setRequired(e.target.checked)}
				/>
				Required: a record can't be saved without it
			</label>
			<FormActions
				onCancel={onDone}
				testId="cf-save"
				pending={save.isPending}
				pendingLabel="Saving"
			>
				{field ? "Save field" : "Add field"}
			</FormActions>
		</form>
	);
}
