import { useMutation, useQuery } from "@tanstack/react-query";
import type { ContactInput } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";

// Mutations do not invalidate anything themselves: the core's data_changed event does,
// so edits made by anything else (imports, the CLI, sync) refresh the UI the same way.

export function useContact(id: number | null) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.contact(id ?? -1),
		queryFn: () => unwrap(backend.commands.contactGet(id ?? -1)),
		enabled: id !== null,
	});
}

export function useSaveContact() {
	const backend = useBackend();
	return useMutation({
		mutationFn: ({ id, input }: { id: number | null; input: ContactInput }) =>
			unwrap(
				id === null
					? backend.commands.contactCreate(input)
					: backend.commands.contactUpdate(id, input),
			),
	});
}

export function useTrashContacts() {
	const backend = useBackend();
	const trash = useMutation({
		mutationFn: (ids: number[]) => unwrap(backend.commands.contactsDelete(ids)),
	});
	const restore = useMutation({
		mutationFn: (ids: number[]) => unwrap(backend.commands.contactsRestore(ids)),
	});
	return { trash, restore };
}
