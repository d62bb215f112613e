import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chooseBackupFile } from "../../ipc/nativeDialogs";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

vi.mock("../../ipc/nativeDialogs", () => ({
	dialogsAvailable: () => true,
	chooseBackupFile: vi.fn(),
	chooseExportTarget: vi.fn(),
}));
const chooseFile = vi.mocked(chooseBackupFile);

const backupRows = () => screen.queryAllByTestId("backup-row");
const kinds = () => backupRows().map((r) => r.getAttribute("data-kind"));
const lastToast = () => screen.getAllByTestId("toast").at(-1) as HTMLElement;

async function renderBackups() {
	const app = renderApp({ withSampleData: true, view: "settings" });
	await screen.findByTestId("backups-empty");
	return app;
}

async function backUpNow() {
	const before = backupRows().length;
	fireEvent.click(screen.getByTestId("backup-now"));
	await waitFor(() => expect(backupRows()).toHaveLength(before + 1));
}

beforeEach(() => chooseFile.mockReset());

describe("backups in Settings", () => {
	it("says where backups are kept, and “Back up now” adds one to the list", async () => {
		const { backend } = await renderBackups();
		expect(screen.getByTestId("backup-folder").textContent).toContain("next to your database");

		await backUpNow();
		expect(kinds()).toEqual(["manual"]);
		expect(lastToast().textContent).toMatch(/^Backed up to outpost-manual-.*\.db\./);
		const row = backupRows()[0] as HTMLElement;
		expect(row.textContent).toContain("Manual");
		expect(row.textContent).toContain("1 MB");
		// Once one exists, the folder is named.
		expect(within(screen.getByTestId("backup-folder")).getByText("/backups")).toBeTruthy();
		expect(await unwrap(backend.commands.backupsList())).toHaveLength(1);
	});

	it("restores only after confirming, then offers to undo with the before-restore backup", async () => {
		const { backend, queryClient } = await renderBackups();
		await backUpNow();
		const [manual] = await unwrap(backend.commands.backupsList());
		const restore = vi.spyOn(backend.commands, "backupRestore");
		const invalidate = vi.spyOn(queryClient, "invalidateQueries");

		// Cancel changes nothing.
		fireEvent.click(screen.getByTestId("backup-restore"));
		const dialog = await screen.findByTestId("restore-dialog");
		expect(within(dialog).getByTestId("restore-consequences").textContent).toContain(
			"is replaced by what this backup holds",
		);
		expect(dialog.textContent).toContain("“before restore” backup");
		fireEvent.click(within(dialog).getByText("Cancel"));
		await waitFor(() => expect(screen.queryByTestId("restore-dialog")).toBeNull());
		expect(restore).not.toHaveBeenCalled();

		fireEvent.click(screen.getByTestId("backup-restore"));
		fireEvent.click(await screen.findByTestId("restore-confirm"));
		await waitFor(() => expect(screen.queryByTestId("restore-dialog")).toBeNull());
		expect(restore).toHaveBeenCalledWith(manual?.path);
		// Everything may have changed: every query is refreshed.
		expect(invalidate).toHaveBeenCalledWith();
		await waitFor(() => expect(kinds()).toEqual(["before_restore", "manual"]));
		expect(lastToast().textContent).toContain("Restored the backup from");
		const safety = (await unwrap(backend.commands.backupsList())).find(
			(b) => b.kind === "before_restore",
		);

		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(restore).toHaveBeenCalledTimes(2));
		expect(restore).toHaveBeenLastCalledWith(safety?.path);
		await waitFor(() => expect(lastToast().textContent).toContain("Restore undone"));
		await waitFor(() => expect(backupRows()).toHaveLength(3));
	});

	it("restores from a picked file, and shows why a file that is not a backup is refused", async () => {
		const { backend } = await renderBackups();
		const restore = vi.spyOn(backend.commands, "backupRestore");

		// Closing the file dialog asks nothing.
		chooseFile.mockResolvedValue(null);
		fireEvent.click(screen.getByTestId("restore-file"));
		await waitFor(() => expect(chooseFile).toHaveBeenCalledTimes(1));
		expect(screen.queryByTestId("restore-dialog")).toBeNull();

		chooseFile.mockResolvedValue("/home/rep/Downloads/contacts.xlsx");
		fireEvent.click(screen.getByTestId("restore-file"));
		const dialog = await screen.findByTestId("restore-dialog");
		expect(dialog.textContent).toContain("Restore from contacts.xlsx?");
		fireEvent.click(within(dialog).getByTestId("restore-confirm"));
		const error = await within(dialog).findByTestId("restore-error");
		expect(error.textContent).toContain("is not a usable Outpost backup");
		expect(restore).toHaveBeenCalledWith("/home/rep/Downloads/contacts.xlsx");
		expect(screen.queryByTestId("toast-undo")).toBeNull();
		expect(backupRows()).toHaveLength(0);
	});
});
