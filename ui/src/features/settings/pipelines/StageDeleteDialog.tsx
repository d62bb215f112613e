import { type FormEvent, useState } from "react";
import type { Pipeline, Removed, Stage } from "../../../bindings";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { FormActions } from "../../../components/FormActions";
import { errorMessage } from "../../../ipc/unwrap";
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
	const [moveTo, setMoveTo] = useState<number | null>(suggested?.id ?? null);
	const [error, setError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);

	const submit = async (e: FormEvent) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		try {
			await onConfirm(deals > 0 ? moveTo : null);
			onClose();
		} catch (err) {
			setError(errorMessage(err));
			setBusy(false);
		}
	};

	return (
		<Dialog
			title={`Delete the stage “${stage.name}”`}
			onClose={onClose}
			testId="stage-delete-dialog"
		>
			<form className="form" onSubmit={submit} noValidate>
				{deals > 0 ? (
					<>
						<p className="hint">
							It holds {deals} {deals === 1 ? "deal" : "deals"}. They move to the stage you pick;
							each move is written to the deal's stage history and timeline.
						</p>
						<Field label="Move its deals to" name="move_deals_to" error={error}>
							{(p) => (
								<select
									{...p}
									data-testid="stage-delete-target"
									value={moveTo ?? ""}
									onChange={(e) => setMoveTo(Number(e.target.value))}
								>
									{others.map((s) => (
										<option key={s.id} value={s.id}>
											{s.name} ({kindLabels[s.kind].toLowerCase()})
										</option>
									))}
								</select>
							)}
						</Field>
					</>
				) : (
					<>
						<p className="hint">
							No deal is in this stage. History that mentions it keeps its name.
						</p>
						{error && (
							<p className="form-error" role="alert" data-testid="form-error">
								{error}
							</p>
						)}
					</>
				)}
				<FormActions onCancel={onClose} testId="stage-delete-confirm" pending={busy}>
					{deals > 0 ? "Move deals and delete" : "Delete stage"}
				</FormActions>
			</form>
		</Dialog>
	);
}
