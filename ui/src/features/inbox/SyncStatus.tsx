import { RefreshCw } from "lucide-react";
import { relativeTime } from "../../format/relativeTime";
import { errorMessage } from "../../ipc/unwrap";
import { useInboxMutations, useSyncStatus } from "./queries";

/** "Sync now" and what the background sync last did (per mailbox when there are several). */
export function SyncStatus() {
	const status = useSyncStatus();
	const { syncNow } = useInboxMutations();
	const all = status.data ?? [];
	const syncing = all.some((s) => s.phase === "syncing");
	const failed = all.filter((s) => s.phase === "failed");
	const elsewhere = all.some((s) => s.phase === "elsewhere");
	const last = all
		.map((s) => s.last_synced_at)
		.filter((t): t is string => t !== null)
		.sort()
		.at(0);
	let text: string;
	if (syncing) text = "Syncing…";
	else if (failed.length > 0)
		text = failed.map((f) => `${f.name}: ${f.last_error ?? "sync failed"} (retrying)`).join(" · ");
	else if (elsewhere) text = "Another Outpost is syncing this database.";
	else if (last) text = `Synced ${relativeTime(last)}`;
	else text = all.length > 0 ? "Waiting for the first sync" : "";
	return (
		<div className="mail-sync">
			<span
				className={`mail-sync-status${failed.length > 0 ? " mail-sync-failed" : ""}`}
				data-testid="mail-sync-status"
				role="status"
			>
				{syncNow.isError ? errorMessage(syncNow.error) : text}
			</span>
			<button
				type="button"
				className="button"
				data-testid="mail-sync-now"
				disabled={syncing || syncNow.isPending}
				onClick={() => syncNow.mutate()}
			>
				<RefreshCw size={14} aria-hidden="true" className={syncing ? "spin" : undefined} />
				Sync now
			</button>
		</div>
	);
}
