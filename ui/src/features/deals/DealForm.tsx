import { type FormEvent, useEffect, useRef, useState } from "react";
import type { Deal } from "../../bindings";
import { CustomFieldInputs } from "../../components/CustomFieldInputs";
import type { CustomFormValue } from "../../components/customValues";
import { Field } from "../../components/Field";
import { FormActions } from "../../components/FormActions";
import {
	type FormErrors,
	focusField,
	formErrorsFrom,
	noFormErrors,
} from "../../components/formErrors";
import { useCustomFields } from "../customFields/queries";
import { useRecordOptions } from "../pipeline/NewDealDialog";
import { type DealFormValues, dealEdit, dealFields, formFromDeal } from "./dealForm";
import { useUpdateDeal } from "./queries";

type Props = { deal: Deal; onSaved: (deal: Deal) => void; onCancel: () => void };

/** Edit a deal's fields and custom values. Its stage changes on the board, where a move is recorded. */
export function DealForm({ deal, onSaved, onCancel }: Props) {
	const [values, setValues] = useState<DealFormValues>(() => formFromDeal(deal));
	const [errors, setErrors] = useState<FormErrors>(noFormErrors);
	const fields = useCustomFields("deal");
	const options = useRecordOptions();
	const save = useUpdateDeal();
	const form = useRef<HTMLFormElement>(null);
	const first = useRef<HTMLInputElement>(null);

	useEffect(() => first.current?.focus(), []);

	const clear = (field: string) =>
		setErrors((e) => ({ ...e, fields: { ...e.fields, [field]: undefined } }));
	const set = <K extends keyof DealFormValues>(key: K, value: DealFormValues[K], field: string) => {
		setValues((v) => ({ ...v, [key]: value }));
		clear(field);
	};
	const setCustom = (key: string, value: CustomFormValue) => {
		setValues((v) => ({ ...v, custom: { ...v.custom, [key]: value } }));
		clear(`custom.${key}`);
	};
	const show = (next: FormErrors) => {
		setErrors(next);
		requestAnimationFrame(() => focusField(form.current, next));
	};

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (save.isPending) return;
		const edit = dealEdit(values);
		if (!("ok" in edit)) {
			show({ fields: { [edit.field]: edit.message }, form: null });
			return;
		}
		setErrors(noFormErrors);
		save.mutate(
			{ id: deal.id, input: edit.ok },
			{ onSuccess: onSaved, onError: (err) => show(formErrorsFrom(err, dealFields)) },
		);
	};

	// The deal's own company or contact may no longer be listed (in the Trash): keep it choosable.
	const companies = options.companies.some((c) => c.id === deal.company_id)
		? options.companies
		: deal.company_id !== null
			? [
					{ id: deal.company_id, name: deal.company_name ?? `Company ${deal.company_id}` },
					...options.companies,
				]
			: options.companies;
	const contacts = options.contacts.map((c) => ({
		id: c.id,
		name: `${c.first_name} ${c.last_name}`.trim() || c.email || "Unnamed",
	}));
	if (deal.contact_id !== null && !contacts.some((c) => c.id === deal.contact_id))
		contacts.unshift({
			id: deal.contact_id,
			name: deal.contact_name ?? `Contact ${deal.contact_id}`,
		});

	return (
		<form ref={form} className="form" onSubmit={submit} noValidate data-testid="deal-form">
			{errors.form && (
				<p className="form-error" role="alert" data-testid="form-error">
					{errors.form}
				</p>
			)}
			<Field label="Title" name="title" error={errors.fields.title}>
				{(p) => (
					<input
						{...p}
						ref={first}
						name="title"
						data-testid="deal-title"
						value={values.title}
						autoComplete="off"
						onChange={(e) => set("title", e.target.value, "title")}
					/>
				)}
			</Field>
			<div className="form-row">
				<Field label="Value" name="value_cents" error={errors.fields.value_cents}>
					{(p) => (
						<input
							{...p}
							name="value_cents"
							data-testid="deal-value"
							inputMode="decimal"
							value={values.value}
							autoComplete="off"
							onChange={(e) => set("value", e.target.value, "value_cents")}
						/>
					)}
				</Field>
				<Field label="Currency" name="currency" error={errors.fields.currency}>
					{(p) => (
						<input
							{...p}
							name="currency"
							data-testid="deal-currency"
							value={values.currency}
							maxLength={3}
							autoComplete="off"
							onChange={(e) => set("currency", e.target.value.toUpperCase(), "currency")}
						/>
					)}
				</Field>
			</div>
			<div className="form-row">
				<Field label="Expected close" name="expected_close" error={errors.fields.expected_close}>
					{(p) => (
						<input
							{...p}
							type="date"
							name="expected_close"
							data-testid="deal-close"
							value={values.expected_close}
							onChange={(e) => set("expected_close", e.target.value, "expected_close")}
						/>
					)}
				</Field>
				<Field label="Probability (%)" name="probability" error={errors.fields.probability}>
					{(p) => (
						<input
							{...p}
							name="probability"
							data-testid="deal-probability"
							inputMode="numeric"
							placeholder={`Stage default (${deal.stage_probability}%)`}
							value={values.probability}
							autoComplete="off"
							onChange={(e) => set("probability", e.target.value, "probability")}
						/>
					)}
				</Field>
			</div>
			<div className="form-row">
				<Field label="Company" name="company_id" error={errors.fields.company_id}>
					{(p) => (
						<select
							{...p}
							name="company_id"
							data-testid="deal-company"
							value={values.company_id ?? ""}
							onChange={(e) =>
								set("company_id", e.target.value ? Number(e.target.value) : null, "company_id")
							}
						>
							<option value="">None</option>
							{companies.map((c) => (
								<option key={c.id} value={c.id}>
									{c.name}
								</option>
							))}
						</select>
					)}
				</Field>
				<Field label="Contact" name="contact_id" error={errors.fields.contact_id}>
					{(p) => (
						<select
							{...p}
							name="contact_id"
							data-testid="deal-contact"
							value={values.contact_id ?? ""}
							onChange={(e) =>
								set("contact_id", e.target.value ? Number(e.target.value) : null, "contact_id")
							}
						>
							<option value="">None</option>
							{contacts.map((c) => (
								<option key={c.id} value={c.id}>
									{c.name}
								</option>
							))}
						</select>
					)}
				</Field>
			</div>
			<CustomFieldInputs
				fields={fields.data ?? []}
				values={values.custom}
				errors={errors.fields}
				onChange={setCustom}
			/>
			<FormActions
				onCancel={onCancel}
				testId="deal-save"
				pending={save.isPending}
				pendingLabel="Saving"
			>
				Save changes
			</FormActions>
		</form>
	);
}
