import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AppProviders } from "./AppProviders";
import { type Backend, tauriBackend } from "./ipc/backend";
import { createQueryClient } from "./ipc/queryClient";
import "./styles.css";

declare global {
	interface Window {
		__TAURI_INTERNALS__?: unknown;
	}
}

// Outside the Tauri shell (plain `npm run dev`), an in-memory core with sample data stands in.
// Imported lazily so the desktop bundle does not carry it on the startup path.
const backend: Backend =
	window.__TAURI_INTERNALS__ !== undefined
		? tauriBackend
		: (await import("./ipc/fakeBackend")).createFakeBackend({
				// `?empty` previews the first-run screen.
				withSampleData: !new URLSearchParams(window.location.search).has("empty"),
				latencyMs: 120,
			});

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
	<StrictMode>
		<AppProviders backend={backend} queryClient={createQueryClient()}>
			<App />
		</AppProviders>
	</StrictMode>,
);
