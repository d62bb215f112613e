import { useMutation, useQuery } from "@tanstack/react-query";
import type { CompanyInput } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";

// Mutations invalidate nothing themselves: the core's data_changed events do.

export function useCompany(id: number | null) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.company(id ?? -1),
		queryFn: () => unwrap(backend.commands.companyGet(id ?? -1)),
		enabled: id !== null,
	});
}

/** The company's contacts and deals, for its panel. */
export function useCompanyRelated(id: number) {
	const backend = useBackend();
	return useQuery({
		queryKey: queryKeys.companyRelated(id),
		queryFn: () => unwrap(backend.commands.companyRelated(id)),
	});
}

export function useSaveCompany() {
	const backend = useBackend();
	return useMutation({
		mutationFn: ({ id, input }: { id: number | null; input: CompanyInput }) =>
			unwrap(
				id === null
					? backend.commands.companyCreate(input)
					: backend.commands.companyUpdate(id, input),
			),
	});
}

export function useTrashCompanies() {
	const backend = useBackend();
	const trash = useMutation({
		mutationFn: (ids: number[]) => unwrap(backend.commands.companiesDelete(ids)),
	});
	const restore = useMutation({
		mutationFn: (ids: number[]) => unwrap(backend.commands.companiesRestore(ids)),
	});
	return { trash, restore };
}
