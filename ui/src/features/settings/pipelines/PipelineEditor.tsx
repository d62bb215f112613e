import { Plus, Star, Trash2 } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import type { Pipeline, Stage, StageKind } from "../../../bindings";
import { useToast } from "../../../components/Toast";
import { errorMessage } from "../../../ipc/unwrap";
import { useSettingsUndoToast } from "../useSettingsUndo";
import { PipelineDeleteDialog } from "./PipelineDeleteDialog";
import { noChange, usePipelineActions, useStageCounts } from "./queries";
import { StageDeleteDialog } from "./StageDeleteDialog";
import { kindLabels, StageRow } from "./StageRow";

type Props = { pipeline: Pipeline; all: Pipeline[]; onDeleted: () => void };

export function PipelineEditor({ pipeline, all, onDeleted }: Props) {
	const actions = usePipelineActions();
	const counts = useStageCounts(pipeline.id).data;
	const toast = useToast();
	const undoToast = useSettingsUndoToast();
	const [name, setName] = useState(pipeline.name);
	const [nameError, setNameError] = useState<string | null>(null);
	const [deletingStage, setDeletingStage] = useState<Stage | null>(null);
	const [deletingPipeline, setDeletingPipeline] = useState(false);
	const stages = [...pipeline.stages].sort((a, b) => a.position - b.position);
	useEffect(() => setName(pipeline.name), [pipeline.name]);

	const rename = () => {
		if (name.trim() === pipeline.name) return setName(pipeline.name);
		actions.renamePipeline.mutate(
			{ id: pipeline.id, name },
			{
				onSuccess: () => setNameError(null),
				onError: (err) => setNameError(errorMessage(err)),
			},
		);
	};

	const move = (index: number, direction: -1 | 1) => {
		const ids = stages.map((s) => s.id);
		const other = index + direction;
		const a = ids[index];
		const b = ids[other];
		if (a === undefined || b === undefined) return;
		ids[index] = b;
		ids[other] = a;
		actions.reorderStages.mutate(
			{ pipelineId: pipeline.id, ids },
			{ onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }) },
		);
	};

	const openDeals = stages
		.filter((s) => s.kind === "open")
		.reduce((n, s) => n + (counts?.get(s.id) ?? 0), 0);

	return (
		<div className="pipeline-editor" data-testid="pipeline-editor">
			<div className="pipeline-editor-head">
				<input
					className="pipeline-name"
					aria-label="Pipeline name"
					aria-invalid={!!nameError}
					data-testid="pipeline-name"
					value={name}
					onChange={(e) => {
						setName(e.target.value);
						setNameError(null);
					}}
					onBlur={rename}
					onKeyDown={(e) => {
						if (e.key === "Enter") {
							e.preventDefault();
							rename();
						}
					}}
				/>
				<span className="spacer" />
				{pipeline.is_default ? (
					<span className="hint">New deals go here unless you pick another pipeline.</span>
				) : (
					<button
						type="button"
						className="button button-small"
						data-testid="pipeline-make-default"
						onClick={() =>
							actions.setDefault.mutate(pipeline.id, {
								onSuccess: () => toast.show({ message: `“${pipeline.name}” is now the default.` }),
								onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
							})
						}
					>
						<Star size={13} aria-hidden="true" />
						Make default
					</button>
				)}
				<button
					type="button"
					className="button button-small button-danger-ghost"
					data-testid="pipeline-delete"
					disabled={all.length < 2}
					title={all.length < 2 ? "Add another pipeline before deleting the only one" : undefined}
					onClick={() => setDeletingPipeline(true)}
				>
					<Trash2 size={13} aria-hidden="true" />
					Delete pipeline
				</button>
			</div>
			{nameError && (
				<p className="field-error" role="alert" data-testid="field-error-pipeline-name">
					{nameError}
				</p>
			)}

			<ol className="stage-list" aria-label={`Stages of ${pipeline.name}`}>
				{stages.map((s, i) => (
					<StageRow
						key={s.id}
						stage={s}
						deals={counts?.get(s.id)}
						first={i === 0}
						last={i === stages.length - 1}
						onChange={(input) => actions.updateStage.mutateAsync({ id: s.id, input })}
						onMove={(direction) => move(i, direction)}
						onDelete={() => setDeletingStage(s)}
					/>
				))}
			</ol>
			<NewStage pipelineId={pipeline.id} />

			{deletingStage && (
				<StageDeleteDialog
					pipeline={pipeline}
					stage={deletingStage}
					deals={counts?.get(deletingStage.id) ?? 0}
					onClose={() => setDeletingStage(null)}
					onConfirm={async (moveTo) => {
						const removed = await actions.deleteStage.mutateAsync({
							stage_id: deletingStage.id,
							move_deals_to: moveTo,
						});
						const to = stages.find((s) => s.id === moveTo)?.name;
						undoToast(
							removed.moved_deals > 0
								? `Deleted “${deletingStage.name}”; ${removed.moved_deals} ${removed.moved_deals === 1 ? "deal" : "deals"} moved to “${to}”.`
								: `Deleted “${deletingStage.name}”.`,
							removed.undo_token,
							`the stage “${deletingStage.name}”`,
						);
						return removed;
					}}
				/>
			)}
			{deletingPipeline && (
				<PipelineDeleteDialog
					pipeline={pipeline}
					all={all}
					openDeals={openDeals}
					onClose={() => setDeletingPipeline(false)}
					onConfirm={async (moveTo) => {
						const removed = await actions.deletePipeline.mutateAsync({
							pipeline_id: pipeline.id,
							move_open_deals_to: moveTo,
						});
						undoToast(
							removed.moved_deals > 0
								? `Deleted “${pipeline.name}”; ${removed.moved_deals} open ${removed.moved_deals === 1 ? "deal" : "deals"} moved.`
								: `Deleted “${pipeline.name}”.`,
							removed.undo_token,
							`the pipeline “${pipeline.name}”`,
						);
						onDeleted();
						return removed;
					}}
				/>
			)}
		</div>
	);
}

