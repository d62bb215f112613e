import { useMutation } from "@tanstack/react-query";
import type { SettingsRestored } from "../../bindings";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { errorMessage, unwrap } from "../../ipc/unwrap";

const deals = (n: number) => `${n} ${n === 1 ? "deal" : "deals"}`;

/** What an undo put back, for its toast. */
export function restoredMessage(what: string, r: SettingsRestored): string {
	const back = r.moved_back > 0 ? `; ${deals(r.moved_back)} moved back` : "";
	const stayed =
		r.stayed > 0
			? ` (${deals(r.stayed)} moved since ${r.stayed === 1 ? "stays" : "stay"} put)`
			: "";
	return `Restored ${what}${back}${stayed}.`;
}

/**
 * The toast after deleting a tag, stage or pipeline, with Undo: the core kept what the delete took away
 * under `token` and puts it back (deals return to where they were, with their history as before).
 */
export function useSettingsUndoToast() {
	const backend = useBackend();
	const toast = useToast();
	const undo = useMutation({
		mutationFn: (token: number) => unwrap(backend.commands.settingsUndoDelete(token)),
	});
	return (message: string, token: number, what: string) =>
		toast.show({
			message,
			durationMs: 8000,
			action: {
				label: "Undo",
				testId: "toast-undo",
				onClick: () =>
					undo.mutate(token, {
						onSuccess: (r) => toast.show({ message: restoredMessage(what, r) }),
						onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
					}),
			},
		});
}
