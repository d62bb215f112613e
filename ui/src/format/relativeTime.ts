import { displayLocale } from "../features/pipeline/money";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
	["year", 365 * 86_400_000],
	["month", 30 * 86_400_000],
	["week", 7 * 86_400_000],
	["day", 86_400_000],
	["hour", 3_600_000],
	["minute", 60_000],
];

let cached: Intl.RelativeTimeFormat | null = null;

/** "in 2 hr.", "yesterday", "3 days ago": how far `iso` is from `now`. */
export function relativeTime(iso: string, now: Date = new Date()): string {
	cached ??= new Intl.RelativeTimeFormat(displayLocale(), { numeric: "auto", style: "short" });
	const diff = Date.parse(iso) - now.getTime();
	if (Number.isNaN(diff)) return iso;
	const abs = Math.abs(diff);
	// Whole days count by calendar day, so "yesterday" means the day before today.
	if (abs >= 86_400_000 && abs < 7 * 86_400_000) {
		const day = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
		const days = Math.round((day(new Date(iso)) - day(now)) / 86_400_000);
		return cached.format(days, "day");
	}
	for (const [unit, ms] of units) {
		// 59.9 minutes away reads "in 1 hr.", not "in 60 min.".
		if (abs >= ms * 0.95) return cached.format(Math.round(diff / ms), unit);
	}
	return diff < 0 ? "just now" : cached.format(Math.max(1, Math.round(diff / 60_000)), "minute");
}

/** A full local date and time, for a tooltip next to a relative time. */
export function fullTime(iso: string): string {
	return new Date(iso).toLocaleString(displayLocale(), { dateStyle: "medium", timeStyle: "short" });
}
