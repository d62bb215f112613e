import { useMemo } from "react";
import { QueryStatus } from "../../components/QueryStatus";
import { BarChart } from "../reports/BarChart";
import { funnelOf, percent } from "./funnel";
import { useSequenceStats } from "./queries";

/** Axis ticks: counts are whole, so the in-between ticks of a small scale stay blank. */
const whole = (n: number) => (Number.isInteger(n) ? String(n) : "");

/** Per sequence and step: the headline numbers, the funnel, and a table of every step. */
export function SequenceStatsPanel({ sequenceId }: { sequenceId: number }) {
	const stats = useSequenceStats(sequenceId);
	const bars = useMemo(() => (stats.data ? funnelOf(stats.data) : []), [stats.data]);
	const chart = useMemo(
		() => ({
			labels: bars.map((b) => b.label),
			values: bars.map((b) => b.value),
			colors: bars.map((b) => b.color),
		}),
		[bars],
	);

	if (stats.isPending || stats.isError)
		return <QueryStatus query={stats} loading="Loading the numbers" />;
	const s = stats.data;
	const cards: [string, string, string?][] = [
		["Enrolled", String(s.enrolled), `${s.active} running · ${s.paused} paused`],
		["Emails sent", String(s.sent)],
		["Replied", String(s.replied), `${Math.round((s.reply_rate ?? 0) * 100)}% reply rate`],
		["Bounced", String(s.bounced)],
		["Unsubscribed", String(s.unsubscribed)],
		[
			"Deals created",
			String(s.deals_created),
			`${s.leads_created} made leads · ${s.meetings} meetings`,
		],
	];
	return (
		<div className="seq-stats" data-testid="seq-stats">
			<div className="stat-grid">
				{cards.map(([label, value, sub]) => (
					<div key={label} className="stat" data-testid={`seq-stat-${label}`}>
						<span className="stat-label">{label}</span>
						<span className="stat-value">{value}</span>
						{sub && <span className="stat-sub">{sub}</span>}
					</div>
				))}
			</div>
			<section className="chart-card" aria-labelledby="seq-funnel-title">
				<h2 id="seq-funnel-title">Funnel</h2>
				{s.enrolled === 0 ? (
					<p className="hint" data-testid="seq-funnel-empty">
						The funnel fills in as contacts are enrolled: how many got each email, how many replied,
						and the deals that followed.
					</p>
				) : (
					<BarChart label="Sequence funnel" format={whole} height={200} {...chart} />
				)}
				<ul className="chart-legend" data-testid="seq-funnel">
					{bars.map((b) => (
						<li key={b.label} data-testid="seq-funnel-bar">
							<span className="stage-dot" style={{ background: b.color }} aria-hidden="true" />
							<span className="legend-name">{b.label}</span>
							<span className="cell-muted">{percent(b.value, s.enrolled)}</span>
							<span className="legend-value">{b.value}</span>
						</li>
					))}
				</ul>
			</section>
			<div className="table-wrap">
				<table className="table" data-testid="seq-step-stats">
					<thead>
						<tr>
							<th>Step</th>
							<th>Reached</th>
							<th>Sent</th>
							<th>Waiting</th>
							<th>Replied</th>
							<th>Reply rate</th>
							<th>Bounced</th>
							<th>Unsubscribed</th>
							<th>Tasks</th>
						</tr>
					</thead>
					<tbody>
						{s.steps.map((st) => (
							<tr key={st.step_id}>
								<td>
									{st.position + 1}. {st.label}
								</td>
								<td>{st.reached}</td>
								<td>{st.kind === "email" ? st.sent : "—"}</td>
								<td>{st.kind === "email" ? st.queued : "—"}</td>
								<td>{st.kind === "email" ? st.replied : "—"}</td>
								<td>{st.kind === "email" ? percent(st.replied, st.sent) : "—"}</td>
								<td>{st.kind === "email" ? st.bounced : "—"}</td>
								<td>{st.kind === "email" ? st.unsubscribed : "—"}</td>
								<td>{st.kind === "task" ? st.tasks_created : "—"}</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</div>
	);
}
