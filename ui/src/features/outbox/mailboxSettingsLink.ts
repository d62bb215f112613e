import type { Navigate } from "../../navigation";

/** Settings → Mailboxes: the Settings page, scrolled to its mailboxes section once it has rendered. */
export function openMailboxSettings(navigate: Navigate) {
	navigate("settings");
	// Settings renders on the next frame; jsdom has no scrollIntoView.
	setTimeout(() => {
		document
			.querySelector('[data-testid="mailboxes-settings"]')
			?.scrollIntoView?.({ block: "start" });
	}, 50);
}
