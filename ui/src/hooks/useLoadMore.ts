import { useEffect, useRef } from "react";

/**
 * Calls `loadMore` when the returned element scrolls into view (infinite scroll).
 * Where IntersectionObserver is missing (jsdom), the list's "Load more" button still works.
 */
export function useLoadMore(enabled: boolean, loadMore: () => void) {
	const sentinel = useRef<HTMLDivElement>(null);
	const loadRef = useRef(loadMore);
	loadRef.current = loadMore;

	useEffect(() => {
		const el = sentinel.current;
		if (!enabled || !el || typeof IntersectionObserver === "undefined") return;
		const observer = new IntersectionObserver(
			(entries) => {
				if (entries.some((e) => e.isIntersecting)) loadRef.current();
			},
			{ rootMargin: "400px" },
		);
		observer.observe(el);
		return () => observer.disconnect();
	}, [enabled]);

	return sentinel;
}
