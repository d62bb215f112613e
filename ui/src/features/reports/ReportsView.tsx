import { useQuery } from "@tanstack/react-query";
import { ChartColumn, SquareCheck } from "lucide-react";
import { type ReactNode, useMemo } from "react";
import type { Dashboard } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { displayLocale, formatMoney } from "../pipeline/money";
import { BarChart } from "./BarChart";

// Amounts of all currencies are summed as-is by the core; they are shown in the default one.
const money = (cents: number) => formatMoney(cents, "USD");
const count = (n: number) => String(Math.round(n));

const activityLabels: Record<string, string> = {
	call: "Calls",
	meeting: "Meetings",
	note: "Notes",
	email_out: "Emails sent",
	email_in: "Emails received",
};

export function monthLabel(month: string): string {
	if (month === "none") return "No date";
	const [y, m] = month.split("-").map(Number);
	if (!y || !m) return month;
	return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(displayLocale(), {
		month: "short",
		year: "numeric",
		timeZone: "UTC",
	});
}

export function ReportsView() {
	const backend = useBackend();
	const dashboard = useQuery({
		queryKey: queryKeys.dashboard(null),
		queryFn: () => unwrap(backend.commands.dashboard(null)),
	});

	return (
		<div className="view" data-testid="dashboard">
			<header className="view-header">
				<div className="view-title">
					<h1>Reports</h1>
				</div>
			</header>
			<div className="view-body view-body-padded">
				{dashboard.isPending ? (
					<div className="centered">
						<Spinner label="Loading reports" />
					</div>
				) : dashboard.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(dashboard.error)}
					</p>
				) : (
					<DashboardBody data={dashboard.data} />
				)}
			</div>
		</div>
	);
}

