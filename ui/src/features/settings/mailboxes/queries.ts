import { useMutation, useQuery } from "@tanstack/react-query";
import type { MailboxInput, MailboxState } from "../../../bindings";
import { useBackend } from "../../../ipc/backend";
import { unwrap } from "../../../ipc/unwrap";

/** Under "settings": the core's data_changed events for settings refresh them. */
export const mailboxKeys = {
	all: ["settings", "mailboxes"] as const,
	presets: ["settings", "mailboxPresets"] as const,
};

export function useMailboxes() {
	const backend = useBackend();
	return useQuery({
		queryKey: mailboxKeys.all,
		queryFn: () => unwrap(backend.commands.mailboxesList()),
	});
}

export function useMailboxPresets() {
	const backend = useBackend();
	return useQuery({
		queryKey: mailboxKeys.presets,
		queryFn: () => unwrap(backend.commands.mailboxPresets()),
		staleTime: Number.POSITIVE_INFINITY,
	});
}

export function useMailboxMutations() {
	const backend = useBackend();
	const save = useMutation({
		mutationFn: ({ id, input }: { id: number | null; input: MailboxInput }) =>
			unwrap(
				id === null
					? backend.commands.mailboxCreate(input)
					: backend.commands.mailboxUpdate(id, input),
			),
	});
	const remove = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.mailboxRemove(id)),
	});
	const setState = useMutation({
		mutationFn: ({ id, state }: { id: number; state: MailboxState }) =>
			unwrap(backend.commands.mailboxSetState(id, state)),
	});
	const test = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.mailboxTest(id)),
	});
	const testSettings = useMutation({
		mutationFn: ({ id, input }: { id: number | null; input: MailboxInput }) =>
			unwrap(backend.commands.mailboxTestSettings(id, input)),
	});
	return { save, remove, setState, test, testSettings };
}

/** How far back first syncs reach and the folders stored so far ("settings": refreshed by its events). */
export function useMailSync(mailboxId: number) {
	const backend = useBackend();
	return useQuery({
		queryKey: ["settings", "mailSync", mailboxId] as const,
		queryFn: () => unwrap(backend.commands.mailSyncSettings(mailboxId)),
	});
}

/**
 * The server's folders. Not under "settings": each fetch signs in to IMAP, so it is not repeated on every
 * settings change (on/off comes from `useMailSync`).
 */
export function useServerFolders(mailboxId: number) {
	const backend = useBackend();
	return useQuery({
		queryKey: ["mailServerFolders", mailboxId] as const,
		queryFn: () => unwrap(backend.commands.mailServerFolders(mailboxId)),
	});
}

export function useMailSyncMutations() {
	const backend = useBackend();
	const setDays = useMutation({
		mutationFn: ({ mailboxId, days }: { mailboxId: number; days: number }) =>
			unwrap(backend.commands.mailSyncDaysSet(mailboxId, days)),
	});
	const setFolder = useMutation({
		mutationFn: ({
			mailboxId,
			folder,
			enabled,
		}: {
			mailboxId: number;
			folder: string;
			enabled: boolean;
		}) => unwrap(backend.commands.mailFolderSetEnabled(mailboxId, folder, enabled)),
	});
	return { setDays, setFolder };
}
