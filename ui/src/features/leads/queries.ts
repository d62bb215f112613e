import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { FilterGroup, LeadSource, LeadStatus, PageQuery } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";

const PAGE_SIZE = 100;

export type LeadFilters = {
	search: string;
	status: LeadStatus | null;
	source: LeadSource | null;
	/** The filter builder's (or a saved view's) rules, ready to run; null when there are none. */
	filter?: FilterGroup | null;
};

export type LeadSort = {
	/** A sortable list field: the table's headers offer score, name and dates; a saved view may hold others. */
	sort: string;
	desc: boolean;
};

/** The hottest leads first, until the rep picks another order. */
export const defaultLeadSort: LeadSort = { sort: "score", desc: true };

function query(f: LeadFilters): PageQuery {
	return {
		search: f.search || null,
		cursor: null,
		limit: PAGE_SIZE,
		lifecycle: "lead",
		lead_status: f.status,
		lead_source: f.source,
		filter: f.filter ?? null,
	};
}

export function useLeadsList(filters: LeadFilters, order: LeadSort) {
	const backend = useBackend();
	return useInfiniteQuery({
		queryKey: queryKeys.leads(filters, order),
		queryFn: ({ pageParam }) =>
			unwrap(
				backend.commands.contactsList({
					...query(filters),
					cursor: pageParam,
					sort: order.sort,
					desc: order.desc,
				}),
			),
		initialPageParam: null as string | null,
		getNextPageParam: (last) => last.next_cursor,
		placeholderData: keepPreviousData,
	});
}

/** Counted apart from the pages, like the contacts list: a count costs more than a page. */
export function useLeadsCount(filters: LeadFilters) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.leadsCount(filters),
		queryFn: () => unwrap(backend.commands.contactsCountWhere(query(filters))),
		placeholderData: keepPreviousData,
	});
}

/** Any leads at all, whatever the filters: tells "no leads yet" from "none match". */
export function useAnyLeads() {
	return useLeadsCount({ search: "", status: null, source: null });
}

export function useSetLeadStatus() {
	const backend = useBackend();
	return useMutation({
		mutationFn: ({ id, status }: { id: number; status: LeadStatus }) =>
			unwrap(backend.commands.leadSetStatus(id, status)),
	});
}
