import { Building2 } from "lucide-react";
import type { CompanyRow, Value } from "../../bindings";
import { TagChips } from "../../components/tags/TagChips";
import { unwrap } from "../../ipc/unwrap";
import { SampleActions } from "../firstRun/SampleActions";
import type { ListConfig } from "../lists/EntityList";

function read(c: CompanyRow, key: string): Value {
	if (key.startsWith("custom.")) {
		const custom = c.custom;
		return custom && typeof custom === "object" && !Array.isArray(custom)
			? (custom[key.slice(7)] ?? null)
			: null;
	}
	if (key === "tags") return c.tags as unknown as Value;
	return ((c as unknown as Record<string, Value>)[key] ?? null) as Value;
}

/** The companies table: which columns it starts with, and how a company's cells look. */
export const companiesTable: ListConfig<CompanyRow> = {
	entity: "company",
	title: "Companies",
	noun: (n) => (n === 1 ? "company" : "companies"),
	testPrefix: "companies",
	rowTestId: "company-row",
	fetchPage: (backend, query) => unwrap(backend.commands.companiesList(query)),
	getId: (c) => c.id,
	rowLabel: (c) => c.name,
	defaultColumns: [
		"name",
		"domain",
		"industry",
		"city",
		"country",
		"contacts",
		"open_deals",
		"tags",
	],
	defaultSort: { field: "name", desc: false },
	trash: (backend, ids) => backend.commands.companiesDelete(ids),
	restore: (backend, ids) => backend.commands.companiesRestore(ids),
	spec: {
		primary: "name",
		read,
		widths: { name: 220, domain: 170, contacts: 100, open_deals: 110 },
		render: {
			name: (c) => (
				// Reachable by keyboard; its click bubbles to the row's handler.
				<button type="button" className="row-link" tabIndex={-1}>
					{c.name}
				</button>
			),
			domain: (c) => <span className="cell-muted">{c.domain}</span>,
			tags: (c) => <TagChips tags={c.tags} />,
		},
	},
	empty: {
		icon: Building2,
		title: "No companies yet",
		body: "Companies appear here as you add contacts who work at them.",
		actions: <SampleActions />,
	},
};
