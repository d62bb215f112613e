import { render } from "@testing-library/react";
import { App } from "../App";
import { AppProviders } from "../AppProviders";
import { createFakeBackend, type FakeBackend, type FakeOptions } from "../ipc/fakeBackend";
import { createQueryClient } from "../ipc/queryClient";
import type { ViewId } from "../views";

export function renderApp(options: FakeOptions & { view?: ViewId } = {}) {
	const backend: FakeBackend = createFakeBackend(options);
	const queryClient = createQueryClient();
	const utils = render(
		<AppProviders backend={backend} queryClient={queryClient}>
			<App initialView={options.view} />
		</AppProviders>,
	);
	return { ...utils, backend, queryClient };
}
