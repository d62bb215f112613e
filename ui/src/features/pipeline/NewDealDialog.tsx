import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { DealInput, Stage } from "../../bindings";
import { CustomFieldInputs } from "../../components/CustomFieldInputs";
import {
	type CustomFormValue,
	type CustomFormValues,
	customInputFromForm,
} from "../../components/customValues";
import { Field } from "../../components/Field";
import { FormDialog } from "../../components/FormDialog";
import { formErrorsFrom, useFormErrors } from "../../components/formErrors";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";
import { useCustomFields } from "../customFields/queries";
import { AmountFields, LinkFields } from "../deals/DealFields";

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
	const { errors, setErrors, clear, reset } = useFormErrors();
	const [custom, setCustom] = useState<CustomFormValues>({});
	const customFields = useCustomFields("deal");
	const options = useRecordOptions();
	const save = useMutation({
		mutationFn: (input: DealInput) => unwrap(backend.commands.dealCreate(input)),
	});

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (save.isPending) return;
		reset();
		const cents = parseAmountToCents(value);
		if (cents === null) {
			setErrors({
				fields: { value_cents: "Enter an amount, like 12500 or 12,500.50." },
				form: null,
			});
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
				onError: (err) => setErrors(formErrorsFrom(err, fields)),
			},
		);
	};

	return (
		<FormDialog
			title="New deal"
			testId="deal-dialog"
			onClose={onClose}
			onSubmit={submit}
			error={errors.form}
			submit={{ testId: "deal-save", label: "Create deal" }}
			pending={save.isPending}
		>
			<Field label="Title" name="title" error={errors.fields.title}>
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
			<AmountFields
				value={value}
				currency={currency}
				errors={errors.fields}
				valuePlaceholder="0"
				onValue={(v) => {
					setValue(v);
					clear("value_cents");
				}}
				onCurrency={(c) => {
					setCurrency(c);
					clear("currency");
				}}
			/>
			<div className="form-row">
				<Field label="Stage" name="stage_id" error={errors.fields.stage_id}>
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
				<Field label="Expected close" name="expected_close" error={errors.fields.expected_close}>
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
			<LinkFields
				companyId={companyId}
				contactId={contactId}
				companies={options.companies}
				contacts={options.contacts.map((c) => ({
					id: c.id,
					name: `${c.first_name} ${c.last_name}`.trim() || (c.email ?? ""),
				}))}
				errors={errors.fields}
				onCompany={setCompanyId}
				onContact={setContactId}
			/>
			<CustomFieldInputs
				fields={customFields.data ?? []}
				values={custom}
				errors={errors.fields}
				onChange={(key: string, value: CustomFormValue) => {
					setCustom((c) => ({ ...c, [key]: value }));
					clear(`custom.${key}`);
				}}
			/>
		</FormDialog>
	);
}
