import { useToast } from "../components/Toast";
import { errorMessage } from "../ipc/unwrap";

/** A mutation over record ids (a feature's trash or restore). */
type IdsMutation = {
	mutate: (
		ids: number[],
		options?: { onSuccess?: () => void; onError?: (err: Error) => void },
	) => void;
};

/**
 * Moves one record to the Trash; the toast that follows offers Undo. `label` names the record in the
 * messages ("Acme moved to Trash", "Acme restored.").
 */
export function useTrashWithUndo({ trash, restore }: { trash: IdsMutation; restore: IdsMutation }) {
	const toast = useToast();
	return (
		id: number,
		label: string,
		{ onTrashed, onError }: { onTrashed: () => void; onError: (err: Error) => void },
	) => {
		const ids = [id];
		trash.mutate(ids, {
			onSuccess: () => {
				onTrashed();
				toast.show({
					message: `${label} moved to Trash`,
					durationMs: 8000,
					action: {
						label: "Undo",
						testId: "toast-undo",
						onClick: () =>
							restore.mutate(ids, {
								onSuccess: () => toast.show({ message: `${label} restored.` }),
								onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
							}),
					},
				});
			},
			onError,
		});
	};
}
