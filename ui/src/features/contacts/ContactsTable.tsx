import type { ContactRow } from "../../bindings";
import { LifecycleBadge } from "./LifecycleBadge";

type Props = { rows: ContactRow[]; onOpen: (id: number) => void };

export function ContactsTable({ rows, onOpen }: Props) {
	return (
		<table className="table">
			<thead>
				<tr>
					<th>Name</th>
					<th>Email</th>
					<th>Phone</th>
					<th>Company</th>
					<th>Title</th>
					<th>Lifecycle</th>
					<th>City</th>
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
