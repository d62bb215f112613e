import { useMutation, useQuery } from "@tanstack/react-query";
import type { CustomFieldInput, FieldEntity } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";

/** An entity's live custom fields in form order. Settings changes refresh it through core events. */
export function useCustomFields(entity: FieldEntity) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.customFields(entity),
		queryFn: () => unwrap(backend.commands.customFieldsList(entity)),
	});
}

export function useCustomFieldMutations() {
	const backend = useBackend();
	const save = useMutation({
		mutationFn: ({ id, input }: { id: number | null; input: CustomFieldInput }) =>
			unwrap(
				id === null
					? backend.commands.customFieldCreate(input)
					: backend.commands.customFieldUpdate(id, input),
			),
	});
	const remove = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.customFieldDelete(id)),
	});
	const restore = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.customFieldRestore(id)),
	});
	const reorder = useMutation({
		mutationFn: (ids: number[]) => unwrap(backend.commands.customFieldsReorder(ids)),
	});
	return { save, remove, restore, reorder };
}
