import { type FormEvent, useEffect, useRef, useState } from "react";
import type { Company } from "../../bindings";
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
import {
	type CompanyFormValues,
	type CompanyTextField,
	companyFields,
	companyInput,
	companySizes,
	emptyCompanyForm,
	formFromCompany,
} from "./companyForm";
import { useSaveCompany } from "./queries";

type Props = {
	existing: Company | null;
	onSaved: (company: Company) => void;
	onCancel: () => void;
};

/** Create or edit a company: its fields and its custom fields. The core's errors land at their field. */
export function CompanyForm({ existing, onSaved, onCancel }: Props) {
	const [values, setValues] = useState<CompanyFormValues>(() =>
		existing ? formFromCompany(existing) : emptyCompanyForm,
	);
	const [errors, setErrors] = useState<FormErrors>(noFormErrors);
	const fields = useCustomFields("company");
	const save = useSaveCompany();
	const form = useRef<HTMLFormElement>(null);
	const first = useRef<HTMLInputElement>(null);

	useEffect(() => first.current?.focus(), []);

	const clear = (field: string) =>
		setErrors((e) => ({ ...e, fields: { ...e.fields, [field]: undefined } }));
	const set = (key: CompanyTextField, value: string) => {
		setValues((v) => ({ ...v, [key]: value }));
		clear(key);
	};
	const setCustom = (key: string, value: CustomFormValue) => {
		setValues((v) => ({ ...v, custom: { ...v.custom, [key]: value } }));
		clear(`custom.${key}`);
	};

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (save.isPending) return;
		setErrors(noFormErrors);
		save.mutate(
			{ id: existing?.id ?? null, input: companyInput(values) },
			{
				onSuccess: onSaved,
				onError: (err) => {
					const next = formErrorsFrom(err, companyFields);
					setErrors(next);
					// After React shows the message, so the focused control is the one described.
					requestAnimationFrame(() => focusField(form.current, next));
				},
			},
		);
	};

	const input = (key: CompanyTextField, label: string, extra: { placeholder?: string } = {}) => (
		<Field label={label} name={key} error={errors.fields[key]}>
			{(p) => (
				<input
					{...p}
					{...extra}
					ref={key === "name" ? first : undefined}
					name={key}
					data-testid={`company-${key}`}
					value={values[key]}
					autoComplete="off"
					onChange={(e) => set(key, e.target.value)}
				/>
			)}
		</Field>
	);

	return (
		<form ref={form} className="form" onSubmit={submit} noValidate data-testid="company-form">
			{errors.form && (
				<p className="form-error" role="alert" data-testid="form-error">
					{errors.form}
				</p>
			)}
			{input("name", "Name")}
			<div className="form-row">
				{input("website", "Website", { placeholder: "acme.com" })}
				{input("industry", "Industry")}
			</div>
			<div className="form-row">
				<Field label="Size" name="size" error={errors.fields.size}>
					{(p) => (
						<select
							{...p}
							name="size"
							data-testid="company-size"
							value={values.size}
							onChange={(e) => set("size", e.target.value)}
						>
							<option value="">—</option>
							{values.size && !companySizes.includes(values.size) && (
								<option value={values.size}>{values.size}</option>
							)}
							{companySizes.map((s) => (
								<option key={s} value={s}>
									{s} people
								</option>
							))}
						</select>
					)}
				</Field>
				{input("phone", "Phone")}
			</div>
			<div className="form-row">
				{input("city", "City")}
				{input("country", "Country")}
			</div>
			<Field label="Description" name="description" error={errors.fields.description}>
				{(p) => (
					<textarea
						{...p}
						name="description"
						data-testid="company-description"
						rows={3}
						value={values.description}
						onChange={(e) => set("description", e.target.value)}
					/>
				)}
			</Field>
			<CustomFieldInputs
				fields={fields.data ?? []}
				values={values.custom}
				errors={errors.fields}
				onChange={setCustom}
			/>
			<FormActions
				onCancel={onCancel}
				testId="company-save"
				pending={save.isPending}
				pendingLabel="Saving"
			>
				{existing ? "Save changes" : "Create company"}
			</FormActions>
		</form>
	);
}
