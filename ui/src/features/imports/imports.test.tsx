import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ImportRequest } from "../../bindings";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

vi.mock("./fileDialogs", () => ({
	importExtensions: ["xlsx", "csv"],
	dialogsAvailable: () => true,
	chooseSpreadsheet: vi.fn(async () => null),
	chooseRejectsTarget: vi.fn(async () => "/tmp/rejected.csv"),
}));

const request = (path: string): ImportRequest => ({
	path,
	sheet: null,
	entity: "contacts",
	mapping: {},
	policy: "skip",
	header_row: null,
});

describe("Imports view", () => {
	it("explains what can be imported when there is no history, and opens the wizard", async () => {
		renderApp({ view: "imports" });
		const empty = await screen.findByTestId("imports-empty");
		for (const format of [".xlsx", ".ods", "CSV", ".vcf"])
			expect(empty.textContent).toContain(format);
		fireEvent.click(within(empty).getByTestId("import-start"));
		expect(await screen.findByTestId("import-wizard")).toBeTruthy();
		fireEvent.click(screen.getByTestId("import-back"));
		expect(await screen.findByTestId("imports-empty")).toBeTruthy();
	});

	it("lists past imports and undoes one after a confirm that says what goes", async () => {
		const app = renderApp({ view: "contacts" });
		const { commands } = app.backend;
		const run = await unwrap(commands.importRun(request("/tmp/linkedin_connections.csv")));
		// Someone edits an imported contact afterwards: the undo says so.
		await new Promise((r) => setTimeout(r, 5));
		const alan = (await unwrap(commands.contactsList({ search: "turing", cursor: null, limit: 5 })))
			.items[0];
		if (!alan) throw new Error("Alan was not imported");
		const detail = await unwrap(commands.contactGet(alan.id));
		await unwrap(
			commands.contactUpdate(alan.id, {
				...detail,
				title: "Mathematician",
				emails: detail.emails.map((e) => e.value),
				phones: detail.phones.map((p) => p.value),
				custom: {},
			}),
		);

		fireEvent.click(await screen.findByTestId("nav-imports"));
		const row = await screen.findByTestId("import-row");
		expect(row.getAttribute("data-import-id")).toBe(String(run.import_id));
		expect(row.textContent).toContain("linkedin_connections.csv");
		expect(within(row).getByTestId("import-status").textContent).toBe("Imported");
		expect(row.querySelector("[data-field=created]")?.textContent).toBe("4");
		// Nothing was rejected, so there is nothing to download.
		expect(within(row).queryByTestId("import-download-rejects")).toBeNull();

		fireEvent.click(within(row).getByTestId("import-undo"));
		const confirm = await screen.findByTestId("undo-import");
		expect(confirm.textContent).toContain("removes the 4 contacts it created");
		fireEvent.click(within(confirm).getByText("Cancel"));
		expect(screen.queryByTestId("undo-import")).toBeNull();
		expect(await unwrap(commands.contactsCount(null))).toBe(4);

		fireEvent.click(within(row).getByTestId("import-undo"));
		fireEvent.click(await screen.findByTestId("undo-import-confirm"));
		expect((await screen.findByTestId("undo-import-edited")).textContent).toContain(
			"1 record was edited after the import",
		);
		expect(await unwrap(commands.contactsCount(null))).toBe(0);
		fireEvent.click(within(screen.getByTestId("undo-import-result")).getByText("Close"));
		await waitFor(() =>
			expect(
				within(screen.getByTestId("import-row")).getByTestId("import-status").textContent,
			).toBe("Undone"),
		);
		expect(within(screen.getByTestId("import-row")).queryByTestId("import-undo")).toBeNull();
	});

	it("saves the rejected rows of a past import where the rep chooses", async () => {
		const app = renderApp({ view: "contacts" });
		await unwrap(app.backend.commands.importRun(request("crm_export.xlsx")));
		fireEvent.click(await screen.findByTestId("nav-imports"));
		fireEvent.click(await screen.findByTestId("import-download-rejects"));
		await waitFor(() =>
			expect(screen.getByTestId("toast").textContent).toContain(
				"Saved 2 rejected rows to /tmp/rejected.csv.",
			),
		);
	});
});
