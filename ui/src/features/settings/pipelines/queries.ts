import { useMutation, useQuery } from "@tanstack/react-query";
import type { PipelineDelete, StageDelete, StageInput } from "../../../bindings";
import { useBackend } from "../../../ipc/backend";
import { queryKeys } from "../../../ipc/queryKeys";
import { unwrap } from "../../../ipc/unwrap";

// Mutations refresh nothing themselves: the core's data_changed events do (pipeline → pipelines and deals).

export function usePipelines() {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.pipelines,
		queryFn: () => unwrap(backend.commands.pipelines()),
	});
}

export function useStageCounts(pipelineId: number) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.stageCounts(pipelineId),
		queryFn: () => unwrap(backend.commands.stageCounts(pipelineId)),
		select: (rows) => new Map(rows.map((r) => [r.stage_id, r.deals])),
	});
}

/** Every pipeline and stage command Settings uses, as mutations. */
export function usePipelineActions() {
	const backend = useBackend();
	const c = backend.commands;
	return {
		createPipeline: useMutation({ mutationFn: (name: string) => unwrap(c.pipelineCreate(name)) }),
		renamePipeline: useMutation({
			mutationFn: ({ id, name }: { id: number; name: string }) =>
				unwrap(c.pipelineRename(id, name)),
		}),
		setDefault: useMutation({ mutationFn: (id: number) => unwrap(c.pipelineSetDefault(id)) }),
		deletePipeline: useMutation({ mutationFn: (d: PipelineDelete) => unwrap(c.pipelineDelete(d)) }),
		createStage: useMutation({
			mutationFn: ({ pipelineId, input }: { pipelineId: number; input: StageInput }) =>
				unwrap(c.stageCreate(pipelineId, input)),
		}),
		updateStage: useMutation({
			mutationFn: ({ id, input }: { id: number; input: StageInput }) =>
				unwrap(c.stageUpdate(id, input)),
		}),
		reorderStages: useMutation({
			mutationFn: ({ pipelineId, ids }: { pipelineId: number; ids: number[] }) =>
				unwrap(c.stagesReorder(pipelineId, ids)),
		}),
		deleteStage: useMutation({ mutationFn: (d: StageDelete) => unwrap(c.stageDelete(d)) }),
	};
}

export const noChange: StageInput = { name: null, probability: null, color: null, kind: null };
