import { useEffect, useRef } from "react";
import { isTyping } from "../../hooks/useShortcut";
import type { Navigate } from "../../navigation";
import type { ViewId } from "../../views";

const goTo: Record<string, ViewId> = { p: "pipeline", c: "contacts", l: "leads", o: "companies" };

type Handlers = {
	view: ViewId;
	navigate: Navigate;
	togglePalette: () => void;
	openHelp: () => void;
};

/**
 * App-wide keys: Ctrl/Cmd+K anywhere; `?`, `N` and `G` then P/C/L/O only when the user is not
 * typing in a field and no dialog is open.
 */
export function useGlobalShortcuts(handlers: Handlers) {
	const ref = useRef(handlers);
	ref.current = handlers;

	useEffect(() => {
		let pendingG = 0;
		const onKey = (e: KeyboardEvent) => {
			const h = ref.current;
			if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "k") {
				e.preventDefault();
				h.togglePalette();
				return;
			}
			if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || e.defaultPrevented) return;
			if (isTyping(e.target) || document.querySelector("[role=dialog]")) return;
			const key = e.key.toLowerCase();
			if (pendingG && Date.now() - pendingG < 1500 && goTo[key]) {
				pendingG = 0;
				e.preventDefault();
				h.navigate(goTo[key]);
				return;
			}
			pendingG = 0;
			if (e.key === "?") {
				e.preventDefault();
				h.openHelp();
			} else if (key === "g" && !e.shiftKey) {
				pendingG = Date.now();
			} else if (key === "n" && !e.shiftKey && h.view !== "contacts" && h.view !== "leads") {
				// The contacts and leads views handle N themselves (each opens its own panel).
				e.preventDefault();
				h.navigate("contacts", "new");
			}
		};
		window.addEventListener("keydown", onKey);
		return () => window.removeEventListener("keydown", onKey);
	}, []);
}
