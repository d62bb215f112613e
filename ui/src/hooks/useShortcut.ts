import { useEffect, useRef } from "react";

export function isTyping(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** A single-key shortcut that stays out of the way while the user types or holds a modifier. */
export function useShortcut(key: string, handler: () => void, enabled = true) {
	const handlerRef = useRef(handler);
	handlerRef.current = handler;

	useEffect(() => {
		if (!enabled) return;
		const onKey = (e: KeyboardEvent) => {
			if (e.key !== key || e.metaKey || e.ctrlKey || e.altKey || e.repeat) return;
			if (isTyping(e.target) || document.querySelector("[role=dialog]")) return;
			e.preventDefault();
			handlerRef.current();
		};
		window.addEventListener("keydown", onKey);
		return () => window.removeEventListener("keydown", onKey);
	}, [key, enabled]);
}
