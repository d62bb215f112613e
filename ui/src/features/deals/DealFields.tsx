import { Field } from "../../components/Field";
import type { FormErrors } from "../../components/formErrors";

type Errors = FormErrors["fields"];

/** A deal's value (as typed: "12,500.50") and currency, side by side; both deal forms show them. */
export function AmountFields({
	value,
	currency,
	errors,
	onValue,
	onCurrency,
	valuePlaceholder,
}: {
	value: string;
	currency: string;
	errors: Errors;
	onValue: (value: string) => void;
	/** Gets the currency in capitals. */
	onCurrency: (currency: string) => void;
	valuePlaceholder?: string;
}) {
	return (
		<div className="form-row">
			<Field label="Value" name="value_cents" error={errors.value_cents}>
				{(p) => (
					<input
						{...p}
						name="value_cents"
						data-testid="deal-value"
						inputMode="decimal"
						value={value}
						placeholder={valuePlaceholder}
						autoComplete="off"
						onChange={(e) => onValue(e.target.value)}
					/>
				)}
			</Field>
			<Field label="Currency" name="currency" error={errors.currency}>
				{(p) => (
					<input
						{...p}
						name="currency"
						data-testid="deal-currency"
						value={currency}
						maxLength={3}
						autoComplete="off"
						onChange={(e) => onCurrency(e.target.value.toUpperCase())}
					/>
				)}
			</Field>
		</div>
	);
}

export type LinkOption = { id: number; name: string };

/** The company and the contact a deal is linked to, side by side; "None" unlinks. */
export function LinkFields({
	companyId,
	contactId,
	companies,
	contacts,
	errors,
	onCompany,
	onContact,
}: {
	companyId: number | null;
	contactId: number | null;
	companies: LinkOption[];
	contacts: LinkOption[];
	errors: Errors;
	onCompany: (id: number | null) => void;
	onContact: (id: number | null) => void;
}) {
	return (
		<div className="form-row">
			<LinkSelect
				label="Company"
				name="company_id"
				testId="deal-company"
				value={companyId}
				options={companies}
				error={errors.company_id}
				onChange={onCompany}
			/>
			<LinkSelect
				label="Contact"
				name="contact_id"
				testId="deal-contact"
				value={contactId}
				options={contacts}
				error={errors.contact_id}
				onChange={onContact}
			/>
		</div>
	);
}

function LinkSelect({
	label,
	name,
	testId,
	value,
	options,
	error,
	onChange,
}: {
	label: string;
	name: string;
	testId: string;
	value: number | null;
	options: LinkOption[];
	error: string | undefined;
	onChange: (id: number | null) => void;
}) {
	return (
		<Field label={label} name={name} error={error}>
			{(p) => (
				<select
					{...p}
					name={name}
					data-testid={testId}
					value={value ?? ""}
					onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
				>
					<option value="">None</option>
					{options.map((o) => (
						<option key={o.id} value={o.id}>
							{o.name}
						</option>
					))}
				</select>
			)}
		</Field>
	);
}
