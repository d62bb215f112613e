import { ArrowDown, ArrowUp, Sparkles } from "lucide-react";
import type { ReactNode } from "react";
import type { ContactRow, LeadStatus } from "../../bindings";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { leadStatusLabels } from "../contacts/LifecycleBadge";
import { leadSourceLabels } from "../scoring/labels";
import { GradeBadge, ScoreValue, TemperatureBadge } from "../scoring/ScoreBadge";
import type { LeadSort } from "./queries";

type Props = {
	rows: ContactRow[];
	order: LeadSort;
	onSort: (order: LeadSort) => void;
	onOpen: (id: number) => void;
	onStatus: (id: number, status: LeadStatus) => void;
	onConvert: (id: number) => void;
	/** The lead whose status is being saved, to disable its select meanwhile. */
	savingId: number | null;
};

export function LeadsTable({ rows, order, onSort, onOpen, onStatus, onConvert, savingId }: Props) {
	const header = (label: string, sort: LeadSort["sort"] | null, className?: string): ReactNode => {
		if (!sort) return <th className={className}>{label}</th>;
		const active = order.sort === sort;
		return (
			<th
				className={className}
				aria-sort={active ? (order.desc ? "descending" : "ascending") : "none"}
			>
				<button
					type="button"
					className="th-sort"
					data-testid={`leads-sort-${sort}`}
					onClick={() =>
						// A new column starts with what matters most: high scores, recent dates, A to Z.
						onSort(active ? { sort, desc: !order.desc } : { sort, desc: sort !== "name" })
					}
				>
					{label}
					{active &&
						(order.desc ? (
							<ArrowDown size={12} aria-hidden="true" />
						) : (
							<ArrowUp size={12} aria-hidden="true" />
						))}
				</button>
			</th>
		);
	};
	return (
		<table className="table" data-testid="leads-table">
			<thead>
				<tr>
					{header("Name", "name")}
					{header("Company", null)}
					{header("Title", null)}
					{header("Status", null)}
					{header("Source", null)}
					{header("Score", "score")}
					{header("Grade", null)}
					{header("Temperature", null)}
					{header("Updated", "updated_at")}
					<th>
						<span className="visually-hidden">Actions</span>
					</th>
				</tr>
			</thead>
			<tbody>
				{rows.map((c) => {
					const name = `${c.first_name} ${c.last_name}`.trim() || c.email || "Unnamed";
					return (
						<tr
							key={c.id}
							data-testid="lead-row"
							className="clickable"
							onClick={() => onOpen(c.id)}
						>
							<td className="cell-primary">
								{/* Reachable by keyboard; its click bubbles to the row's handler. */}
								<button type="button" className="row-link">
									{name}
								</button>
							</td>
							<td>{c.company_name}</td>
							<td className="cell-muted">{c.title}</td>
							{/* The select and the button act on their own: clicks stop here, not at the row. */}
							<td onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
								<select
									className="select-inline"
									aria-label={`Lead status of ${name}`}
									data-testid="lead-status-select"
									value={c.lead_status ?? "new"}
									disabled={savingId === c.id}
									onChange={(e) => onStatus(c.id, e.target.value as LeadStatus)}
								>
									{Object.entries(leadStatusLabels).map(([value, label]) => (
										<option key={value} value={value}>
											{label}
										</option>
									))}
								</select>
							</td>
							<td className="cell-muted">{c.lead_source ? leadSourceLabels[c.lead_source] : ""}</td>
							<td data-testid="lead-score">
								<ScoreValue score={c.score} />
							</td>
							<td>
								<GradeBadge grade={c.score_grade} />
							</td>
							<td>
								<TemperatureBadge temperature={c.temperature} />
							</td>
							<td className="cell-muted cell-nowrap" title={fullTime(c.updated_at)}>
								{relativeTime(c.updated_at)}
							</td>
							<td onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
								<button
									type="button"
									className="button button-small"
									data-testid="lead-convert"
									title={`Convert ${name} into a contact, with a company and a deal`}
									onClick={() => onConvert(c.id)}
								>
									<Sparkles size={13} aria-hidden="true" />
									Convert
								</button>
							</td>
						</tr>
					);
				})}
			</tbody>
		</table>
	);
}
