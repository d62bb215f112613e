import { createContext, useCallback, useContext, useEffect, useState } from "react";
import { type ViewId, views } from "./views";

export const NavigationContext = createContext<(view: ViewId) => void>(() => {});

/** Lets a view send the user elsewhere (e.g. first-run → Imports) without prop drilling. */
export function useNavigate(): (view: ViewId) => void {
	return useContext(NavigationContext);
}

function viewFromHash(): ViewId | null {
	const id = window.location.hash.replace(/^#\/?/, "");
	return views.find((v) => v.id === id)?.id ?? null;
}

/** The current view, mirrored in the URL hash so a reload (or a dev link) lands on the same view. */
export function useHashView(fallback: ViewId): [ViewId, (view: ViewId) => void] {
	const [view, setView] = useState<ViewId>(() => viewFromHash() ?? fallback);

	useEffect(() => {
		const onHash = () => {
			const next = viewFromHash();
			if (next) setView(next);
		};
		window.addEventListener("hashchange", onHash);
		return () => window.removeEventListener("hashchange", onHash);
	}, []);

	const navigate = useCallback((next: ViewId) => {
		setView(next);
		// replaceState: switching views is not worth a Back-button entry in a desktop app.
		window.history.replaceState(null, "", `#${next}`);
	}, []);

	return [view, navigate];
}
