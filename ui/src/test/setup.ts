import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// Search is debounced and two cores may be busy with Rust builds: give async queries room.
configure({ asyncUtilTimeout: 3000 });

afterEach(() => {
	cleanup();
	// The app mirrors its view in the URL hash; jsdom keeps the URL between tests.
	window.history.replaceState(null, "", "/");
});

// jsdom lacks these; cmdk (the command palette) calls them.
if (typeof globalThis.ResizeObserver === "undefined") {
	globalThis.ResizeObserver = class {
		observe() {}
		unobserve() {}
		disconnect() {}
	};
}
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => {};
// jsdom has no canvas; returning null (instead of its "not implemented" error) lets charts skip drawing.
HTMLCanvasElement.prototype.getContext = (() =>
	null) as typeof HTMLCanvasElement.prototype.getContext;
