import type { ContactDetail, ContactInput, LeadStatus, Lifecycle } from "../../bindings";
import {
	type CustomFormValues,
	customFormFromStored,
	customInputFromForm,
} from "../../components/customValues";

export type ContactFormValues = {
	first_name: string;
	last_name: string;
	email: string;
	phone: string;
	company: string;
	title: string;
	lifecycle: Lifecycle;
	lead_status: LeadStatus;
	/** Custom field values by key (see Settings → Custom fields). */
	custom: CustomFormValues;
};

export const emptyForm: ContactFormValues = {
	first_name: "",
	last_name: "",
	email: "",
	phone: "",
	company: "",
	title: "",
	lifecycle: "contact",
	lead_status: "new",
	custom: {},
};

export function formFromContact(c: ContactDetail): ContactFormValues {
	return {
		first_name: c.first_name,
		last_name: c.last_name,
		email: c.emails[0]?.value ?? "",
		phone: c.phones[0]?.value ?? "",
		company: c.company_name ?? "",
		title: c.title ?? "",
		lifecycle: c.lifecycle,
		lead_status: c.lead_status ?? "new",
		custom: customFormFromStored(c.custom),
	};
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

/**
 * The form edits only the primary email and phone; an existing contact's other
 * addresses, and fields the form does not show, are sent back unchanged.
 */
export function toInput(v: ContactFormValues, existing: ContactDetail | null): ContactInput {
	const otherEmails = existing?.emails.slice(1).map((p) => p.value) ?? [];
	const otherPhones = existing?.phones.slice(1).map((p) => p.value) ?? [];
	const company = orNull(v.company);
	// Keep the link to a company record only while its name is left as it was.
	const keepLink = existing?.company_id != null && company === existing.company_name;
	return {
		first_name: v.first_name.trim(),
		last_name: v.last_name.trim(),
		title: orNull(v.title),
		company_id: keepLink ? (existing?.company_id ?? null) : null,
		company_name: company,
		lifecycle: v.lifecycle,
		lead_status: v.lifecycle === "lead" ? v.lead_status : null,
		lead_source: existing?.lead_source ?? null,
		emails: [v.email.trim(), ...otherEmails].filter(Boolean),
		phones: [v.phone.trim(), ...otherPhones].filter(Boolean),
		city: existing?.city ?? null,
		country: existing?.country ?? null,
		linkedin: existing?.linkedin ?? null,
		custom: customInputFromForm(v.custom),
	};
}

/** Which form control shows a validation error the backend reported for `field`. */
export const controlForField: Record<string, keyof ContactFormValues> = {
	first_name: "first_name",
	last_name: "last_name",
	emails: "email",
	phones: "phone",
	company_name: "company",
	company_id: "company",
	title: "title",
	lifecycle: "lifecycle",
	lead_status: "lead_status",
};
