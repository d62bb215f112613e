import type { Pipeline, Removed, Stage } from "../../../bindings";
import { MoveDealsDialog } from "./MoveDealsDialog";
import { kindLabels } from "./StageRow";

type Props = {
	pipeline: Pipeline;
	stage: Stage;
	deals: number;
	onConfirm: (moveTo: number | null) => Promise<Removed>;
	onClose: () => void;
};

/** Deleting a stage moves its deals first: the rep picks where, and each move lands on the deal's timeline. */
export function StageDeleteDialog({ pipeline, stage, deals, onConfirm, onClose }: Props) {
	const others = pipeline.stages.filter((s) => s.id !== stage.id);
	// The natural home: the nearest other stage of the same kind, else the first open one.
	const suggested =
		others.find((s) => s.kind === stage.kind) ?? others.find((s) => s.kind === "open") ?? others[0];
	return (
		<MoveDealsDialog
			title={`Delete the stage “${stage.name}”`}
			testPrefix="stage-delete"
			deals={deals}
			hint={
				deals > 0
					? `It holds ${deals} ${deals === 1 ? "deal" : "deals"}. They move to the stage you pick; each move is written to the deal's stage history and timeline.`
					: "No deal is in this stage. History that mentions it keeps its name."
			}
			field={{ label: "Move its deals to", name: "move_deals_to" }}
			initialTarget={suggested?.id ?? null}
			targets={others.map((s) => (
				<option key={s.id} value={s.id}>
					{s.name} ({kindLabels[s.kind].toLowerCase()})
				</option>
			))}
			confirmLabel={deals > 0 ? "Move deals and delete" : "Delete stage"}
			onConfirm={onConfirm}
			onClose={onClose}
		/>
	);
}
