import type { Pipeline, Removed } from "../../../bindings";
import { MoveDealsDialog } from "./MoveDealsDialog";

type Props = {
	pipeline: Pipeline;
	all: Pipeline[];
	openDeals: number;
	onConfirm: (moveTo: number | null) => Promise<Removed>;
	onClose: () => void;
};

/** A pipeline goes only after its open deals have somewhere to go: an open stage of another pipeline. */
export function PipelineDeleteDialog({ pipeline, all, openDeals, onConfirm, onClose }: Props) {
	const others = all.filter((p) => p.id !== pipeline.id);
	const firstOpen = others.flatMap((p) => p.stages).find((s) => s.kind === "open");
	return (
		<MoveDealsDialog
			title={`Delete the pipeline “${pipeline.name}”`}
			testPrefix="pipeline-delete"
			deals={openDeals}
			hint={
				openDeals > 0
					? `It has ${openDeals} open ${openDeals === 1 ? "deal" : "deals"}. They move to the stage you pick, with stage history and a timeline entry each. Won and lost deals stay with it for your reports.`
					: "It has no open deals. Won and lost deals stay with it for your reports."
			}
			field={{ label: "Move its open deals to", name: "move_open_deals_to" }}
			initialTarget={firstOpen?.id ?? null}
			targets={others.map((o) => (
				<optgroup key={o.id} label={o.name}>
					{o.stages
						.filter((s) => s.kind === "open")
						.map((s) => (
							<option key={s.id} value={s.id}>
								{s.name}
							</option>
						))}
				</optgroup>
			))}
			confirmLabel="Delete pipeline"
			onConfirm={onConfirm}
			onClose={onClose}
		/>
	);
}
