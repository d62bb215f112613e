import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { MailSyncStatus } from "../../bindings";
import { unwrap } from "../../ipc/unwrap";
import { mailboxInput } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { SYNCING_POLL_MS } from "./queries";

const mailbox = mailboxInput({ email: "me@example.com" });

const status = (phase: MailSyncStatus["phase"], at: string | null): MailSyncStatus => ({
	mailbox_id: 1,
	name: "Work",
	phase,
	last_synced_at: at,
	last_fetched: 0,
	last_error: null,
	next_at: null,
});

describe("Inbox sync status", () => {
	// The pass's last event can be missed: it may fire while the window is still starting up (before the
	// UI listens for core events) or while it reloads. The status line must not say "Syncing…" forever.
	it("does not stay on “Syncing…” when the event that ended the pass was missed", async () => {
		const app = renderApp({ view: "settings" });
		const { backend } = app;
		await unwrap(backend.commands.mailboxCreate(mailbox));
		let reads = 0;
		backend.commands.inboxSyncStatus = async () => {
			reads += 1;
			return reads === 1
				? { status: "ok", data: [status("syncing", null)] }
				: { status: "ok", data: [status("idle", new Date().toISOString())] };
		};
		(await screen.findByTestId("nav-inbox")).click();
		await waitFor(() =>
			expect(screen.getByTestId("mail-sync-status").textContent).toBe("Syncing…"),
		);
		// No event: only looking again can find out that the pass ended.
		await waitFor(
			() => expect(screen.getByTestId("mail-sync-status").textContent).toMatch(/^Synced/),
			{ timeout: 5000 },
		);
		const settled = reads;
		// Once idle, events alone keep it fresh: no more reads.
		await new Promise((r) => setTimeout(r, SYNCING_POLL_MS + 500));
		expect(reads).toBe(settled);
	}, 15_000);
});
