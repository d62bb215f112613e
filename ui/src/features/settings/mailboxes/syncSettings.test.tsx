import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../../ipc/unwrap";
import { mailboxInput } from "../../../test/fixtures";
import { renderApp } from "../../../test/renderApp";
import { mergeFolders } from "./SyncSettings";

const base = mailboxInput();

async function openSync() {
	const rendered = renderApp({ view: "settings" });
	await screen.findByTestId("mailboxes-empty");
	const m = await unwrap(rendered.backend.commands.mailboxCreate(base));
	const row = await screen.findByTestId("mailbox-row");
	const toggle = within(row).getByTestId("mailbox-sync-toggle");
	expect(toggle.getAttribute("aria-expanded")).toBe("false");
	fireEvent.click(toggle);
	expect(toggle.getAttribute("aria-expanded")).toBe("true");
	const panel = await screen.findByTestId("mailbox-sync");
	return { ...rendered, mailbox: m, panel };
}

const folderBox = (panel: HTMLElement, name: string) =>
	within(panel)
		.getAllByTestId("mailbox-sync-folder")
		.find((b) => b.dataset.folder === name) as HTMLInputElement | undefined;

describe("Settings → Mailboxes → Sync", () => {
	it("syncs INBOX and Sent by default, other server folders only once turned on", async () => {
		const { backend, mailbox, panel } = await openSync();
		// The server's list arrives after the stored folders.
		await waitFor(() => expect(folderBox(panel, "Archive")).toBeDefined());
		expect(folderBox(panel, "INBOX")?.checked).toBe(true);
		expect(folderBox(panel, "Sent")?.checked).toBe(true);
		expect(folderBox(panel, "Archive")?.checked).toBe(false);
		expect(folderBox(panel, "Newsletters")?.checked).toBe(false);
		expect(panel.textContent).toContain("Inbox");

		fireEvent.click(folderBox(panel, "Archive") as HTMLInputElement);
		await waitFor(() => expect(folderBox(panel, "Archive")?.checked).toBe(true));
		fireEvent.click(folderBox(panel, "Sent") as HTMLInputElement);
		await waitFor(() => expect(folderBox(panel, "Sent")?.checked).toBe(false));

		const saved = await unwrap(backend.commands.mailSyncSettings(mailbox.id));
		const enabled = Object.fromEntries(saved.folders.map((f) => [f.name, f.enabled]));
		expect(enabled).toMatchObject({ INBOX: true, Archive: true, Sent: false });
		expect(enabled.Newsletters).toBeUndefined();
	});

	it("saves how far back a first sync reaches, and refuses a number out of range", async () => {
		const { backend, mailbox, panel } = await openSync();
		const days = within(panel).getByTestId("mailbox-sync-days") as HTMLInputElement;
		await waitFor(() => expect(days.value).toBe("90"));

		fireEvent.change(days, { target: { value: "30" } });
		fireEvent.keyDown(days, { key: "Enter" });
		await waitFor(async () =>
			expect((await unwrap(backend.commands.mailSyncSettings(mailbox.id))).sync_days).toBe(30),
		);
		expect(await screen.findByText("Work: first syncs reach back 30 days.")).toBeTruthy();

		fireEvent.change(days, { target: { value: "0" } });
		fireEvent.blur(days);
		expect((await screen.findByTestId("mailbox-sync-days-error")).textContent).toContain(
			"between 1 and 3650",
		);
		expect(days.getAttribute("aria-invalid")).toBe("true");
		expect((await unwrap(backend.commands.mailSyncSettings(mailbox.id))).sync_days).toBe(30);
	});

	it("keeps showing the stored folders when the server cannot be asked", async () => {
		const rendered = renderApp({ view: "settings" });
		await screen.findByTestId("mailboxes-empty");
		await unwrap(rendered.backend.commands.mailboxCreate(base));
		rendered.backend.commands.mailServerFolders = async () => ({
			status: "error",
			error: { code: "mail_connect", message: "imap.example.com is not reachable.", field: null },
		});
		fireEvent.click(await screen.findByTestId("mailbox-sync-toggle"));
		const panel = await screen.findByTestId("mailbox-sync");
		expect((await within(panel).findByTestId("mailbox-sync-server-error")).textContent).toContain(
			"not reachable",
		);
		expect(folderBox(panel, "INBOX")?.checked).toBe(true);
	});

	it("keeps a stored folder the server no longer lists, so it can be turned off", () => {
		const stored = [
			{ name: "INBOX", role: "inbox", enabled: true, last_synced_at: null },
			{ name: "Old", role: "other", enabled: true, last_synced_at: null },
		];
		const server = [
			{ name: "INBOX", role: "inbox", enabled: true, last_synced_at: null },
			{ name: "Archive", role: "other", enabled: false, last_synced_at: null },
		];
		expect(mergeFolders(stored, server).map((f) => [f.name, f.enabled])).toEqual([
			["INBOX", true],
			["Archive", false],
			["Old", true],
		]);
		expect(mergeFolders(stored, undefined)).toBe(stored);
	});
});
