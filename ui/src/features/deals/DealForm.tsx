import type { FormEvent } from "react";
import type { Deal } from "../../bindings";
import { Field } from "../../components/Field";
import { formErrorsFrom } from "../../components/formErrors";
import { RecordForm } from "../../components/RecordForm";
import { useRecordForm } from "../../components/useRecordForm";
import { useCustomFields } from "../customFields/queries";
import { useRecordOptions } from "../pipeline/NewDealDialog";
import { AmountFields, LinkFields } from "./DealFields";
import { dealEdit, dealFields, formFromDeal } from "./dealForm";
import { useUpdateDeal } from "./queries";

type Props = { deal: Deal; onSaved: (deal: Deal) => void; onCancel: () => void };

/** Edit a deal's fields and custom values. Its stage changes on the board, where a move is recorded. */
export function DealForm({ deal, onSaved, onCancel }: Props) {
	const { values, errors, set, setCustom, show, reset, form, first } = useRecordForm(() =>
		formFromDeal(deal),
	);
	const fields = useCustomFields("deal");
	const options = useRecordOptions();
	const save = useUpdateDeal();

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (save.isPending) return;
		const edit = dealEdit(values);
		if (!("ok" in edit)) {
			show({ fields: { [edit.field]: edit.message }, form: null });
			return;
		}
		reset();
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
		<RecordForm
			formRef={form}
			testId="deal-form"
			onSubmit={submit}
			errors={errors}
			custom={{ fields: fields.data ?? [], values: values.custom, onChange: setCustom }}
			onCancel={onCancel}
			submit={{ testId: "deal-save", label: "Save changes" }}
			pending={save.isPending}
		>
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
			<AmountFields
				value={values.value}
				currency={values.currency}
				errors={errors.fields}
				onValue={(v) => set("value", v, "value_cents")}
				onCurrency={(c) => set("currency", c)}
			/>
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
			<LinkFields
				companyId={values.company_id}
				contactId={values.contact_id}
				companies={companies}
				contacts={contacts}
				errors={errors.fields}
				onCompany={(id) => set("company_id", id)}
				onContact={(id) => set("contact_id", id)}
			/>
		</RecordForm>
	);
}
