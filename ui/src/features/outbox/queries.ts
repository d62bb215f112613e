import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import type { SendInput } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

/** Under "outbox": the core's outbox events (queued, sent, failed) refresh them. */
export const outboxKeys = {
	list: ["outbox", "list"] as const,
	/** A preview also reads the contact, the template and the suppression list: refreshed on any change. */
	preview: (input: SendInput) => ["outbox", "preview", input] as const,
};

/** How many messages the Outbox shows: queued ones come first, then the most recent activity. */
export const OUTBOX_LIMIT = 500;

export function useOutbox() {
	const backend = useBackend();
	return useQuery({
		queryKey: outboxKeys.list,
		queryFn: () => unwrap(backend.commands.outboxList(null, OUTBOX_LIMIT)),
	});
}

export function useComposePreview(input: SendInput | null) {
	const backend = useBackend();
	return useQuery({
		queryKey: outboxKeys.preview(input ?? { mailbox_id: 0 }),
		queryFn: () => unwrap(backend.commands.outboxPreview(input as SendInput)),
		enabled: input !== null,
		// Keep the last preview on screen while the next keystroke's renders.
		placeholderData: keepPreviousData,
		retry: false,
	});
}

export function useOutboxActions() {
	const backend = useBackend();
	const send = useMutation({
		mutationFn: (input: SendInput) => unwrap(backend.commands.outboxSend(input)),
	});
	const cancel = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.outboxCancel(id)),
	});
	const retry = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.outboxRetry(id)),
	});
	return { send, cancel, retry };
}