function NewStage({ pipelineId }: { pipelineId: number }) {
	const { createStage } = usePipelineActions();
	const [name, setName] = useState("");
	const [probability, setProbability] = useState("50");
	const [kind, setKind] = useState<StageKind>("open");
	const [error, setError] = useState<string | null>(null);

	const submit = (e: FormEvent) => {
		e.preventDefault();
		const p = Number(probability);
		if (!Number.isInteger(p)) {
			setError("Probability is a whole percentage from 0 to 100.");
			return;
		}
		createStage.mutate(
			{ pipelineId, input: { ...noChange, name, probability: p, kind } },
			{
				onSuccess: () => {
					setName("");
					setError(null);
				},
				onError: (err) => setError(errorMessage(err)),
			},
		);
	};

	return (
		<form className="stage-new" onSubmit={submit} noValidate aria-label="Add a stage">
			<input
				aria-label="New stage name"
				aria-invalid={!!error}
				data-testid="stage-new-name"
				placeholder="New stage, e.g. Trial"
				value={name}
				onChange={(e) => {
					setName(e.target.value);
					setError(null);
				}}
			/>
			<span className="input-suffix">
				<input
					type="number"
					min={0}
					max={100}
					aria-label="New stage probability"
					data-testid="stage-new-probability"
					value={probability}
					onChange={(e) => setProbability(e.target.value)}
				/>
				<span className="cell-muted">%</span>
			</span>
			<select
				className="select-inline"
				aria-label="New stage kind"
				data-testid="stage-new-kind"
				value={kind}
				onChange={(e) => setKind(e.target.value as StageKind)}
			>
				{Object.entries(kindLabels).map(([value, label]) => (
					<option key={value} value={value}>
						{label}
					</option>
				))}
			</select>
			<button
				type="submit"
				className="button button-small"
				data-testid="stage-new-save"
				disabled={createStage.isPending}
			>
				<Plus size={13} aria-hidden="true" />
				Add stage
			</button>
			{error && (
				<p className="field-error" role="alert" data-testid="stage-new-error">
					{error}
				</p>
			)}
		</form>
	);
}
