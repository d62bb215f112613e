import { useMutation, useQuery } from "@tanstack/react-query";
import type { SendInput } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

/** Under "inbox": the sync's and the inbox ops' `data_changed` events refresh them. */
export const inboxKeys = {
	threads: (linkedOnly: boolean) => ["inbox", "threads", linkedOnly] as const,
	thread: (id: number) => ["inbox", "thread", id] as const,
	syncStatus: ["inbox", "syncStatus"] as const,
};

const THREADS_SHOWN = 500;

export function useThreads(linkedOnly: boolean) {
	const backend = useBackend();
	return useQuery({
		queryKey: inboxKeys.threads(linkedOnly),
		queryFn: () => unwrap(backend.commands.inboxList(null, linkedOnly, THREADS_SHOWN)),
		placeholderData: (previous) => previous,
	});
}

export function useThread(id: number | null) {
	const backend = useBackend();
	return useQuery({
		queryKey: inboxKeys.thread(id ?? 0),
		queryFn: () => unwrap(backend.commands.inboxThread(id ?? 0)),
		enabled: id !== null,
	});
}

/** While a pass runs, how often its status is read again besides the events. */
export const SYNCING_POLL_MS = 1500;

/**
 * The background sync's status. Its events keep it fresh, but the one that ends a pass can be missed (it
 * may fire while the window starts or reloads, before the UI listens), and then "Syncing…" would stay
 * until the next pass: so while any mailbox is syncing the status is also read again every
 * `SYNCING_POLL_MS` (an in-memory read in the app), and not at all otherwise.
 */
export function useSyncStatus() {
	const backend = useBackend();
	return useQuery({
		queryKey: inboxKeys.syncStatus,
		queryFn: () => unwrap(backend.commands.inboxSyncStatus()),
		refetchInterval: (query) =>
			query.state.data?.some((s) => s.phase === "syncing") ? SYNCING_POLL_MS : false,
	});
}

export function useInboxMutations() {
	const backend = useBackend();
	return {
		markRead: useMutation({
			mutationFn: (id: number) => unwrap(backend.commands.inboxMarkRead(id)),
		}),
		allowImages: useMutation({
			mutationFn: (emailId: number) => unwrap(backend.commands.inboxAllowRemoteImages(emailId)),
		}),
		createContact: useMutation({
			mutationFn: (emailId: number) => unwrap(backend.commands.inboxCreateContact(emailId)),
		}),
		syncNow: useMutation({ mutationFn: () => unwrap(backend.commands.inboxSyncNow()) }),
		send: useMutation({
			mutationFn: (input: SendInput) => unwrap(backend.commands.outboxSend(input)),
		}),
	};
}
