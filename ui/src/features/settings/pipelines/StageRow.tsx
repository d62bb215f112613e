import { Trash2 } from "lucide-react";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { Stage, StageInput, StageKind } from "../../../bindings";
import { IconButton, MoveButtons } from "../../../components/RowButtons";
import { errorMessage } from "../../../ipc/unwrap";
import { noChange } from "./queries";

export const kindLabels: Record<StageKind, string> = { open: "Open", won: "Won", lost: "Lost" };

type Props = {
	stage: Stage;
	deals: number | undefined;
	first: boolean;
	last: boolean;
	/** Saves a change; rejects with the core's error, shown on the row. */
	onChange: (input: StageInput) => Promise<unknown>;
	onMove: (direction: -1 | 1) => void;
	onDelete: () => void;
};

/** One stage, edited in place: name and probability save on Enter or leaving the field; color and kind at once. */
export function StageRow({ stage, deals, first, last, onChange, onMove, onDelete }: Props) {
	const [name, setName] = useState(stage.name);
	const [probability, setProbability] = useState(String(stage.probability));
	const [color, setColor] = useState(stage.color);
	const [error, setError] = useState<string | null>(null);
	const colorTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

	// Another window, the CLI or an undo may change the stage: show what the core has.
	useEffect(() => setName(stage.name), [stage.name]);
	useEffect(() => setProbability(String(stage.probability)), [stage.probability]);
	useEffect(() => setColor(stage.color), [stage.color]);
	useEffect(() => () => clearTimeout(colorTimer.current), []);

	const save = (input: Partial<StageInput>, revert: () => void) => {
		setError(null);
		onChange({ ...noChange, ...input }).catch((err: unknown) => {
			setError(errorMessage(err));
			revert();
		});
	};
	const saveName = () => {
		if (name.trim() === stage.name) return setName(stage.name);
		save({ name }, () => setName(stage.name));
	};
	const saveProbability = () => {
		const p = Number(probability);
		if (probability.trim() === "" || !Number.isInteger(p)) {
			setError("Probability is a whole percentage from 0 to 100.");
			return setProbability(String(stage.probability));
		}
		if (p !== stage.probability)
			save({ probability: p }, () => setProbability(String(stage.probability)));
	};
	const onEnter = (commit: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
		if (e.key === "Enter") {
			e.preventDefault();
			commit();
		}
	};

	return (
		<li className="stage-row" data-testid="stage-row" data-stage-id={stage.id}>
			<div className="stage-row-fields">
				<input
					type="color"
					className="stage-color"
					aria-label={`Color of ${stage.name}`}
					data-testid="stage-color"
					value={color}
					onChange={(e) => {
						const next = e.target.value;
						setColor(next);
						// The picker reports every shade it passes through: save the one it rests on.
						clearTimeout(colorTimer.current);
						colorTimer.current = setTimeout(
							() => save({ color: next }, () => setColor(stage.color)),
							400,
						);
					}}
				/>
				<input
					className="stage-name"
					aria-label="Stage name"
					data-testid="stage-name"
					value={name}
					onChange={(e) => setName(e.target.value)}
					onBlur={saveName}
					onKeyDown={onEnter(saveName)}
				/>
				<span className="input-suffix">
					<input
						className="stage-probability"
						type="number"
						min={0}
						max={100}
						aria-label={`Probability of ${stage.name}`}
						data-testid="stage-probability"
						value={probability}
						onChange={(e) => setProbability(e.target.value)}
						onBlur={saveProbability}
						onKeyDown={onEnter(saveProbability)}
					/>
					<span className="cell-muted">%</span>
				</span>
				<select
					className="select-inline"
					aria-label={`Kind of ${stage.name}`}
					data-testid="stage-kind"
					value={stage.kind}
					onChange={(e) => save({ kind: e.target.value as StageKind }, () => {})}
				>
					{Object.entries(kindLabels).map(([value, label]) => (
						<option key={value} value={value}>
							{label}
						</option>
					))}
				</select>
				<span className="stage-deals cell-muted" data-testid="stage-deals">
					{deals === undefined ? "" : `${deals} ${deals === 1 ? "deal" : "deals"}`}
				</span>
				<span className="stage-row-actions">
					<MoveButtons
						name={stage.name}
						testPrefix="stage"
						first={first}
						last={last}
						onMove={onMove}
					/>
					<IconButton
						icon={Trash2}
						label={`Delete ${stage.name}`}
						testId="stage-delete"
						danger
						onClick={onDelete}
					/>
				</span>
			</div>
			{error && (
				<p className="field-error" role="alert" data-testid="stage-error">
					{error}
				</p>
			)}
		</li>
	);
}
