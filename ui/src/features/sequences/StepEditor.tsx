import { ArrowDown, ArrowUp, Clock, ListChecks, Mail, Trash2 } from "lucide-react";
import type { StepKind, TaskStepKind, Template, ThreadMode } from "../../bindings";
import { IdOptions } from "../../components/IdOptions";
import { type StepDraft, taskKinds } from "./draft";

type Props = {
	step: StepDraft;
	index: number;
	count: number;
	templates: Template[];
	/** The core's message for this step (`steps[i].…`), if the last save failed on it. */
	error: string | null;
	onChange: (patch: Partial<StepDraft>) => void;
	onMove: (to: number) => void;
	onRemove: () => void;
};

const kindIcons = { email: Mail, wait: Clock, task: ListChecks } as const;

/** One step of the editor: its kind, that kind's fields, and buttons to move or remove it. */
export function StepEditor({
	step,
	index,
	count,
	templates,
	error,
	onChange,
	onMove,
	onRemove,
}: Props) {
	const Icon = kindIcons[step.kind];
	const n = index + 1;
	return (
		<li className={error ? "seq-step seq-step-invalid" : "seq-step"} data-testid="seq-step">
			<span className="seq-step-number" aria-hidden="true">
				<Icon size={14} />
				{n}
			</span>
			<div className="seq-step-fields">
				<select
					aria-label={`Step ${n} kind`}
					data-testid="seq-step-kind"
					name={`steps[${index}].kind`}
					value={step.kind}
					onChange={(e) => onChange({ kind: e.target.value as StepKind })}
				>
					<option value="email">Email</option>
					<option value="wait">Wait</option>
					<option value="task">Task</option>
				</select>
				{step.kind === "email" && (
					<>
						<select
							aria-label={`Step ${n} template`}
							data-testid="seq-step-template"
							name={`steps[${index}].template_id`}
							value={step.templateId ?? ""}
							onChange={(e) =>
								onChange({ templateId: e.target.value ? Number(e.target.value) : null })
							}
						>
							<option value="">Choose a template…</option>
							<IdOptions items={templates} label={(t) => t.name} />
						</select>
						{index > 0 && (
							<select
								aria-label={`Step ${n} thread`}
								value={step.threadMode}
								onChange={(e) => onChange({ threadMode: e.target.value as ThreadMode })}
							>
								<option value="same">Reply in the same thread</option>
								<option value="new">Start a new thread</option>
							</select>
						)}
					</>
				)}
				{step.kind === "wait" && (
					<>
						<label className="seq-inline">
							<span>Wait</span>
							<input
								type="number"
								min={1}
								max={365}
								className="seq-days"
								aria-label={`Step ${n} days`}
								data-testid="seq-step-days"
								name={`steps[${index}].days`}
								value={step.days}
								onChange={(e) => onChange({ days: Number(e.target.value) })}
							/>
							<span>days</span>
						</label>
						<label className="seq-inline">
							<input
								type="checkbox"
								data-testid="seq-step-business"
								checked={step.businessDays}
								onChange={(e) => onChange({ businessDays: e.target.checked })}
							/>
							<span>Business days only</span>
						</label>
					</>
				)}
				{step.kind === "task" && (
					<>
						<select
							aria-label={`Step ${n} task kind`}
							data-testid="seq-step-task"
							name={`steps[${index}].task`}
							value={step.task}
							onChange={(e) => onChange({ task: e.target.value as TaskStepKind })}
						>
							{taskKinds.map(([k, label]) => (
								<option key={k} value={k}>
									{label}
								</option>
							))}
						</select>
						<input
							type="text"
							aria-label={`Step ${n} task title`}
							data-testid="seq-step-title"
							name={`steps[${index}].title`}
							placeholder={step.task === "custom" ? "What to do" : "Title (optional)"}
							value={step.title}
							onChange={(e) => onChange({ title: e.target.value })}
						/>
					</>
				)}
				{error && (
					<p className="field-error" role="alert" data-testid="seq-step-error">
						{error}
					</p>
				)}
			</div>
			<div className="seq-step-actions">
				<button
					type="button"
					className="icon-button"
					aria-label={`Move step ${n} up`}
					disabled={index === 0}
					onClick={() => onMove(index - 1)}
				>
					<ArrowUp size={14} aria-hidden="true" />
				</button>
				<button
					type="button"
					className="icon-button"
					aria-label={`Move step ${n} down`}
					disabled={index === count - 1}
					onClick={() => onMove(index + 1)}
				>
					<ArrowDown size={14} aria-hidden="true" />
				</button>
				<button
					type="button"
					className="icon-button icon-button-danger"
					aria-label={`Remove step ${n}`}
					disabled={count === 1}
					onClick={onRemove}
				>
					<Trash2 size={14} aria-hidden="true" />
				</button>
			</div>
		</li>
	);
}
