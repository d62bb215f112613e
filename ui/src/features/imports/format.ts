import { displayLocale } from "../pipeline/money";

let numbers: Intl.NumberFormat | null = null;

export function count(n: number): string {
	numbers ??= new Intl.NumberFormat(displayLocale());
	return numbers.format(n);
}

/** 420 → "420 ms", 4_200 → "4.2 s", 12_300 → "12 s", 65_000 → "1 min 5 s". */
export function duration(ms: number | null): string {
	if (ms === null) return "—";
	if (ms < 1000) return `${Math.max(1, Math.round(ms))} ms`;
	if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s} s`;
	const m = Math.floor(s / 60);
	return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}

/** How long the rest will take at the rate so far, or null when there is no rate yet. */
export function eta(done: number, total: number, rate: number | null): string | null {
	if (!rate || rate <= 0 || total <= done) return null;
	const left = (total - done) / rate;
	if (left < 1) return "less than a second left";
	return `about ${duration(left * 1000)} left`;
}
