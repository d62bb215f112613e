import { Users } from "lucide-react";
import type { ContactRow, Value } from "../../bindings";
import { TagChips } from "../../components/tags/TagChips";
import { unwrap } from "../../ipc/unwrap";
import { SampleActions } from "../firstRun/SampleActions";
import type { ListConfig } from "../lists/EntityList";
import { ScoreValue } from "../scoring/ScoreBadge";
import { LifecycleBadge } from "./LifecycleBadge";

function initials(c: ContactRow): string {
	const s = `${c.first_name.charAt(0)}${c.last_name.charAt(0)}`;
	return (s || c.email?.charAt(0) || "?").toUpperCase();
}

const name = (c: ContactRow) => `${c.first_name} ${c.last_name}`.trim() || c.email || "Unnamed";

function read(c: ContactRow, key: string): Value {
	if (key.startsWith("custom.")) {
		const custom = c.custom;
		return custom && typeof custom === "object" && !Array.isArray(custom)
			? (custom[key.slice(7)] ?? null)
			: null;
	}
	switch (key) {
		case "name":
			return name(c);
		case "company":
			return c.company_name;
		case "tags":
			return c.tags as unknown as Value;
		default:
			return ((c as unknown as Record<string, Value>)[key] ?? null) as Value;
	}
}

/** The contacts table: which columns it starts with, and how a contact's cells look. */
export const contactsTable: ListConfig<ContactRow> = {
	entity: "contact",
	title: "Contacts",
	noun: (n) => (n === 1 ? "contact" : "contacts"),
	testPrefix: "contacts",
	rowTestId: "contact-row",
	fetchPage: (backend, query) => unwrap(backend.commands.contactsList(query)),
	getId: (c) => c.id,
	rowLabel: name,
	defaultColumns: [
		"name",
		"email",
		"phone",
		"company",
		"title",
		"lifecycle",
		"score",
		"city",
		"tags",
		"updated_at",
	],
	defaultSort: { field: "name", desc: false },
	trash: (backend, ids) => backend.commands.contactsDelete(ids),
	restore: (backend, ids) => backend.commands.contactsRestore(ids),
	spec: {
		primary: "name",
		read,
		widths: {
			name: 210,
			email: 210,
			phone: 140,
			company: 160,
			title: 160,
			lifecycle: 170,
			score: 100,
			city: 130,
			tags: 170,
			updated_at: 110,
		},
		render: {
			name: (c) => (
				// Makes each row reachable by keyboard; its click bubbles to the row's handler.
				<button type="button" className="row-link" tabIndex={-1}>
					<span className="avatar" aria-hidden="true">
						{initials(c)}
					</span>
					{name(c)}
				</button>
			),
			email: (c) => <span className="cell-muted">{c.email}</span>,
			phone: (c) => <span className="cell-muted cell-nowrap">{c.phone}</span>,
			lifecycle: (c) => <LifecycleBadge lifecycle={c.lifecycle} leadStatus={c.lead_status} />,
			score: (c) => <ScoreValue score={c.score} />,
			tags: (c) => <TagChips tags={c.tags} />,
		},
	},
	empty: {
		icon: Users,
		title: "No contacts yet",
		body: (
			<>
				Add someone with <strong>New contact</strong>, or start from sample data or a spreadsheet.
			</>
		),
		actions: <SampleActions />,
	},
};
