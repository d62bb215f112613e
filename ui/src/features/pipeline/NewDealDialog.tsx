import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { DealInput, Stage } from "../../bindings";
import { CustomFieldInputs } from "../../components/CustomFieldInputs";
import {
	type CustomFormValue,
	type CustomFormValues,
	customInputFromForm,
	isCustomFieldError,
} from "../../components/customValues";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { FormActions } from "../../components/FormActions";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";
import { useCustomFields } from "../customFields/queries";

/** "12,500.50" → 1250050; null when it is not an amount. */
export function parseAmountToCents(text: string): number | null {
	const cleaned = text.replace(/[\s,_]/g, "");
	if (cleaned === "") return 0;
	if (!/^-?\d+(\.\d{0,2})?$/.test(cleaned)) return null;
	return Math.round(Number(cleaned) * 100);
}

const fields = [
	"title",
	"value_cents",
	"currency",
	"expected_close",
	"stage_id",
	"company_id",
	"contact_id",
	"probability",
];

/** Companies and contacts to link a deal to; a plain select is enough for a local book. */
export function useRecordOptions() {
	const backend = useBackend();
	const companies = useQuery({
		queryKey: ["company", "options"],
		queryFn: () =>
			unwrap(backend.commands.companiesList({ search: null, cursor: null, limit: 500 })),
	});
	const contacts = useQuery({
		queryKey: ["contact", "options"],
		queryFn: () =>
			unwrap(backend.commands.contactsList({ search: null, cursor: null, limit: 500 })),
	});
	return { companies: companies.data?.items ?? [], contacts: contacts.data?.items ?? [] };
}

type Props = { pipelineId: number; stages: Stage[]; onClose: () => void };

export function NewDealDialog({ pipelineId, stages, onClose }: Props) {
	const backend = useBackend();
	const toast = useToast();
	const openStages = stages.filter((s) => s.kind === "open");
	const [title, setTitle] = useState("");
	const [value, setValue] = useState("");
	const [currency, setCurrency] = useState("USD");
	const [close, setClose] = useState("");
	const [stageId, setStageId] = useState<number | null>(openStages[0]?.id ?? null);
	const [companyId, setCompanyId] = useState<number | null>(null);
	const [contactId, setContactId] = useState<number | null>(null);
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [formError, setFormError] = useState<string | null>(null);
	const [custom, setCustom] = useState<CustomFormValues>({});
	const customFields = useCustomFields("deal");
	const options = useRecordOptions();
	const save = useMutation({
		mutationFn: (input: DealInput) => unwrap(backend.commands.dealCreate(input)),
	});

	const clear = (field: string) => setErrors((e) => ({ ...e, [field]: "" }));

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (save.isPending) return;
		setErrors({});
		setFormError(null);
		const cents = parseAmountToCents(value);
		if (cents === null) {
			setErrors({ value_cents: "Enter an amount, like 12500 or 12,500.50." });
			return;
		}
		save.mutate(
			{
				title,
				pipeline_id: pipelineId,
				stage_id: stageId,
				company_id: companyId,
				contact_id: contactId,
				value_cents: cents,
				currency: currency.trim() || null,
				probability: null,
				expected_close: close || null,
				custom: customInputFromForm(custom),
			},
			{
				onSuccess: (deal) => {
					onClose();
					toast.show({ message: `Added “${deal.title}” to ${deal.stage_name}.` });
				},
				onError: (err) => {
					const field = err instanceof IpcError ? err.field : null;
					if (field && (fields.includes(field) || isCustomFieldError(field)))
						setErrors({ [field]: err.message });
					else setFormError(errorMessage(err));
				},
			},
		);
	};

	return (
		<Dialog title="New deal" onClose={onClose} testId="deal-dialog">
			<form className="form" onSubmit={submit} noValidate>
				{formError && (
					<p className="form-error" role="alert" data-testid="form-error">
						{formError}
					</p>
				)}
				<Field label="Title" name="title" error={errors.title}>
					{(p) => (
						<input
							{...p}
							data-testid="deal-title"
							value={title}
							placeholder="e.g. Acme annual licence"
							autoComplete="off"
							onChange={(e) => {
								setTitle(e.target.value);
								clear("title");
							}}
						/>
					)}
				</Field>
				<div className="form-row">
					<Field label="Value" name="value_cents" error={errors.value_cents}>
						{(p) => (
							<input
								{...p}
								data-testid="deal-value"
								inputMode="decimal"
								value={value}
								placeholder="0"
								autoComplete="off"
								onChange={(e) => {
									setValue(e.target.value);
									clear("value_cents");
								}}
							/>
						)}
					</Field>
					<Field label="Currency" name="currency" error={errors.currency}>
						{(p) => (
							<input
								{...p}
								data-testid="deal-currency"
								value={currency}
								maxLength={3}
								autoComplete="off"
								onChange={(e) => {
									setCurrency(e.target.value.toUpperCase());
									clear("currency");
								}}
							/>
						)}
					</Field>
				</div>
				<div className="form-row">
					<Field label="Stage" name="stage_id" error={errors.stage_id}>
						{(p) => (
							<select
								{...p}
								data-testid="deal-stage"
								value={stageId ?? ""}
								onChange={(e) => setStageId(e.target.value ? Number(e.target.value) : null)}
							>
								{openStages.map((s) => (
									<option key={s.id} value={s.id}>
										{s.name}
									</option>
								))}
							</select>
						)}
					</Field>
					<Field label="Expected close" name="expected_close" error={errors.expected_close}>
						{(p) => (
							<input
								{...p}
								type="date"
								data-testid="deal-close"
								value={close}
								onChange={(e) => {
									setClose(e.target.value);
									clear("expected_close");
								}}
							/>
						)}
					</Field>
				</div>
				<div className="form-row">
					<Field label="Company" name="company_id" error={errors.company_id}>
						{(p) => (
							<select
								{...p}
								data-testid="deal-company"
								value={companyId ?? ""}
								onChange={(e) => setCompanyId(e.target.value ? Number(e.target.value) : null)}
							>
								<option value="">None</option>
								{options.companies.map((c) => (
									<option key={c.id} value={c.id}>
										{c.name}
									</option>
								))}
							</select>
						)}
					</Field>
					<Field label="Contact" name="contact_id" error={errors.contact_id}>
						{(p) => (
							<select
								{...p}
								data-testid="deal-contact"
								value={contactId ?? ""}
								onChange={(e) => setContactId(e.target.value ? Number(e.target.value) : null)}
							>
								<option value="">None</option>
								{options.contacts.map((c) => (
									<option key={c.id} value={c.id}>
										{`${c.first_name} ${c.last_name}`.trim() || c.email}
									</option>
								))}
							</select>
						)}
					</Field>
				</div>
				<CustomFieldInputs
					fields={customFields.data ?? []}
					values={custom}
					errors={errors}
					onChange={(key: string, value: CustomFormValue) => {
						setCustom((c) => ({ ...c, [key]: value }));
						clear(`custom.${key}`);
					}}
				/>
				<FormActions
					onCancel={onClose}
					testId="deal-save"
					pending={save.isPending}
					pendingLabel="Saving"
				>
					Create deal
				</FormActions>
			</form>
		</Dialog>
	);
}
