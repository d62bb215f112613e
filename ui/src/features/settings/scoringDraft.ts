import type { LeadSource, LeadStatus, ScoringRules } from "../../bindings";

/**
 * The scoring form's state: every number as typed (a string, so a field can be empty while the rep types),
 * keyed by the same dotted path the core names in its errors ("grades.b", "recency.half_life_days").
 */
export type ScoringDraft = {
	numbers: Record<string, string>;
	keywords: { keyword: string; points: string }[];
	industries: string;
	company_sizes: string;
	countries: string;
};

export const statusKeys: LeadStatus[] = [
	"new",
	"contacted",
	"engaged",
	"qualified",
	"disqualified",
	"nurturing",
];
export const sourceKeys: LeadSource[] = [
	"website",
	"referral",
	"cold_call",
	"cold_email",
	"event",
	"social",
	"partner",
	"import",
	"other",
];

/** Every plain number of the rules, by path. */
function numberPaths(r: ScoringRules): [string, number][] {
	return [
		...statusKeys.map((k): [string, number] => [`status_points.${k}`, r.status_points[k]]),
		...sourceKeys.map((k): [string, number] => [`source_points.${k}`, r.source_points[k]]),
		["engagement.window_days", r.engagement.window_days],
		["engagement.points_per_touch", r.engagement.points_per_touch],
		["engagement.max_points", r.engagement.max_points],
		["recency.max_points", r.recency.max_points],
		["recency.half_life_days", r.recency.half_life_days],
		["fit.industry_points", r.fit.industry_points],
		["fit.company_size_points", r.fit.company_size_points],
		["fit.country_points", r.fit.country_points],
		["grades.a", r.grades.a],
		["grades.b", r.grades.b],
		["grades.c", r.grades.c],
		["grades.d", r.grades.d],
		["temperature.hot", r.temperature.hot],
		["temperature.warm", r.temperature.warm],
	];
}

export function toDraft(r: ScoringRules): ScoringDraft {
	return {
		numbers: Object.fromEntries(numberPaths(r).map(([k, v]) => [k, String(v)])),
		keywords: r.fit.title_keywords.map((k) => ({ keyword: k.keyword, points: String(k.points) })),
		industries: r.fit.industries.join(", "),
		company_sizes: r.fit.company_sizes.join(", "),
		countries: r.fit.countries.join(", "),
	};
}

const list = (s: string) =>
	s
		.split(",")
		.map((x) => x.trim())
		.filter(Boolean);

/** The rules a draft describes, or the first field that is not a whole number. */
export function fromDraft(
	d: ScoringDraft,
): { rules: ScoringRules } | { field: string; message: string } {
	const n: Record<string, number> = {};
	for (const [path, raw] of Object.entries(d.numbers)) {
		if (!/^-?\d+$/.test(raw.trim())) return { field: path, message: "Enter a whole number." };
		n[path] = Number.parseInt(raw, 10);
	}
	const keywords = [];
	for (const k of d.keywords) {
		if (!k.keyword.trim()) continue;
		if (!/^-?\d+$/.test(k.points.trim()))
			return { field: "fit.title_keywords", message: `Give “${k.keyword.trim()}” whole points.` };
		keywords.push({ keyword: k.keyword.trim(), points: Number.parseInt(k.points, 10) });
	}
	const get = (path: string) => n[path] ?? 0;
	return {
		rules: {
			status_points: Object.fromEntries(
				statusKeys.map((k) => [k, get(`status_points.${k}`)]),
			) as ScoringRules["status_points"],
			source_points: Object.fromEntries(
				sourceKeys.map((k) => [k, get(`source_points.${k}`)]),
			) as ScoringRules["source_points"],
			engagement: {
				window_days: get("engagement.window_days"),
				points_per_touch: get("engagement.points_per_touch"),
				max_points: get("engagement.max_points"),
			},
			recency: {
				max_points: get("recency.max_points"),
				half_life_days: get("recency.half_life_days"),
			},
			fit: {
				title_keywords: keywords,
				industries: list(d.industries),
				industry_points: get("fit.industry_points"),
				company_sizes: list(d.company_sizes),
				company_size_points: get("fit.company_size_points"),
				countries: list(d.countries),
				country_points: get("fit.country_points"),
			},
			grades: {
				a: get("grades.a"),
				b: get("grades.b"),
				c: get("grades.c"),
				d: get("grades.d"),
			},
			temperature: { hot: get("temperature.hot"), warm: get("temperature.warm") },
		},
	};
}
