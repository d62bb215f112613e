import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useBackend } from "./backend";
import { invalidateForEvent } from "./queryKeys";

/** Keeps cached queries fresh from core events; the UI never polls. Mount once, at the root. */
export function useCoreEventInvalidation(): void {
	const backend = useBackend();
	const client = useQueryClient();

	useEffect(() => {
		let unlisten: (() => void) | null = null;
		let disposed = false;
		backend
			.onCoreEvent((event) => {
				void invalidateForEvent(client, event);
			})
			.then((stop) => {
				// The effect may have been cleaned up before the listener was registered.
				if (disposed) stop();
				else unlisten = stop;
			})
			.catch((err: unknown) => console.error("could not subscribe to core events", err));
		return () => {
			disposed = true;
			unlisten?.();
		};
	}, [backend, client]);
}
