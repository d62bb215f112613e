import { Flame, Snowflake, Sun } from "lucide-react";
import type { Temperature } from "../../bindings";
import { temperatureLabels } from "./labels";

const icons = { hot: Flame, warm: Sun, cold: Snowflake } as const;

/** A grade letter, colored by grade. */
export function GradeBadge({ grade }: { grade: string | null }) {
	if (!grade) return <span className="cell-muted">—</span>;
	return (
		<span className={`grade grade-${grade.toLowerCase()}`} title={`Grade ${grade}`}>
			{grade}
		</span>
	);
}

export function TemperatureBadge({ temperature }: { temperature: Temperature | null }) {
	if (!temperature) return <span className="cell-muted">—</span>;
	const Icon = icons[temperature];
	return (
		<span className={`temperature temperature-${temperature}`} data-testid="temperature">
			<Icon size={12} aria-hidden="true" />
			{temperatureLabels[temperature]}
		</span>
	);
}

/** The score as a number with a small bar, for tables. */
export function ScoreValue({ score }: { score: number | null }) {
	if (score === null) return <span className="cell-muted">—</span>;
	return (
		<span className="score-value" title={`Score ${score} of 100`}>
			<span className="score-number">{score}</span>
			<span className="score-bar" aria-hidden="true">
				<span style={{ width: `${score}%` }} />
			</span>
		</span>
	);
}
