import { useMutation, useQuery } from "@tanstack/react-query";
import type { DealEdit } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";

// Mutations invalidate nothing themselves: the core's data_changed events do.

export function useDeal(id: number) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.deal(id),
		queryFn: () => unwrap(backend.commands.dealGet(id)),
	});
}

export function useDealHistory(id: number) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.dealHistory(id),
		queryFn: () => unwrap(backend.commands.dealStageHistory(id)),
	});
}

export function useUpdateDeal() {
	const backend = useBackend();
	return useMutation({
		mutationFn: ({ id, input }: { id: number; input: DealEdit }) =>
			unwrap(backend.commands.dealUpdate(id, input)),
	});
}

export function useTrashDeals() {
	const backend = useBackend();
	const trash = useMutation({
		mutationFn: (ids: number[]) => unwrap(backend.commands.dealsDelete(ids)),
	});
	const restore = useMutation({
		mutationFn: (ids: number[]) => unwrap(backend.commands.dealsRestore(ids)),
	});
	return { trash, restore };
}
