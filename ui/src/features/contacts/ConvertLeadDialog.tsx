import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { ContactDetail, LeadConversion } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { FormActions } from "../../components/FormActions";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";
import { parseAmountToCents } from "../pipeline/NewDealDialog";

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
					if (field === "title" || field === "value_cents") setErrors({ [field]: err.message });
					else setFormError(errorMessage(err));
				},
			},
		);
	};

	return (
		<Dialog title={`Convert ${name}`} onClose={onClose} testId="convert-dialog">
			<form className="form" onSubmit={submit} noValidate>
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
				<FormActions onCancel={onClose} testId="convert-confirm" pending={convert.isPending}>
					Convert lead
				</FormActions>
			</form>
		</Dialog>
	);
}
