import { useQuery } from "@tanstack/react-query";
import { Kanban } from "lucide-react";
import { useState } from "react";
import type { Deal, Pipeline } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { formatMoney, formatTotals } from "./money";

export function PipelineView() {
	const backend = useBackend();
	const pipelines = useQuery({
		queryKey: queryKeys.pipelines,
		queryFn: () => unwrap(backend.commands.pipelines()),
	});
	const [chosen, setChosen] = useState<number | null>(null);
	const all = pipelines.data ?? [];
	const pipeline = all.find((p) => p.id === chosen) ?? all.find((p) => p.is_default) ?? all[0];

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Pipeline</h1>
					{all.length > 1 && pipeline && (
						<select
							className="select-inline"
							aria-label="Pipeline"
							value={pipeline.id}
							onChange={(e) => setChosen(Number(e.target.value))}
						>
							{all.map((p) => (
								<option key={p.id} value={p.id}>
									{p.name}
								</option>
							))}
						</select>
					)}
				</div>
			</header>
			<div className="view-body view-body-board">
				{pipelines.isPending ? (
					<div className="centered">
						<Spinner label="Loading pipeline" />
					</div>
				) : pipelines.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(pipelines.error)}
					</p>
				) : !pipeline ? (
					<EmptyState icon={Kanban} title="No pipeline yet">
						Pipelines group your deals by stage. Settings will let you create one.
					</EmptyState>
				) : (
					<Board pipeline={pipeline} />
				)}
			</div>
		</div>
	);
}

function Board({ pipeline }: { pipeline: Pipeline }) {
	const backend = useBackend();
	const deals = useQuery({
		queryKey: queryKeys.openDeals(pipeline.id),
		queryFn: () => unwrap(backend.commands.dealsOpen(pipeline.id)),
	});
	if (deals.isPending) {
		return (
			<div className="centered">
				<Spinner label="Loading deals" />
			</div>
		);
	}
	if (deals.isError) {
		return (
			<p className="form-error" role="alert">
				{errorMessage(deals.error)}
			</p>
		);
	}
	// Won and lost stages hold closed deals, which this board of open deals never shows.
	const stages = [...pipeline.stages]
		.filter((s) => s.kind === "open")
		.sort((a, b) => a.position - b.position);
	const byStage = new Map<number, Deal[]>();
	for (const d of deals.data) byStage.set(d.stage_id, [...(byStage.get(d.stage_id) ?? []), d]);

	return (
		<div className="board-wrap">
			<p className="board-summary">
				{deals.data.length} open {deals.data.length === 1 ? "deal" : "deals"} worth{" "}
				<strong>{formatTotals(deals.data)}</strong>
			</p>
			<div className="board" data-testid="pipeline-board">
				{stages.map((stage) => {
					const items = byStage.get(stage.id) ?? [];
					return (
						<section
							key={stage.id}
							className="column"
							data-testid="pipeline-column"
							aria-label={stage.name}
						>
							<header className="column-header">
								<span
									className="stage-dot"
									style={{ background: stage.color }}
									aria-hidden="true"
								/>
								<span className="column-name">{stage.name}</span>
								<span className="count">{items.length}</span>
								<span className="column-sum">{formatTotals(items)}</span>
							</header>
							<ul className="column-cards">
								{items.map((d) => (
									<li key={d.id} className="deal-card" data-testid="deal-card">
										<div className="deal-title">{d.title}</div>
										<div className="deal-meta">
											{[d.company_name, d.contact_name].filter(Boolean).join(" · ") || "—"}
										</div>
										<div className="deal-value">
											{formatMoney(d.value_cents, d.currency)}
											<span className="cell-muted"> · {d.probability}%</span>
										</div>
									</li>
								))}
								{items.length === 0 && <li className="column-empty">No deals</li>}
							</ul>
						</section>
					);
				})}
			</div>
		</div>
	);
}
