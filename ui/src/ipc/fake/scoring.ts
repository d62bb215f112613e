import type {
	Company,
	ContactDetail,
	LeadScore,
	LeadSource,
	LeadStatus,
	ScoreFactor,
	ScoringRules,
	Temperature,
	TimelineItem,
} from "../../bindings";
import type { Commands } from "../backend";
import { Failure, type FakeContext, validation } from "./context";

/** The core's default rules (crates/core/src/ops/scoring/rules.rs), for the in-memory fake. */
export function defaultScoringRules(): ScoringRules {
	return {
		status_points: {
			new: 5,
			contacted: 10,
			engaged: 20,
			qualified: 30,
			disqualified: -50,
			nurturing: 0,
		},
		source_points: {
			website: 10,
			referral: 20,
			cold_call: 4,
			cold_email: 3,
			event: 12,
			social: 6,
			partner: 15,
			import: 2,
			other: 0,
		},
		engagement: { window_days: 30, points_per_touch: 5, max_points: 25 },
		recency: { max_points: 20, half_life_days: 14 },
		fit: {
			title_keywords: [
				["CEO", 15],
				["Founder", 15],
				["Owner", 12],
				["President", 12],
				["Chief", 12],
				["CTO", 12],
				["CFO", 12],
				["COO", 12],
				["VP", 10],
				["Vice President", 10],
				["Head", 8],
				["Director", 8],
				["Manager", 4],
			].map(([keyword, points]) => ({ keyword: keyword as string, points: points as number })),
			industries: [],
			industry_points: 5,
			company_sizes: ["51-200", "201-1000", "1000+"],
			company_size_points: 5,
			countries: [],
			country_points: 5,
		},
		grades: { a: 80, b: 65, c: 50, d: 35 },
		temperature: { hot: 70, warm: 40 },
	};
}

const statusLabels: Record<LeadStatus, string> = {
	new: "New",
	contacted: "Contacted",
	engaged: "Engaged",
	qualified: "Qualified",
	disqualified: "Disqualified",
	nurturing: "Nurturing",
};
const sourceLabels: Record<LeadSource, string> = {
	website: "Website",
	referral: "Referral",
	cold_call: "Cold call",
	cold_email: "Cold email",
	event: "Event",
	social: "Social",
	partner: "Partner",
	import: "Import",
	other: "Other",
};

const touchKinds = new Set(["call", "meeting", "email_out", "email_in", "note", "task"]);
const words = (s: string) =>
	` ${s
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, " ")
		.trim()} `;

/** The core's rules applied to one contact (a simplified copy: enough for screens and tests). */
export function computeScore(
	rules: ScoringRules,
	c: ContactDetail,
	company: Company | undefined,
	timeline: TimelineItem[],
	now = Date.now(),
): LeadScore {
	const factors: ScoreFactor[] = [];
	const add = (key: string, points: number, detail: string) => {
		if (points !== 0) factors.push({ key, points, detail });
	};
	if (c.lead_status) add("status", rules.status_points[c.lead_status], statusLabels[c.lead_status]);
	if (c.lead_source) add("source", rules.source_points[c.lead_source], sourceLabels[c.lead_source]);
	const touches = timeline.filter((t) => t.contact_id === c.id && touchKinds.has(t.kind));
	const since = now - rules.engagement.window_days * 86_400_000;
	const recent = touches.filter((t) => Date.parse(t.occurred_at) >= since).length;
	if (recent > 0) {
		add(
			"engagement",
			Math.min(recent * rules.engagement.points_per_touch, rules.engagement.max_points),
			`${recent} ${recent === 1 ? "touch" : "touches"} in ${rules.engagement.window_days} days`,
		);
	}
	const last = Math.max(...touches.map((t) => Date.parse(t.occurred_at)));
	if (Number.isFinite(last)) {
		const days = Math.max(0, now - last) / 86_400_000;
		const points = Math.round(
			rules.recency.max_points * 0.5 ** (days / Math.max(1, rules.recency.half_life_days)),
		);
		const whole = Math.floor(days);
		add(
			"recency",
			points,
			whole === 0
				? "last touch today"
				: whole === 1
					? "last touch yesterday"
					: `last touch ${whole} days ago`,
		);
	}
	let fit = 0;
	const matched: string[] = [];
	if (c.title) {
		const title = words(c.title);
		const best = rules.fit.title_keywords
			.filter((k) => words(k.keyword).trim() && title.includes(words(k.keyword)))
			.sort((a, b) => b.points - a.points)[0];
		if (best) {
			fit += best.points;
			matched.push(`title has “${best.keyword}”`);
		}
	}
	const listed = (list: string[], v: string | null | undefined) =>
		!!v && list.some((x) => x.trim().toLowerCase() === v.trim().toLowerCase());
	if (listed(rules.fit.industries, company?.industry)) {
		fit += rules.fit.industry_points;
		matched.push(`industry ${company?.industry}`);
	}
	if (listed(rules.fit.company_sizes, company?.size)) {
		fit += rules.fit.company_size_points;
		matched.push(`company size ${company?.size}`);
	}
	const country = c.country ?? company?.country;
	if (listed(rules.fit.countries, country)) {
		fit += rules.fit.country_points;
		matched.push(`country ${country}`);
	}
	add("fit", fit, matched.join(", "));
	const score = Math.max(
		0,
		Math.min(
			100,
			factors.reduce((n, f) => n + f.points, 0),
		),
	);
	return { score, grade: grade(rules, score), temperature: temperature(rules, score), factors };
}

