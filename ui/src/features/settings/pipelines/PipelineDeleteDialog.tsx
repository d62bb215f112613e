import { type FormEvent, useState } from "react";
import type { Pipeline, Removed } from "../../../bindings";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { FormActions } from "../../../components/FormActions";
import { errorMessage } from "../../../ipc/unwrap";

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
	const [moveTo, setMoveTo] = useState<number | null>(firstOpen?.id ?? null);
	const [error, setError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);

	const submit = async (e: FormEvent) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		try {
			await onConfirm(openDeals > 0 ? moveTo : null);
			onClose();
		} catch (err) {
			setError(errorMessage(err));
			setBusy(false);
		}
	};

	return (
		<Dialog
			title={`Delete the pipeline “${pipeline.name}”`}
			onClose={onClose}
			testId="pipeline-delete-dialog"
		>
			<form className="form" onSubmit={submit} noValidate>
				{openDeals > 0 ? (
					<>
						<p className="hint">
							It has {openDeals} open {openDeals === 1 ? "deal" : "deals"}. They move to the stage
							you pick, with stage history and a timeline entry each. Won and lost deals stay with
							it for your reports.
						</p>
						<Field label="Move its open deals to" name="move_open_deals_to" error={error}>
							{(p) => (
								<select
									{...p}
									data-testid="pipeline-delete-target"
									value={moveTo ?? ""}
									onChange={(e) => setMoveTo(Number(e.target.value))}
								>
									{others.map((o) => (
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
								</select>
							)}
						</Field>
					</>
				) : (
					<>
						<p className="hint">
							It has no open deals. Won and lost deals stay with it for your reports.
						</p>
						{error && (
							<p className="form-error" role="alert" data-testid="form-error">
								{error}
							</p>
						)}
					</>
				)}
				<FormActions onCancel={onClose} testId="pipeline-delete-confirm" pending={busy}>
					Delete pipeline
				</FormActions>
			</form>
		</Dialog>
	);
}
