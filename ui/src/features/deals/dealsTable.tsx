import { Handshake } from "lucide-react";
import type { DealRow, Value } from "../../bindings";
import { TagChips } from "../../components/tags/TagChips";
import { unwrap } from "../../ipc/unwrap";
import type { ListConfig } from "../lists/EntityList";
import { formatMoney } from "../pipeline/money";
import { DealStatusPill } from "./DealStatusPill";

function read(d: DealRow, key: string): Value {
	if (key.startsWith("custom.")) {
		const custom = d.custom;
		return custom && typeof custom === "object" && !Array.isArray(custom)
			? (custom[key.slice(7)] ?? null)
			: null;
	}
	switch (key) {
		case "pipeline":
			return String(d.pipeline_id);
		case "stage":
			return String(d.stage_id);
		case "value":
			return d.value_cents;
		case "company":
			return d.company_name;
		case "contact":
			return d.contact_name;
		case "tags":
			return d.tags as unknown as Value;
		default:
			return ((d as unknown as Record<string, Value>)[key] ?? null) as Value;
	}
}

/** The deals table: which columns it starts with, and how a deal's cells look. */
export const dealsTable: ListConfig<DealRow> = {
	entity: "deal",
	title: "Deals",
	noun: (n) => (n === 1 ? "deal" : "deals"),
	testPrefix: "deals",
	rowTestId: "deal-row",
	fetchPage: (backend, query) => unwrap(backend.commands.dealsList(query)),
	getId: (d) => d.id,
	rowLabel: (d) => d.title,
	defaultColumns: [
		"title",
		"stage",
		"value",
		"company",
		"contact",
		"expected_close",
		"probability",
		"tags",
		"updated_at",
	],
	defaultSort: { field: "updated_at", desc: true },
	trash: (backend, ids) => backend.commands.dealsDelete(ids),
	restore: (backend, ids) => backend.commands.dealsRestore(ids),
	spec: {
		primary: "title",
		read,
		currency: (d) => d.currency,
		widths: { title: 240, stage: 150, value: 130, probability: 110, expected_close: 140 },
		render: {
			title: (d) => (
				// Reachable by keyboard; its click bubbles to the row's handler.
				<button type="button" className="row-link" tabIndex={-1}>
					{d.title}
				</button>
			),
			stage: (d) => <DealStatusPill deal={d} />,
			value: (d) => formatMoney(d.value_cents, d.currency),
			probability: (d) => `${d.probability}%`,
			tags: (d) => <TagChips tags={d.tags} />,
		},
	},
	empty: {
		icon: Handshake,
		title: "No deals yet",
		body: "Create a deal from the Pipeline view, or convert a lead into a deal. Every deal, open or closed, is listed here.",
	},
};
