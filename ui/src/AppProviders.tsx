import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ToastProvider } from "./components/Toast";
import { type Backend, BackendProvider } from "./ipc/backend";

export function AppProviders({
	backend,
	queryClient,
	children,
}: {
	backend: Backend;
	queryClient: QueryClient;
	children: ReactNode;
}) {
	return (
		<BackendProvider backend={backend}>
			<QueryClientProvider client={queryClient}>
				<ToastProvider>{children}</ToastProvider>
			</QueryClientProvider>
		</BackendProvider>
	);
}
