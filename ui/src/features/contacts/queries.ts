import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { ContactInput } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";

const PAGE_SIZE = 100;

// Mutations do not invalidate anything themselves: the core's data_changed event does,
// so edits made by anything else (imports, the CLI, sync) refresh the UI the same way.

export type ContactSort = {
	sort: "name" | "first_name" | "updated_at" | "created_at" | "score";
	desc: boolean;
};

export function useContactsList(search: string, order: ContactSort | null = null) {
	const backend = useBackend();
	return useInfiniteQuery({
		queryKey: queryKeys.contacts(search, order?.sort ?? null, order?.desc ?? false),
		queryFn: ({ pageParam }) =>
			unwrap(
				backend.commands.contactsList({
					search: search || null,
					cursor: pageParam,
					limit: PAGE_SIZE,
					sort: order?.sort ?? null,
					desc: order?.desc ?? null,
				}),
			),
		initialPageParam: null as string | null,
		getNextPageParam: (last) => last.next_cursor,
		// Keep showing the previous results while a new search loads, instead of a spinner flash.
		placeholderData: keepPreviousData,
	});
}

/** The list's total, counted apart from the pages: on a large database a count takes longer than a page. */
export function useContactsCount(search: string) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.contactsCount(search),
		queryFn: () => unwrap(backend.commands.contactsCount(search || null)),
		placeholderData: keepPreviousData,
	});
}

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
