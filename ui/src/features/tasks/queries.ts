import { useMutation, useQuery } from "@tanstack/react-query";
import type { TaskBucket, TaskInput } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";

export const buckets: { id: TaskBucket; label: string }[] = [
	{ id: "overdue", label: "Overdue" },
	{ id: "today", label: "Today" },
	{ id: "upcoming", label: "Upcoming" },
	{ id: "done", label: "Done" },
];

export const TASK_LIMIT = 200;

// As with contacts: mutations refresh nothing themselves; the core's `task` events do.

export function useTasks(bucket: TaskBucket) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.tasks(bucket),
		queryFn: () => unwrap(backend.commands.tasksList(bucket, TASK_LIMIT)),
	});
}

export function useCreateTask() {
	const backend = useBackend();
	return useMutation({
		mutationFn: (input: TaskInput) => unwrap(backend.commands.taskCreate(input)),
	});
}

export function useCompleteTask() {
	const backend = useBackend();
	const complete = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.taskComplete(id)),
	});
	const reopen = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.taskReopen(id)),
	});
	return { complete, reopen };
}
