import type { Deal, DealEdit } from "../../bindings";
import {
	type CustomFormValues,
	customFormFromStored,
	customInputFromForm,
} from "../../components/customValues";
import { parseAmountToCents } from "../pipeline/NewDealDialog";

export type DealFormValues = {
	title: string;
	/** As typed: "12,500.50". */
	value: string;
	currency: string;
	expected_close: string;
	company_id: number | null;
	contact_id: number | null;
	/** A percentage as typed; empty uses the stage's. */
	probability: string;
	custom: CustomFormValues;
};

export function formFromDeal(d: Deal): DealFormValues {
	return {
		title: d.title,
		value: String(d.value_cents / 100),
		currency: d.currency,
		expected_close: d.expected_close ?? "",
		company_id: d.company_id,
		contact_id: d.contact_id,
		probability: d.probability_set ? String(d.probability) : "",
		custom: customFormFromStored(d.custom),
	};
}

/** The edit to send, or the field and message of what the form itself can tell is wrong. */
export function dealEdit(
	v: DealFormValues,
): { ok: DealEdit } | { field: "value_cents" | "probability"; message: string } {
	const cents = parseAmountToCents(v.value);
	if (cents === null)
		return { field: "value_cents", message: "Enter an amount, like 12500 or 12,500.50." };
	const p = v.probability.trim().replace(/%$/, "");
	const probability = p === "" ? null : Number(p);
	if (probability !== null && !Number.isInteger(probability))
		return {
			field: "probability",
			message: "Enter a whole percentage from 0 to 100, or leave it empty.",
		};
	return {
		ok: {
			title: v.title.trim(),
			value_cents: cents,
			currency: v.currency.trim() || null,
			expected_close: v.expected_close || null,
			company_id: v.company_id,
			contact_id: v.contact_id,
			probability,
			custom: customInputFromForm(v.custom),
		},
	};
}

export const dealFields = [
	"title",
	"value_cents",
	"currency",
	"expected_close",
	"company_id",
	"contact_id",
	"probability",
] as const;
