import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { JobProgress } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

export function useLoadSample() {
	const backend = useBackend();
	const client = useQueryClient();
	return useMutation({
		mutationKey: ["loadSampleData"],
		mutationFn: () => unwrap(backend.commands.loadSampleData()),
		// The core also emits data_changed; refreshing appInfo here means the first-run
		// screen is gone by the time the caller navigates, instead of a frame later.
		onSuccess: () => client.invalidateQueries({ queryKey: ["appInfo"] }),
	});
}

/** The latest progress of a running background job, while `active`. */
export function useJobProgress(active: boolean): JobProgress | null {
	const backend = useBackend();
	const [progress, setProgress] = useState<JobProgress | null>(null);

	useEffect(() => {
		if (!active) {
			setProgress(null);
			return;
		}
		let stop: (() => void) | null = null;
		let disposed = false;
		void backend
			.onCoreEvent((e) => {
				if (e.type === "job_progress") setProgress(e);
			})
			.then((unlisten) => {
				if (disposed) unlisten();
				else stop = unlisten;
			});
		return () => {
			disposed = true;
			stop?.();
		};
	}, [active, backend]);

	return progress;
}
