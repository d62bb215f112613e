import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ImportPreview, ImportRequest, JobProgress } from "../../bindings";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { chooseRejectsTarget, dialogsAvailable } from "./fileDialogs";
import { plural } from "./targets";

/**
 * Import history. Imports start and are undone only from this view, so its mutations refresh it;
 * the records themselves refresh through the core's data_changed events.
 */
export const importKeys = {
	history: ["imports", "history"] as const,
	preview: (request: ImportRequest) => ["imports", "preview", request] as const,
	previews: ["imports", "preview"] as const,
};

export function useImportHistory() {
	const backend = useBackend();
	return useQuery({
		queryKey: importKeys.history,
		queryFn: () => unwrap(backend.commands.importsList()),
	});
}

export function useUndoImport() {
	const backend = useBackend();
	const client = useQueryClient();
	return useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.importUndo(id)),
		onSettled: () => {
			void client.invalidateQueries({ queryKey: importKeys.history });
			// The book changed: earlier dry runs no longer say what an import would do.
			client.removeQueries({ queryKey: importKeys.previews });
		},
	});
}

export function useRunImport() {
	const backend = useBackend();
	const client = useQueryClient();
	return useMutation({
		mutationFn: (request: ImportRequest) => unwrap(backend.commands.importRun(request)),
		// A cancelled or failed import wrote nothing, so its dry run still holds; a finished one changed the book.
		onSuccess: () => client.removeQueries({ queryKey: importKeys.previews }),
		// Cancelled and failed imports are listed too, so refresh either way.
		onSettled: () => client.invalidateQueries({ queryKey: importKeys.history }),
	});
}

/**
 * The dry run for `request` (null while there is no file). While a mapping or policy change is
 * re-previewed, the previous result stays on screen; a different file, kind or sheet starts blank.
 */
export function useImportPreview(request: ImportRequest | null) {
	const backend = useBackend();
	return useQuery<ImportPreview>({
		queryKey: request ? importKeys.preview(request) : [...importKeys.previews, "none"],
		queryFn: () => unwrap(backend.commands.importPreview(request as ImportRequest)),
		enabled: request !== null,
		placeholderData: (previous, previousQuery) => {
			const before = previousQuery?.queryKey[2];
			const comparable = typeof before === "object" && before !== null;
			return comparable && request && sameSource(before as ImportRequest, request)
				? previous
				: undefined;
		},
		gcTime: 60_000,
	});
}

/** Same file, kind of record, sheet and header row: only the mapping or the policy differ. */
export function sameSource(a: ImportRequest, b: ImportRequest): boolean {
	return (
		a.path === b.path &&
		a.entity === b.entity &&
		a.sheet === b.sheet &&
		a.header_row === b.header_row
	);
}

/**
 * Follows the core's background jobs of one kind: the latest progress, and a way to cancel every
 * one still running (a superseded preview, or the import the rep stops).
 */
export function useJobs(kind: string) {
	const backend = useBackend();
	const [latest, setLatest] = useState<JobProgress | null>(null);
	const running = useRef(new Set<number>());

	useEffect(() => {
		let stop: (() => void) | null = null;
		let disposed = false;
		void backend
			.onCoreEvent((e) => {
				if (e.type !== "job_progress" || e.kind !== kind) return;
				if (e.state === "running") running.current.add(e.job_id);
				else running.current.delete(e.job_id);
				setLatest(e);
			})
			.then((unlisten) => {
				if (disposed) unlisten();
				else stop = unlisten;
			});
		return () => {
			disposed = true;
			stop?.();
		};
	}, [backend, kind]);

	const cancelRunning = useCallback(async () => {
		const ids = [...running.current];
		running.current.clear();
		await Promise.all(ids.map((id) => backend.commands.cancelJob(id)));
		return ids.length;
	}, [backend]);

	const reset = useCallback(() => setLatest(null), []);
	return { latest, cancelRunning, reset, hasRunning: () => running.current.size > 0 };
}

/** Saves an import's rejected rows (with reasons) where the rep chooses, and says how it went. */
export function useSaveRejects() {
	const backend = useBackend();
	const toast = useToast();
	const save = useMutation({
		mutationFn: async ({ id, fileName }: { id: number; fileName: string }) => {
			if (!dialogsAvailable()) throw new Error("Saving files needs the Outpost desktop app.");
			const path = await chooseRejectsTarget(fileName);
			if (path === null) return null;
			const rows = await unwrap(backend.commands.importRejectsSave(id, path));
			return { rows, path };
		},
		onSuccess: (saved) => {
			if (saved)
				toast.show({ message: `Saved ${plural(saved.rows, "rejected row")} to ${saved.path}.` });
		},
		onError: (e) => toast.show({ message: errorMessage(e), tone: "error" }),
	});
	return save;
}
