import type { Company, CompanyInput } from "../../bindings";
import {
	type CustomFormValues,
	customFormFromStored,
	customInputFromForm,
} from "../../components/customValues";

export type CompanyFormValues = {
	name: string;
	website: string;
	industry: string;
	size: string;
	phone: string;
	city: string;
	country: string;
	description: string;
	custom: CustomFormValues;
};

export type CompanyTextField = Exclude<keyof CompanyFormValues, "custom">;

export const emptyCompanyForm: CompanyFormValues = {
	name: "",
	website: "",
	industry: "",
	size: "",
	phone: "",
	city: "",
	country: "",
	description: "",
	custom: {},
};

export function formFromCompany(c: Company): CompanyFormValues {
	return {
		name: c.name,
		// The website as entered; a company made from a domain alone shows the domain.
		website: c.website ?? c.domain ?? "",
		industry: c.industry ?? "",
		size: c.size ?? "",
		phone: c.phone ?? "",
		city: c.city ?? "",
		country: c.country ?? "",
		description: c.description ?? "",
		custom: customFormFromStored(c.custom),
	};
}

const orNull = (s: string) => (s.trim() === "" ? null : s.trim());

export function companyInput(v: CompanyFormValues): CompanyInput {
	return {
		name: v.name.trim(),
		website: orNull(v.website),
		industry: orNull(v.industry),
		size: orNull(v.size),
		phone: orNull(v.phone),
		city: orNull(v.city),
		country: orNull(v.country),
		description: orNull(v.description),
		custom: customInputFromForm(v.custom),
	};
}

/** The core's field names this form shows errors for (custom fields aside). */
export const companyFields: readonly CompanyTextField[] = [
	"name",
	"website",
	"industry",
	"size",
	"phone",
	"city",
	"country",
	"description",
];

/** Company sizes offered in the form (free text in the core, so imports may hold others). */
export const companySizes = ["1-10", "11-50", "51-200", "201-1000", "1000+"];
