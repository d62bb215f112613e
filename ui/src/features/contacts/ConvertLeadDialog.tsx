import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import type { ContactDetail, LeadConversion } from "../../bindings";
import { CustomFieldInputs } from "../../components/CustomFieldInputs";
import {
	type CustomFormValue,
	type CustomFormValues,
	customInputFromForm,
} from "../../components/customValues";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { FormActions } from "../../components/FormActions";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";
import { useCustomFields } from "../customFields/queries";
import { parseAmountToCents } from "../pipeline/NewDealDialog";

/** Fields the core may name in an error that the dialog shows at a field. */
const atField = (field: string | null): field is string =>
	field === "title" ||
	field === "value_cents" ||
	!!field?.startsWith("company.custom.") ||
	!!field?.startsWith("deal.custom.");

type Props = { contact: ContactDetail; onClose: () => void };

/** Lead → contact at a company (found or created by the core), optionally with a first deal. */
export function ConvertLeadDialog({ contact, onClose }: Props) {
	const backend = useBackend();
	const toast = useToast();
	const name = `${contact.first_name} ${contact.last_name}`.trim() || "this lead";
	const [withDeal, setWithDeal] = useState(true);
	const [title, setTitle] = useState(`${contact.company_name ?? name} deal`);
	const [value, setValue] = useState("");
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [formError, setFormError] = useState<string | null>(null);
	const [companyCustom, setCompanyCustom] = useState<CustomFormValues>({});
	const [dealCustom, setDealCustom] = useState<CustomFormValues>({});
	const formRef = useRef<HTMLFormElement>(null);
	// Only required fields are asked for here: the rest can be filled on the records afterwards.
	const companyFields = (useCustomFields("company").data ?? []).filter((f) => f.required);
	const dealFields = (useCustomFields("deal").data ?? []).filter((f) => f.required);
	// A lead already linked to a company keeps it; otherwise the core may create one, which then needs its
	// required values (it ignores them when it finds an existing company instead).
	const mayCreateCompany = contact.company_id === null;
	const clear = (field: string) =>
		setErrors((e) => {
			if (!(field in e)) return e;
			const { [field]: _, ...rest } = e;
			return rest;
		});
	const convert = useMutation({
		mutationFn: (input: LeadConversion) => unwrap(backend.commands.leadConvert(input)),
	});

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (convert.isPending) return;
		setErrors({});
		setFormError(null);
		const cents = parseAmountToCents(value);
		if (withDeal && cents === null) {
			setErrors({ value_cents: "Enter an amount, like 12500." });
			return;
		}
		convert.mutate(
			{
				contact_id: contact.id,
				company_id: contact.company_id,
				company_custom: mayCreateCompany ? customInputFromForm(companyCustom) : {},
				deal: withDeal
					? {
							title,
							pipeline_id: null,
							stage_id: null,
							company_id: null,
							contact_id: null,
							value_cents: cents ?? 0,
							currency: null,
							probability: null,
							expected_close: null,
							custom: customInputFromForm(dealCustom),
						}
					: null,
			},
			{
				onSuccess: (done) => {
					onClose();
					const at = done.company
						? ` at ${done.company.name}${done.company_created ? " (new company)" : ""}`
						: "";
					const deal = done.deal ? `, with the deal “${done.deal.title}”` : "";
					toast.show({ message: `Converted ${name} to a contact${at}${deal}.` });
				},
				onError: (err) => {
					const field = err instanceof IpcError ? err.field : null;
					if (atField(field)) {
						setErrors({ [field]: err.message });
						formRef.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
					} else setFormError(errorMessage(err));
				},
			},
		);
	};

	return (
		<Dialog title={`Convert ${name}`} onClose={onClose} testId="convert-dialog">
			<form className="form" onSubmit={submit} noValidate ref={formRef}>
				{formError && (
					<p className="form-error" role="alert" data-testid="form-error">
						{formError}
					</p>
				)}
				<p className="hint">
					{name} becomes a qualified contact
					{contact.company_name
						? ` at ${contact.company_name}; the company is found by email domain or name, or created.`
						: "; a company is found by email domain when there is one."}
				</p>
				{mayCreateCompany && companyFields.length > 0 && (
					<div data-testid="convert-company-fields">
						<p className="hint">A new company needs these (not used if one is found):</p>
						<CustomFieldInputs
							prefix="company"
							fields={companyFields}
							values={companyCustom}
							errors={errors}
							onChange={(key: string, value: CustomFormValue) => {
								setCompanyCustom((c) => ({ ...c, [key]: value }));
								clear(`company.custom.${key}`);
							}}
						/>
					</div>
				)}
				<label className="checkbox">
					<input
						type="checkbox"
						data-testid="convert-create-deal"
						checked={withDeal}
						onChange={(e) => setWithDeal(e.target.checked)}
					/>
					Also create a deal
				</label>
				{withDeal && (
					<div className="form-row">
						<Field label="Deal title" name="title" error={errors.title}>
							{(p) => (
								<input
									{...p}
									data-testid="convert-deal-title"
									value={title}
									autoComplete="off"
									onChange={(e) => setTitle(e.target.value)}
								/>
							)}
						</Field>
						<Field label="Value" name="value_cents" error={errors.value_cents}>
							{(p) => (
								<input
									{...p}
									data-testid="convert-deal-value"
									inputMode="decimal"
									value={value}
									placeholder="0"
									autoComplete="off"
									onChange={(e) => setValue(e.target.value)}
								/>
							)}
						</Field>
					</div>
				)}
				{withDeal && (
					<CustomFieldInputs
						prefix="deal"
						fields={dealFields}
						values={dealCustom}
						errors={errors}
						onChange={(key: string, value: CustomFormValue) => {
							setDealCustom((c) => ({ ...c, [key]: value }));
							clear(`deal.custom.${key}`);
						}}
					/>
				)}
				<FormActions onCancel={onClose} testId="convert-confirm" pending={convert.isPending}>
					Convert lead
				</FormActions>
			</form>
		</Dialog>
	);
}
