import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type {
	BulkEdit,
	Entity,
	FieldEntity,
	ListEntity,
	Page,
	PageQuery,
	SavedViewInput,
} from "../../bindings";
import { type Backend, useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

export const PAGE_SIZE = 100;

/** The records a list shows (leads are contacts): whose change events refresh it. */
export const recordEntity = (e: ListEntity): FieldEntity & Entity => (e === "lead" ? "contact" : e);

// Keys start with the entity whose core events change them (see ipc/queryKeys.ts): lists and counts with
// their records, fields and views with "settings" (custom fields and views emit that).
export const listKeys = {
	fields: (e: ListEntity) => ["settings", "list-fields", e] as const,
	views: (e: ListEntity) => ["settings", "views", e] as const,
	pages: (e: ListEntity, q: PageQuery) => [recordEntity(e), "list", "table", e, q] as const,
	count: (e: ListEntity, q: PageQuery) => [recordEntity(e), "count", "table", e, q] as const,
};

export function useListFields(entity: ListEntity) {
	const backend = useBackend();
	return useQuery({
		queryKey: listKeys.fields(entity),
		queryFn: () => unwrap(backend.commands.listFields(entity)),
	});
}

/** Pages of a list, fetched one after another with the keyset cursor. */
export function useListPages<T>(
	entity: ListEntity,
	query: PageQuery,
	fetchPage: (backend: Backend, query: PageQuery) => Promise<Page<T>>,
) {
	const backend = useBackend();
	return useInfiniteQuery({
		queryKey: listKeys.pages(entity, query),
		queryFn: ({ pageParam }) =>
			fetchPage(backend, { ...query, cursor: pageParam, limit: PAGE_SIZE }),
		initialPageParam: null as string | null,
		getNextPageParam: (last) => last.next_cursor,
		// Keep the old rows while a new filter or sort loads, instead of a spinner flash.
		placeholderData: keepPreviousData,
	});
}

/** How many records match, counted apart from the pages: on a large database a count is slower than a page. */
export function useListCount(entity: ListEntity, query: PageQuery) {
	const backend = useBackend();
	return useQuery({
		queryKey: listKeys.count(entity, query),
		queryFn: () => unwrap(backend.commands.listCount(entity, query)),
		placeholderData: keepPreviousData,
	});
}

export function useSavedViews(entity: ListEntity) {
	const backend = useBackend();
	return useQuery({
		queryKey: listKeys.views(entity),
		queryFn: () => unwrap(backend.commands.savedViewsList(entity)),
	});
}

export function useViewMutations() {
	const backend = useBackend();
	return {
		create: useMutation({
			mutationFn: (input: SavedViewInput) => unwrap(backend.commands.savedViewCreate(input)),
		}),
		update: useMutation({
			mutationFn: ({ id, input }: { id: number; input: SavedViewInput }) =>
				unwrap(backend.commands.savedViewUpdate(id, input)),
		}),
		remove: useMutation({
			mutationFn: (id: number) => unwrap(backend.commands.savedViewDelete(id)),
		}),
		restore: useMutation({
			mutationFn: (id: number) => unwrap(backend.commands.savedViewRestore(id)),
		}),
	};
}

export function useBulkEdit() {
	const backend = useBackend();
	return {
		edit: useMutation({ mutationFn: (edit: BulkEdit) => unwrap(backend.commands.bulkEdit(edit)) }),
		undo: useMutation({
			mutationFn: (token: number) => unwrap(backend.commands.bulkEditUndo(token)),
		}),
	};
}
