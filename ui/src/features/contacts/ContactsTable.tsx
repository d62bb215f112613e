import { ArrowDown, ArrowUp } from "lucide-react";
import type { ReactNode } from "react";
import type { ContactRow } from "../../bindings";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { LifecycleBadge } from "./LifecycleBadge";
import type { ContactSort } from "./queries";

type Props = {
	rows: ContactRow[];
	onOpen: (id: number) => void;
	/** The list's order; null is the natural one (by name, ascending). */
	order?: ContactSort | null;
	onSort?: (order: ContactSort) => void;
};

export function ContactsTable({ rows, onOpen, order = null, onSort }: Props) {
	const current: ContactSort = order ?? { sort: "name", desc: false };
	const header = (label: string, sort: ContactSort["sort"] | null): ReactNode => {
		if (!sort || !onSort) return <th>{label}</th>;
		const active = current.sort === sort;
		return (
			<th aria-sort={active ? (current.desc ? "descending" : "ascending") : "none"}>
				<button
					type="button"
					className="th-sort"
					data-testid={`sort-${sort}`}
					onClick={() =>
						// A new column sorts ascending (newest first for dates); the same column flips.
						onSort(
							active
								? { sort, desc: !current.desc }
								: { sort, desc: sort === "updated_at" || sort === "created_at" },
						)
					}
				>
					{label}
					{active &&
						(current.desc ? (
							<ArrowDown size={12} aria-hidden="true" />
						) : (
							<ArrowUp size={12} aria-hidden="true" />
						))}
				</button>
			</th>
		);
	};
	return (
		<table className="table">
			<thead>
				<tr>
					{header("Name", "name")}
					{header("Email", null)}
					{header("Phone", null)}
					{header("Company", null)}
					{header("Title", null)}
					{header("Lifecycle", null)}
					{header("City", null)}
					{header("Updated", "updated_at")}
				</tr>
			</thead>
			<tbody>
				{rows.map((c) => {
					const name = `${c.first_name} ${c.last_name}`.trim() || c.email || "Unnamed";
					return (
						<tr
							key={c.id}
							data-testid="contact-row"
							className="clickable"
							onClick={() => onOpen(c.id)}
						>
							<td className="cell-primary">
								{/* Makes each row reachable by keyboard; its click bubbles to the row's handler. */}
								<button type="button" className="row-link">
									<span className="avatar" aria-hidden="true">
										{initials(c)}
									</span>
									{name}
								</button>
							</td>
							<td className="cell-muted">{c.email}</td>
							<td className="cell-muted cell-nowrap">{c.phone}</td>
							<td>{c.company_name}</td>
							<td className="cell-muted">{c.title}</td>
							<td>
								<LifecycleBadge lifecycle={c.lifecycle} leadStatus={c.lead_status} />
							</td>
							<td className="cell-muted">{c.city}</td>
							<td className="cell-muted cell-nowrap" title={fullTime(c.updated_at)}>
								{relativeTime(c.updated_at)}
							</td>
						</tr>
					);
				})}
			</tbody>
		</table>
	);
}

function initials(c: ContactRow): string {
	const s = `${c.first_name.charAt(0)}${c.last_name.charAt(0)}`;
	return (s || c.email?.charAt(0) || "?").toUpperCase();
}
