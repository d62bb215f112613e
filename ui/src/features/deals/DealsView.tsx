import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { DealStatus } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";
import { useNavigate, useNavTarget } from "../../navigation";
import { EntityList } from "../lists/EntityList";
import { DealPanel } from "./DealPanel";
import { dealsTable } from "./dealsTable";

/** Every deal in one list, across pipelines, open or closed: filter, sort, edit in place, act on many. */
export function DealsView() {
	const backend = useBackend();
	const pipelines = useQuery({
		queryKey: queryKeys.pipelines,
		queryFn: () => unwrap(backend.commands.pipelines()),
	}).data;
	const [pipelineId, setPipelineId] = useState<number | null>(null);
	const [status, setStatus] = useState<DealStatus | null>(null);
	const [open, setOpen] = useState<number | null>(null);
	const target = useNavTarget();
	const navigate = useNavigate();
	// `#deals/12` opens that deal.
	useEffect(() => {
		if (target && target.id !== "new") setOpen(target.id);
	}, [target]);
	const close = () => {
		setOpen(null);
		if (target) navigate("deals");
	};

	const controls = (
		<span className="narrowing">
			{pipelines && pipelines.length > 1 && (
				<select
					aria-label="Pipeline"
					data-testid="deals-pipeline"
					value={pipelineId ?? ""}
					onChange={(e) => setPipelineId(e.target.value === "" ? null : Number(e.target.value))}
				>
					<option value="">All pipelines</option>
					{pipelines.map((p) => (
						<option key={p.id} value={p.id}>
							{p.name}
						</option>
					))}
				</select>
			)}
			<select
				aria-label="Status"
				data-testid="deals-status"
				value={status ?? ""}
				onChange={(e) => setStatus(e.target.value === "" ? null : (e.target.value as DealStatus))}
			>
				<option value="">Open, won and lost</option>
				<option value="open">Open</option>
				<option value="won">Won</option>
				<option value="lost">Lost</option>
			</select>
		</span>
	);

	return (
		<>
			<EntityList
				config={dealsTable}
				onOpen={setOpen}
				highlightId={open}
				narrowing={{
					query: { pipeline_id: pipelineId, deal_status: status },
					controls,
					active: pipelineId !== null || status !== null,
				}}
			/>
			{open !== null && <DealPanel key={open} dealId={open} onClose={close} />}
		</>
	);
}
