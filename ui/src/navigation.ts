import { createContext, useCallback, useContext, useEffect, useState } from "react";
import { subViews, type ViewId, views } from "./views";

/** A record a view should open or highlight on arrival (a contact's panel, a deal's card). */
export type NavTarget = { id: number | "new"; nonce: number };
export type Navigate = (view: ViewId, target?: number | "new") => void;

export const NavigationContext = createContext<Navigate>(() => {});
export const NavTargetContext = createContext<NavTarget | null>(null);

/** Lets a view send the user elsewhere (e.g. first-run → Imports) without prop drilling. */
export function useNavigate(): Navigate {
	return useContext(NavigationContext);
}

/** What the current view was asked to open, e.g. contact 12 for `#contacts/12`. */
export function useNavTarget(): NavTarget | null {
	return useContext(NavTargetContext);
}

let nonce = 0;

function parseHash(): { view: ViewId; target: NavTarget | null } | null {
	const [id, rest] = window.location.hash.replace(/^#\/?/, "").split("/");
	const view = [...views, ...subViews].find((v) => v.id === id)?.id;
	if (!view) return null;
	const target =
		rest === "new"
			? { id: "new" as const, nonce: ++nonce }
			: rest && /^\d+$/.test(rest)
				? { id: Number(rest), nonce: ++nonce }
				: null;
	return { view, target };
}

/**
 * The current view (and what it should open), mirrored in the URL hash as `#view` or
 * `#view/id`, so a reload (or a dev link) lands on the same place.
 */
export function useHashView(fallback: ViewId): [ViewId, NavTarget | null, Navigate] {
	const [state, setState] = useState(() => parseHash() ?? { view: fallback, target: null });

	useEffect(() => {
		const onHash = () => {
			const next = parseHash();
			if (next) setState(next);
		};
		window.addEventListener("hashchange", onHash);
		return () => window.removeEventListener("hashchange", onHash);
	}, []);

	const navigate = useCallback<Navigate>((view, target) => {
		setState({ view, target: target === undefined ? null : { id: target, nonce: ++nonce } });
		// replaceState: switching views is not worth a Back-button entry in a desktop app.
		window.history.replaceState(null, "", target === undefined ? `#${view}` : `#${view}/${target}`);
	}, []);

	return [state.view, state.target, navigate];
}
