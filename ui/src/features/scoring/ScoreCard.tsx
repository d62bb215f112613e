import type { ContactDetail } from "../../bindings";
import { factorLabels } from "./labels";
import { GradeBadge, ScoreValue, TemperatureBadge } from "./ScoreBadge";

/** A contact's score in its panel: the number, grade and temperature, and what adds up to it. */
export function ScoreCard({ contact }: { contact: ContactDetail }) {
	const s = contact.score_detail;
	if (!s) return null;
	return (
		<section className="score-card" data-testid="score-card" aria-label="Lead score">
			<div className="score-card-head">
				<span className="score-card-title">Score</span>
				<span data-testid="score-value">
					<ScoreValue score={s.score} />
				</span>
				<GradeBadge grade={s.grade} />
				<TemperatureBadge temperature={s.temperature} />
			</div>
			{s.factors.length === 0 ? (
				<p className="hint">
					Nothing adds to this score yet: a lead status and source, calls, meetings and notes, and a
					title or company that fits the scoring rules (Settings) all do.
				</p>
			) : (
				<ul className="score-factors" data-testid="score-factors">
					{s.factors.map((f) => (
						<li key={f.key} data-testid={`score-factor-${f.key}`}>
							<span className="score-factor-name">{factorLabels[f.key] ?? f.key}</span>
							<span className="score-factor-detail">{f.detail}</span>
							<span
								className={f.points < 0 ? "score-points score-points-negative" : "score-points"}
							>
								{f.points > 0 ? `+${f.points}` : f.points}
							</span>
						</li>
					))}
				</ul>
			)}
		</section>
	);
}
