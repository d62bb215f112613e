import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend } from "../../../ipc/backend";
import { unwrap } from "../../../ipc/unwrap";

const backupsKey = ["backups"] as const;

/** The backups on disk, newest first. */
export function useBackups() {
	const backend = useBackend();
	return useQuery({
		queryKey: backupsKey,
		queryFn: () => unwrap(backend.commands.backupsList()),
		// The shell writes daily backups on its own, without an event: read the folder each time.
		staleTime: 0,
	});
}

export function useBackupNow() {
	const backend = useBackend();
	const client = useQueryClient();
	return useMutation({
		mutationFn: () => unwrap(backend.commands.backupNow()),
		onSuccess: () => client.invalidateQueries({ queryKey: backupsKey }),
	});
}

/** Replaces all data with a backup's; resolves to the "before restore" backup that undoes it. */
export function useRestoreBackup() {
	const backend = useBackend();
	const client = useQueryClient();
	return useMutation({
		mutationFn: (path: string) => unwrap(backend.commands.backupRestore(path)),
		// Every record, setting and pipeline may have changed, and so has the backups folder.
		onSuccess: () => client.invalidateQueries(),
	});
}