function DashboardBody({ data }: { data: Dashboard }) {
	const navigate = useNavigate();
	const open = data.by_stage.reduce((n, s) => n + s.count, 0);
	const total = data.by_stage.reduce((n, s) => n + s.value_cents, 0);
	const weighted = data.by_stage.reduce((n, s) => n + s.weighted_cents, 0);
	const stages = useMemo(
		() => ({
			labels: data.by_stage.map((s) => s.name),
			values: data.by_stage.map((s) => s.value_cents),
			colors: data.by_stage.map((s) => s.color),
		}),
		[data.by_stage],
	);
	const forecast = useMemo(
		() => ({
			labels: data.forecast.map((m) => monthLabel(m.month)),
			values: data.forecast.map((m) => m.weighted_cents),
		}),
		[data.forecast],
	);
	const activity = useMemo(
		() => ({
			labels: data.activity_week.map((a) => activityLabels[a.kind] ?? a.kind),
			values: data.activity_week.map((a) => a.count),
		}),
		[data.activity_week],
	);

	if (open === 0 && data.won_90d + data.lost_90d === 0) {
		return (
			<EmptyState icon={ChartColumn} title="No deals to report on yet" testId="dashboard-empty">
				Add deals on the Pipeline board and this page charts their value by stage, the forecast by
				close month and your win rate.
			</EmptyState>
		);
	}

	const winRate = data.win_rate === null ? null : Math.round(data.win_rate * 100);

	return (
		<div className="dashboard">
			<div className="stat-grid">
				<Stat label="Open pipeline" testId="dash-pipeline-total" value={money(total)}>
					{open} open {open === 1 ? "deal" : "deals"}
				</Stat>
				<Stat label="Weighted" testId="dash-weighted-total" value={money(weighted)}>
					value × probability
				</Stat>
				<div className="stat stat-donut">
					<Donut percent={winRate} />
					<div>
						<div className="stat-label">Win rate (90 days)</div>
						<div className="stat-value" data-testid="dash-win-rate">
							{winRate === null ? "—" : `${winRate}%`}
						</div>
						<div className="stat-sub">
							{data.won_90d} won · {data.lost_90d} lost
						</div>
					</div>
				</div>
				<Stat
					label="Average sales cycle"
					testId="dash-cycle"
					value={data.avg_cycle_days === null ? "—" : `${Math.round(data.avg_cycle_days)} days`}
				>
					creation to won, last 12 months
				</Stat>
				<button
					type="button"
					className="stat stat-link"
					data-testid="dash-overdue"
					onClick={() => navigate("tasks")}
				>
					<div className="stat-label">Overdue tasks</div>
					<div className={`stat-value${data.overdue_tasks > 0 ? " stat-alert" : ""}`}>
						<span data-testid="dash-overdue-count">{data.overdue_tasks}</span>
					</div>
					<div className="stat-sub">
						<SquareCheck size={12} aria-hidden="true" /> Open Tasks
					</div>
				</button>
			</div>

			<div className="chart-grid">
				<section className="chart-card" aria-labelledby="chart-stage">
					<h2 id="chart-stage">Pipeline value by stage</h2>
					<BarChart label="Pipeline value by stage" format={money} {...stages} />
					<ul className="chart-legend" data-testid="dash-by-stage">
						{data.by_stage.map((s) => (
							<li key={s.stage_id} data-testid="dash-stage" data-stage-id={s.stage_id}>
								<span className="stage-dot" style={{ background: s.color }} aria-hidden="true" />
								<span className="legend-name">{s.name}</span>
								<span className="cell-muted">{s.count}</span>
								<span className="legend-value">{money(s.value_cents)}</span>
							</li>
						))}
					</ul>
				</section>
				<section className="chart-card" aria-labelledby="chart-forecast">
					<h2 id="chart-forecast">Weighted forecast by close month</h2>
					{data.forecast.length === 0 ? (
						<p className="hint">No open deals.</p>
					) : (
						<>
							<BarChart
								label="Weighted forecast by close month"
								format={money}
								colors="#5b5bd6"
								{...forecast}
							/>
							<ul className="chart-legend" data-testid="dash-forecast">
								{data.forecast.map((m) => (
									<li key={m.month}>
										<span className="legend-name">{monthLabel(m.month)}</span>
										<span className="cell-muted">{m.count}</span>
										<span className="legend-value">{money(m.weighted_cents)}</span>
									</li>
								))}
							</ul>
						</>
					)}
				</section>
				<section className="chart-card" aria-labelledby="chart-activity">
					<h2 id="chart-activity">Activity this week</h2>
					{data.activity_week.length === 0 ? (
						<p className="hint">No calls, meetings or notes logged in the last 7 days.</p>
					) : (
						<>
							<BarChart
								label="Activity this week"
								format={count}
								colors="#0ea5e9"
								height={180}
								{...activity}
							/>
							<ul className="chart-legend" data-testid="dash-activity">
								{data.activity_week.map((a) => (
									<li key={a.kind}>
										<span className="legend-name">{activityLabels[a.kind] ?? a.kind}</span>
										<span className="legend-value">{a.count}</span>
									</li>
								))}
							</ul>
						</>
					)}
				</section>
			</div>
		</div>
	);
}

function Stat({
	label,
	value,
	testId,
	children,
}: {
	label: string;
	value: string;
	testId: string;
	children?: ReactNode;
}) {
	return (
		<div className="stat">
			<div className="stat-label">{label}</div>
			<div className="stat-value" data-testid={testId}>
				{value}
			</div>
			{children && <div className="stat-sub">{children}</div>}
		</div>
	);
}

/** A ring showing the win rate; SVG, so it needs no chart library. */
function Donut({ percent }: { percent: number | null }) {
	const r = 22;
	const c = 2 * Math.PI * r;
	const filled = percent === null ? 0 : (c * percent) / 100;
	return (
		<svg width="56" height="56" viewBox="0 0 56 56" aria-hidden="true" className="donut">
			<circle cx="28" cy="28" r={r} fill="none" stroke="var(--border)" strokeWidth="7" />
			<circle
				cx="28"
				cy="28"
				r={r}
				fill="none"
				stroke="#22c55e"
				strokeWidth="7"
				strokeDasharray={`${filled} ${c - filled}`}
				transform="rotate(-90 28 28)"
			/>
		</svg>
	);
}