function grade(rules: ScoringRules, score: number): string {
	const g = rules.grades;
	return score >= g.a ? "A" : score >= g.b ? "B" : score >= g.c ? "C" : score >= g.d ? "D" : "F";
}

function temperature(rules: ScoringRules, score: number): Temperature {
	return score >= rules.temperature.hot ? "hot" : score >= rules.temperature.warm ? "warm" : "cold";
}

/** The core's checks on saved rules, each failure on its field (`grades.b`, `recency.half_life_days`). */
function checked(rules: ScoringRules): ScoringRules {
	const points = (field: string, v: number, min = -100) => {
		if (!Number.isInteger(v) || v < min || v > 100)
			throw validation(field, `Use points from ${min} to 100 (not ${v}).`);
	};
	for (const [k, v] of Object.entries(rules.status_points)) points(`status_points.${k}`, v);
	for (const [k, v] of Object.entries(rules.source_points)) points(`source_points.${k}`, v);
	const { window_days } = rules.engagement;
	if (!Number.isInteger(window_days) || window_days < 1 || window_days > 365)
		throw validation("engagement.window_days", "The window is 1 to 365 days.");
	points("engagement.points_per_touch", rules.engagement.points_per_touch, 0);
	points("engagement.max_points", rules.engagement.max_points, 0);
	points("recency.max_points", rules.recency.max_points, 0);
	const half = rules.recency.half_life_days;
	if (!Number.isInteger(half) || half < 1 || half > 365)
		throw validation("recency.half_life_days", "The half-life is 1 to 365 days.");
	const g = rules.grades;
	for (const [k, v] of Object.entries(g))
		if (!Number.isInteger(v) || v < 1 || v > 100)
			throw validation(`grades.${k}`, "A grade starts at a score from 1 to 100.");
	if (!(g.a > g.b && g.b > g.c && g.c > g.d))
		throw validation("grades.b", "Each grade must start above the next: A > B > C > D.");
	if (rules.temperature.hot <= rules.temperature.warm)
		throw validation("temperature.hot", "Hot must start above warm.");
	const seen = new Set<string>();
	const clean = (list: string[]) =>
		list
			.map((s) => s.trim())
			.filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
	const keywords = rules.fit.title_keywords
		.map((k) => ({ keyword: k.keyword.trim().replace(/\s+/g, " "), points: k.points }))
		.filter(
			(k) => k.keyword && !seen.has(k.keyword.toLowerCase()) && seen.add(k.keyword.toLowerCase()),
		);
	for (const k of keywords) points("fit.title_keywords", k.points);
	seen.clear();
	const industries = clean(rules.fit.industries);
	seen.clear();
	const sizes = clean(rules.fit.company_sizes);
	seen.clear();
	const countries = clean(rules.fit.countries);
	return {
		...rules,
		fit: {
			...rules.fit,
			title_keywords: keywords,
			industries,
			company_sizes: sizes,
			countries,
		},
	};
}

type ScoringCommands = Pick<
	Commands,
	"scoringRules" | "scoringRulesSave" | "scoringRescoreAll" | "leadSetStatus"
>;

export type FakeScoring = {
	commands: ScoringCommands;
	/** Rescores one contact in place, as the core does on every create, edit and touch. */
	rescore(c: ContactDetail): void;
};

export function fakeScoring(
	ctx: FakeContext,
	maps: {
		contacts: Map<number, ContactDetail>;
		companies: Map<number, Company>;
		timeline: TimelineItem[];
	},
): FakeScoring {
	let rules = defaultScoringRules();

	function rescore(c: ContactDetail) {
		const company = c.company_id === null ? undefined : maps.companies.get(c.company_id);
		const s = computeScore(rules, c, company, maps.timeline);
		c.score = s.score;
		c.score_detail = s;
	}

	const everyone = () => {
		let changed = 0;
		const live = [...maps.contacts.values()].filter((c) => c.deleted_at === null);
		for (const c of live) {
			const before = JSON.stringify(c.score_detail);
			rescore(c);
			if (JSON.stringify(c.score_detail) !== before) changed++;
		}
		return { scored: live.length, changed };
	};

	return {
		rescore,
		commands: {
			scoringRules: () => ctx.run(() => rules),
			scoringRulesSave: (input) =>
				ctx.run(() => {
					rules = checked(structuredClone(input));
					everyone();
					ctx.changed("settings", []);
					ctx.changed("contact", []);
					return rules;
				}),
			scoringRescoreAll: () =>
				ctx.run(() => {
					const { scored, changed } = everyone();
					if (changed > 0) ctx.changed("contact", []);
					return { scored, changed, millis: 0 };
				}),
			leadSetStatus: (id, status) =>
				ctx.run(() => {
					const c = maps.contacts.get(id);
					if (!c || c.deleted_at !== null)
						throw new Failure({ code: "not_found", message: `No contact ${id}.`, field: null });
					if (c.lifecycle !== "lead")
						throw new Failure({
							code: "conflict",
							message: `${c.first_name} ${c.last_name} is a ${c.lifecycle}, not a lead: only leads have a lead status to change.`,
							field: null,
						});
					c.lead_status = status;
					c.updated_at = new Date().toISOString();
					rescore(c);
					ctx.changed("contact", [id]);
					return c;
				}),
		},
	};
}
