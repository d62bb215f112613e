import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

const dialogs = vi.hoisted(() => ({
	chooseSpreadsheet: vi.fn<() => Promise<string | null>>(),
	chooseRejectsTarget: vi.fn<(file: string) => Promise<string | null>>(),
}));
vi.mock("./fileDialogs", () => ({
	importExtensions: ["xlsx", "csv"],
	dialogsAvailable: () => true,
	...dialogs,
}));

beforeEach(() => {
	dialogs.chooseSpreadsheet.mockReset();
	dialogs.chooseRejectsTarget.mockReset();
});

/** The Imports view with the wizard open on `path`, typed into the path field. */
async function openFile(path: string, options: { withSampleData?: boolean } = {}) {
	const app = renderApp({ view: "imports", ...options });
	fireEvent.click(await screen.findByTestId("import-start"));
	fireEvent.change(screen.getByTestId("import-path"), { target: { value: path } });
	fireEvent.click(screen.getByTestId("import-path-open"));
	return app;
}

const chip = (key: string) => screen.getByTestId(`import-count-${key}`).textContent ?? "";

describe("import wizard", () => {
	it("previews the file, and a mapping change previews again", async () => {
		const { backend } = await openFile("/home/rep/crm_export.xlsx");
		const preview = vi.spyOn(backend.commands, "importPreview");
		await waitFor(() => expect(chip("created")).toMatch(/^3 /));
		expect(chip("rejected")).toMatch(/^2 /);
		// The sheet picker lists the hidden sheet, marked.
		const sheet = screen.getByTestId("import-sheet") as HTMLSelectElement;
		expect([...sheet.options].map((o) => o.textContent)).toContain("Old list (hidden)");
		expect(screen.getAllByTestId("import-problem")[1]?.textContent).toContain("prospect");
		// The first rows as stored, with their action.
		const rows = screen.getAllByTestId("import-preview-row");
		expect(rows.map((r) => r.getAttribute("data-action"))).toEqual([
			"create",
			"create",
			"reject",
			"create",
			"reject",
		]);
		expect(rows[0]?.textContent).toContain("Lovelace");

		// Column 6 is "Lifecycle": ignoring it lets Annie's row ("prospect") in.
		preview.mockClear();
		const target = screen.getByTestId("import-target-6") as HTMLSelectElement;
		expect(target.value).toBe("lifecycle");
		fireEvent.change(target, { target: { value: "ignore" } });
		await waitFor(() => expect(chip("created")).toMatch(/^4 /));
		expect(chip("rejected")).toMatch(/^1 /);
		expect(preview).toHaveBeenCalledTimes(1);
		expect(preview.mock.calls[0]?.[0].mapping).toEqual({ "#6": "ignore" });
		expect((screen.getByTestId("import-run") as HTMLButtonElement).disabled).toBe(false);
		expect(screen.getByTestId("import-run").textContent).toContain("Import 5 rows");
	});

	it("shows a mapping mistake where the columns are, and blocks the import until it is fixed", async () => {
		await openFile("crm_export.xlsx");
		await waitFor(() => expect(chip("created")).toMatch(/^3 /));
		// "Notes" into Job title, which column 5 already fills.
		fireEvent.change(screen.getByTestId("import-target-7"), { target: { value: "title" } });
		expect((await screen.findByTestId("import-mapping-error")).textContent).toContain(
			"Two columns are mapped to “title”",
		);
		expect((screen.getByTestId("import-run") as HTMLButtonElement).disabled).toBe(true);
		fireEvent.change(screen.getByTestId("import-target-7"), { target: { value: "ignore" } });
		await waitFor(() => expect(screen.queryByTestId("import-mapping-error")).toBeNull());
		await waitFor(() =>
			expect((screen.getByTestId("import-run") as HTMLButtonElement).disabled).toBe(false),
		);
	});

	it("shows the core's message for a file it cannot read, and nothing else", async () => {
		await openFile("/home/rep/broken.xlsx");
		const alert = await screen.findByTestId("import-bad-file");
		expect(alert.textContent).toBe(
			"the workbook could not be opened (it is truncated or not really an .xlsx); open it in your spreadsheet app, save a copy and import that",
		);
		expect(screen.queryByTestId("import-run")).toBeNull();
		expect(screen.queryByTestId("import-column")).toBeNull();
	});

	it("uses the file dialog, and deals show stages the pipeline lacks", async () => {
		dialogs.chooseSpreadsheet.mockResolvedValue("/home/rep/crm_export.xlsx");
		renderApp({ view: "imports" });
		fireEvent.click(await screen.findByTestId("import-start"));
		fireEvent.click(screen.getByTestId("import-choose-file"));
		await waitFor(() => expect(screen.getByTestId("import-sheet")).toBeTruthy());
		expect((screen.getByTestId("import-path") as HTMLInputElement).value).toBe(
			"/home/rep/crm_export.xlsx",
		);
		fireEvent.change(screen.getByTestId("import-sheet"), { target: { value: "Deals" } });
		fireEvent.click(within(screen.getByTestId("import-entity-deals")).getByRole("radio"));
		const warning = await screen.findByTestId("import-unknown-stages");
		expect(warning.textContent).toContain("Verbal yes");
		expect(chip("created")).toMatch(/^2 /);
	});

	it("imports with progress, and Cancel leaves nothing behind", async () => {
		const { backend } = await openFile("large_export.csv");
		await waitFor(() => expect(chip("created")).toMatch(/^5,000 /));
		const run = screen.getByTestId("import-run");
		await waitFor(() => expect((run as HTMLButtonElement).disabled).toBe(false));
		fireEvent.click(run);
		const bar = await screen.findByTestId("import-progress");
		expect(bar.getAttribute("aria-valuemax")).toBe("5000");
		await waitFor(() => expect(Number(bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0));
		expect(screen.getByTestId("import-progress-text").textContent).toMatch(/rows\/s/);
		fireEvent.click(screen.getByTestId("import-cancel"));
		expect((await screen.findByTestId("import-notice")).textContent).toContain(
			"Import cancelled. Nothing was saved.",
		);
		expect(await unwrap(backend.commands.contactsCount(null))).toBe(0);
		// Back on the history, the cancelled attempt is listed.
		fireEvent.click(screen.getByTestId("import-back"));
		const row = await screen.findByTestId("import-row");
		expect(within(row).getByTestId("import-status").textContent).toBe("Cancelled");
	});

	it("imports, offers the rejected rows and undoes from the result", async () => {
		dialogs.chooseRejectsTarget.mockResolvedValue("/home/rep/rejected.csv");
		const { backend } = await openFile("crm_export.xlsx");
		await waitFor(() => expect(chip("created")).toMatch(/^3 /));
		fireEvent.click(screen.getByTestId("import-run"));
		const result = await screen.findByTestId("import-result");
		expect(within(result).getByTestId("import-count-created").textContent).toMatch(/^3 created/);
		expect(result.textContent).toContain("mary(at)langley");
		expect(await unwrap(backend.commands.contactsCount(null))).toBe(3);

		fireEvent.click(screen.getByTestId("import-result-download-rejects"));
		await waitFor(() =>
			expect(screen.getByTestId("toast").textContent).toContain(
				"Saved 2 rejected rows to /home/rep/rejected.csv.",
			),
		);
		expect(dialogs.chooseRejectsTarget).toHaveBeenCalledWith("crm_export.xlsx");

		fireEvent.click(screen.getByTestId("import-result-undo"));
		const confirm = await screen.findByTestId("undo-import");
		expect(confirm.textContent).toContain("removes the 3 contacts it created");
		fireEvent.click(screen.getByTestId("undo-import-confirm"));
		// Three people and the three companies added for them.
		expect((await screen.findByTestId("undo-import-summary")).textContent).toContain(
			"Removed 6 records",
		);
		expect(await unwrap(backend.commands.contactsCount(null))).toBe(0);
		fireEvent.click(within(screen.getByTestId("undo-import-result")).getByText("Close"));
		expect(screen.getByTestId("import-result").textContent).toContain("was undone");
		expect(screen.queryByTestId("import-result-undo")).toBeNull();
	});

	it("remembers a mapping for the next file with the same columns", async () => {
		await openFile("linkedin_connections.csv");
		await waitFor(() => expect(chip("merged")).toMatch(/^1 /));
		expect(screen.queryByTestId("import-preset")).toBeNull();
		// "Connected On" (column 7) is ignored by default; put it into the city, for the sake of the test.
		fireEvent.change(screen.getByTestId("import-target-7"), { target: { value: "city" } });
		await waitFor(() =>
			expect(screen.getAllByTestId("import-preview-row")[0]?.textContent).toContain("21 Nov 2026"),
		);
		await waitFor(() =>
			expect((screen.getByTestId("import-run") as HTMLButtonElement).disabled).toBe(false),
		);
		fireEvent.click(screen.getByTestId("import-run"));
		fireEvent.click(await screen.findByTestId("import-another"));
		fireEvent.change(screen.getByTestId("import-path"), {
			target: { value: "/elsewhere/linkedin_connections.csv" },
		});
		fireEvent.click(screen.getByTestId("import-path-open"));
		expect(await screen.findByTestId("import-preset")).toBeTruthy();
		expect((screen.getByTestId("import-target-7") as HTMLSelectElement).value).toBe("city");
		// The same people again: all matched and, by default, skipped.
		expect(chip("skipped")).toMatch(/^5 /);
	});
});
