import { fullTime, relativeTime } from "../../format/relativeTime";

/** Within this of now, a message "goes now": the sender picks it up on its next round. */
const NOW_MS = 60_000;

/** "now", or "14:05 (in 3 hr.)" / "Mon 09:00 (in 2 days)": when a queued message is expected to go. */
export function goesAtLabel(iso: string, now: Date = new Date()): string {
	const at = Date.parse(iso);
	if (Number.isNaN(at)) return iso;
	if (at - now.getTime() <= NOW_MS) return "now";
	return `${fullTime(iso)} (${relativeTime(iso, now)})`;
}
