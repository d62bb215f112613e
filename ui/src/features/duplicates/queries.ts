import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DuplicatePair, MergeRequest } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

export type MergeEntity = "contact" | "company";

// Keyed under the entity, so any data_changed event for contacts (or companies) refreshes the pairs.
export const duplicateKeys = {
	pairs: (entity: MergeEntity) => [entity, "duplicates"] as const,
};

export function useDuplicates(entity: MergeEntity) {
	const backend = useBackend();
	return useQuery({
		queryKey: duplicateKeys.pairs(entity),
		queryFn: () => unwrap(backend.commands.duplicatesList(entity)),
	});
}

/** Puts both records of a merge back; every list of that entity refreshes. */
export function useUndoMerge() {
	const backend = useBackend();
	const client = useQueryClient();
	return useMutation({
		mutationFn: (token: number) => unwrap(backend.commands.recordsMergeUndo(token)),
		onSuccess: () => {
			void client.invalidateQueries({ queryKey: ["contact"] });
			void client.invalidateQueries({ queryKey: ["company"] });
		},
	});
}

/**
 * Merges two records. Pairs naming the dropped record leave the list at once; the core's events
 * refresh everything else, and the invalidation here covers a merge whose event is slow to arrive.
 */
export function useMergeRecords() {
	const backend = useBackend();
	const client = useQueryClient();
	return useMutation({
		mutationFn: (req: MergeRequest) => unwrap(backend.commands.recordsMerge(req)),
		onSuccess: (_result, req) => {
			if (req.entity === "deal") return;
			client.setQueryData<DuplicatePair[]>(duplicateKeys.pairs(req.entity), (pairs) =>
				pairs?.filter((p) => p.a_id !== req.drop_id && p.b_id !== req.drop_id),
			);
			// Not awaited: the dialog closes at once rather than after every list has refetched.
			void client.invalidateQueries({ queryKey: [req.entity] });
		},
	});
}
