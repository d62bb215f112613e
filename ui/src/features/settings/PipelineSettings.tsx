import { Plus } from "lucide-react";
import { type FormEvent, useState } from "react";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { PipelineEditor } from "./pipelines/PipelineEditor";
import { usePipelineActions, usePipelines } from "./pipelines/queries";

/** Settings → Pipelines: add, rename and remove pipelines, and shape their stages. */
export function PipelineSettings() {
	const pipelines = usePipelines();
	const [chosen, setChosen] = useState<number | null>(null);
	const all = pipelines.data ?? [];
	const pipeline = all.find((p) => p.id === chosen) ?? all.find((p) => p.is_default) ?? all[0];

	return (
		<section
			className="panel"
			data-testid="pipeline-settings"
			aria-labelledby="pipeline-settings-title"
		>
			<h2 id="pipeline-settings-title">Pipelines</h2>
			<p className="hint">
				Each pipeline is a board of stages. Open stages are its columns; won and lost stages close a
				deal. A stage's probability weighs its deals in the forecast.
			</p>
			{pipelines.isPending ? (
				<Spinner label="Loading pipelines" />
			) : pipelines.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(pipelines.error)}
				</p>
			) : (
				<>
					<div className="pipeline-picker" role="tablist" aria-label="Pipelines">
						{all.map((p) => (
							<button
								key={p.id}
								type="button"
								role="tab"
								className="tab"
								aria-selected={p.id === pipeline?.id}
								data-testid="pipeline-tab"
								onClick={() => setChosen(p.id)}
							>
								{p.name}
								{p.is_default && <span className="badge badge-contact">Default</span>}
							</button>
						))}
						<NewPipeline onCreated={setChosen} />
					</div>
					{pipeline && (
						<PipelineEditor
							key={pipeline.id}
							pipeline={pipeline}
							all={all}
							onDeleted={() => setChosen(null)}
						/>
					)}
				</>
			)}
		</section>
	);
}

function NewPipeline({ onCreated }: { onCreated: (id: number) => void }) {
	const { createPipeline } = usePipelineActions();
	const toast = useToast();
	const [open, setOpen] = useState(false);
	const [name, setName] = useState("");
	const [error, setError] = useState<string | null>(null);

	if (!open) {
		return (
			<button
				type="button"
				className="button button-small"
				data-testid="pipeline-new"
				onClick={() => setOpen(true)}
			>
				<Plus size={13} aria-hidden="true" />
				New pipeline
			</button>
		);
	}
	const submit = (e: FormEvent) => {
		e.preventDefault();
		createPipeline.mutate(name, {
			onSuccess: (p) => {
				setOpen(false);
				setName("");
				onCreated(p.id);
				toast.show({ message: `Added the pipeline “${p.name}” with starter stages.` });
			},
			onError: (err) => setError(errorMessage(err)),
		});
	};
	return (
		<form className="inline-form" onSubmit={submit} noValidate>
			<input
				// biome-ignore lint/a11y/noAutofocus: the rep just asked for this field
				autoFocus
				aria-label="New pipeline name"
				aria-invalid={!!error}
				data-testid="pipeline-new-name"
				placeholder="e.g. Partnerships"
				value={name}
				onChange={(e) => {
					setName(e.target.value);
					setError(null);
				}}
				onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
			/>
			<button
				type="submit"
				className="button button-small button-primary"
				data-testid="pipeline-new-save"
				disabled={createPipeline.isPending}
			>
				Add
			</button>
			<button type="button" className="button button-small" onClick={() => setOpen(false)}>
				Cancel
			</button>
			{error && (
				<p className="field-error" role="alert" data-testid="field-error-name">
					{error}
				</p>
			)}
		</form>
	);
}
