import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Deal, DealMoved, Stage } from "../../bindings";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";
import { applyMove, type DropPlan } from "./board";

type MoveVars = DropPlan & { reason: string | null; optimistic: boolean };

/** "1 sequence enrollment", "2 sequence enrollments". */
function enrollments(n: number): string {
	return `${n} sequence ${n === 1 ? "enrollment" : "enrollments"}`;
}

/**
 * Moves deals on a pipeline's board: an optimistic update of the open-deals cache (rolled back
 * with a toast when the core refuses), then an Undo toast for every change of stage.
 * The core's `data_changed` event refreshes everything else.
 */
export function useMoveDeal(pipelineId: number, stages: Stage[]) {
	const backend = useBackend();
	const client = useQueryClient();
	const toast = useToast();
	const key = queryKeys.openDeals(pipelineId);

	const mutation = useMutation({
		mutationFn: (v: MoveVars) =>
			unwrap(
				backend.commands.dealMove({
					deal_id: v.deal.id,
					stage_id: v.stage.id,
					position: v.position,
					reason: v.reason,
				}),
			),
		onMutate: async (v) => {
			const previous = client.getQueryData<Deal[]>(key);
			if (!v.optimistic) return { previous };
			await client.cancelQueries({ queryKey: key });
			if (previous) client.setQueryData(key, applyMove(previous, v, new Date().toISOString()));
			return { previous };
		},
		onSuccess: (moved, v) => {
			// Moves that waited for the core (closing a deal) still update at once, before the event.
			client.setQueryData<Deal[]>(key, (list) =>
				list
					? applyMove(list, { ...v, position: moved.deal.position }, moved.deal.updated_at)
					: list,
			);
		},
		onError: (_error, _v, context) => {
			if (context?.previous) client.setQueryData(key, context.previous);
			void client.invalidateQueries({ queryKey: key });
		},
	});
	const { mutateAsync } = mutation;

	const undo = useCallback(
		async (moved: DealMoved) => {
			const stage = stages.find((s) => s.id === moved.from_stage_id);
			if (!stage) return;
			try {
				await mutateAsync({
					deal: moved.deal,
					stage,
					position: moved.from_position,
					stageChanged: moved.deal.stage_id !== stage.id,
					reason: moved.from_reason,
					optimistic: true,
				});
				// The core does not restart what closing the deal stopped; say so rather than imply it.
				const n = moved.enrollments_stopped;
				if (n > 0)
					toast.show({
						message: `“${moved.deal.title}” is back in ${stage.name}; ${n === 1 ? "its sequence enrollment stays" : `its ${enrollments(n)} stay`} stopped`,
					});
			} catch (e) {
				toast.show({ tone: "error", message: `Could not undo the move: ${errorMessage(e)}` });
			}
		},
		[mutateAsync, stages, toast],
	);

	/**
	 * Moves a deal as planned. Rejects only with a validation error on `reason` (the caller's
	 * dialog shows it at the field); other failures end in an error toast.
	 */
	const move = useCallback(
		async (plan: DropPlan, reason: string | null = null): Promise<void> => {
			try {
				const moved = await mutateAsync({
					...plan,
					reason,
					optimistic: plan.stage.kind === "open",
				});
				if (plan.stageChanged) {
					const stopped = moved.enrollments_stopped;
					toast.show({
						message:
							stopped > 0
								? `Moved “${plan.deal.title}” to ${plan.stage.name} and stopped ${enrollments(stopped)}`
								: `Moved “${plan.deal.title}” to ${plan.stage.name}`,
						durationMs: 8000,
						action: { label: "Undo", testId: "toast-undo", onClick: () => void undo(moved) },
					});
				}
			} catch (e) {
				if (e instanceof IpcError && e.field === "reason") throw e;
				toast.show({
					tone: "error",
					message: `Could not move “${plan.deal.title}”: ${errorMessage(e)}`,
				});
			}
		},
		[mutateAsync, toast, undo],
	);

	return { move, isPending: mutation.isPending };
}
