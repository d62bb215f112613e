import type { FormEvent } from "react";
import type { Company } from "../../bindings";
import { Field } from "../../components/Field";
import { formErrorsFrom } from "../../components/formErrors";
import { RecordForm } from "../../components/RecordForm";
import { useRecordForm } from "../../components/useRecordForm";
import { useCustomFields } from "../customFields/queries";
import {
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
	const { values, errors, set, setCustom, show, reset, form, first } = useRecordForm(() =>
		existing ? formFromCompany(existing) : emptyCompanyForm,
	);
	const fields = useCustomFields("company");
	const save = useSaveCompany();

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (save.isPending) return;
		reset();
		save.mutate(
			{ id: existing?.id ?? null, input: companyInput(values) },
			{ onSuccess: onSaved, onError: (err) => show(formErrorsFrom(err, companyFields)) },
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
		<RecordForm
			formRef={form}
			testId="company-form"
			onSubmit={submit}
			errors={errors}
			custom={{ fields: fields.data ?? [], values: values.custom, onChange: setCustom }}
			onCancel={onCancel}
			submit={{ testId: "company-save", label: existing ? "Save changes" : "Create company" }}
			pending={save.isPending}
		>
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
		</RecordForm>
	);
}
