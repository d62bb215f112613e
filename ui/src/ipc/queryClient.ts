import { QueryClient } from "@tanstack/react-query";

export function createQueryClient(): QueryClient {
	return new QueryClient({
		defaultOptions: {
			queries: {
				// Data only goes stale when the core says so (see coreEvents.ts).
				staleTime: Number.POSITIVE_INFINITY,
				refetchOnWindowFocus: false,
				refetchOnReconnect: false,
				// IPC to a local core fails deterministically; retrying only delays the error.
				retry: false,
			},
			mutations: { retry: false },
		},
	});
}
