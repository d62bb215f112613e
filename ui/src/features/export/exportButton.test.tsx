import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chooseExportTarget } from "../../ipc/nativeDialogs";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";
import { exportFileName } from "./ExportButton";

vi.mock("../../ipc/nativeDialogs", () => ({
	dialogsAvailable: () => true,
	chooseBackupFile: vi.fn(),
	chooseExportTarget: vi.fn(),
}));
const chooseTarget = vi.mocked(chooseExportTarget);

const rows = () => screen.getAllByTestId("contact-row");
const change = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
const lastToast = () => screen.getAllByTestId("toast").at(-1) as HTMLElement;

async function contacts() {
	const app = renderApp({ withSampleData: true, view: "contacts" });
	await waitFor(() => expect(rows()).toHaveLength(12));
	return app;
}

function exportAs(format: "csv" | "xlsx") {
	fireEvent.click(screen.getByTestId("export-button"));
	fireEvent.click(screen.getByTestId(`export-${format}`));
}

beforeEach(() => chooseTarget.mockReset());

describe("export button", () => {
	it("exports the list as filtered and sorted to the chosen file and counts the rows", async () => {
		const { backend } = await contacts();
		const exportList = vi.spyOn(backend.commands, "exportList");
		fireEvent.click(screen.getByTestId("filter-button"));
		fireEvent.click(screen.getByTestId("filter-add-rule"));
		const rule = screen.getByTestId("filter-rule");
		change(within(rule).getByTestId("filter-field"), "city");
		const again = screen.getByTestId("filter-rule");
		change(within(again).getByTestId("filter-op"), "is");
		change(within(again).getByTestId("filter-value"), "London");
		await waitFor(() => expect(rows()).toHaveLength(2));
		// Name is the default sort; a second click turns it around.
		fireEvent.click(screen.getByTestId("sort-name"));

		chooseTarget.mockResolvedValue("/home/rep/Londoners.csv");
		exportAs("csv");

		expect(await screen.findByText("Exported 2 rows to /home/rep/Londoners.csv.")).toBeTruthy();
		expect(chooseTarget).toHaveBeenCalledWith(exportFileName("contact", "csv"), "csv");
		expect(chooseTarget.mock.calls[0]?.[0]).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(exportList).toHaveBeenCalledTimes(1);
		const [entity, query, format, path] = exportList.mock.calls[0] ?? [];
		expect([entity, format, path]).toEqual(["contact", "csv", "/home/rep/Londoners.csv"]);
		expect(query?.sort).toBe("name");
		expect(query?.desc).toBe(true);
		expect(query?.filter).toEqual({ and: [{ field: "city", op: "is", value: "London" }] });
		expect(query?.cursor).toBeNull();
		// The button is usable again once the export is done.
		expect((screen.getByTestId("export-button") as HTMLButtonElement).disabled).toBe(false);
	});

	it("adds the format's extension when the name was typed without it, and does nothing on cancel", async () => {
		const { backend } = await contacts();
		const exportList = vi.spyOn(backend.commands, "exportList");

		chooseTarget.mockResolvedValue(null);
		exportAs("xlsx");
		await waitFor(() => expect(chooseTarget).toHaveBeenCalledTimes(1));
		expect(chooseTarget.mock.calls[0]?.[1]).toBe("xlsx");
		expect(exportList).not.toHaveBeenCalled();

		chooseTarget.mockResolvedValue("/home/rep/everyone");
		exportAs("xlsx");
		expect(await screen.findByText("Exported 12 rows to /home/rep/everyone.xlsx.")).toBeTruthy();
		expect(exportList.mock.calls[0]?.[2]).toBe("xlsx");
		expect(exportList.mock.calls[0]?.[3]).toBe("/home/rep/everyone.xlsx");
	});

	it("exports leads as leads, with the view's status filter", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "leads" });
		await waitFor(() => expect(screen.getAllByTestId("lead-row").length).toBeGreaterThan(0));
		const exportList = vi.spyOn(backend.commands, "exportList");
		const fresh = await unwrap(
			backend.commands.contactsCountWhere({
				search: null,
				cursor: null,
				limit: null,
				lifecycle: "lead",
				lead_status: "new",
			}),
		);
		change(screen.getByTestId("leads-filter-status"), "new");
		await waitFor(() => expect(screen.getByTestId("leads-total").textContent).toBe(String(fresh)));

		chooseTarget.mockResolvedValue("/tmp/leads.csv");
		exportAs("csv");
		await waitFor(() => expect(lastToast().textContent).toContain("/tmp/leads.csv"));
		expect(chooseTarget.mock.calls[0]?.[0]).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
		const [entity, query] = exportList.mock.calls[0] ?? [];
		expect(entity).toBe("lead");
		expect(query?.lead_status).toBe("new");
		expect(query?.sort).toBe("score");
		expect(lastToast().textContent).toContain(`Exported ${fresh} `);
	});

	it("is busy while the core writes the file", async () => {
		const { backend } = await contacts();
		const real = backend.commands.exportList;
		let finish = () => {};
		const held = new Promise<void>((resolve) => {
			finish = resolve;
		});
		vi.spyOn(backend.commands, "exportList").mockImplementation(async (...args) => {
			await held;
			return real(...args);
		});
		chooseTarget.mockResolvedValue("/home/rep/all.csv");
		exportAs("csv");
		const button = screen.getByTestId("export-button") as HTMLButtonElement;
		await waitFor(() => expect(button.disabled).toBe(true));
		expect(button.textContent).toContain("Exporting…");
		finish();
		expect(await screen.findByText("Exported 12 rows to /home/rep/all.csv.")).toBeTruthy();
		expect(button.disabled).toBe(false);
		expect(button.textContent).toContain("Export");
	});

	it("shows the core's error when the export fails", async () => {
		const { backend } = await contacts();
		vi.spyOn(backend.commands, "exportList").mockResolvedValue({
			status: "error",
			error: { code: "io", message: "Could not write /readonly/contacts.csv", field: null },
		});
		chooseTarget.mockResolvedValue("/readonly/contacts.csv");
		exportAs("csv");
		expect(await screen.findByText("Could not write /readonly/contacts.csv")).toBeTruthy();
	});
});

describe("export file name", () => {
	it("names the list and the local day", () => {
		const day = new Date(2026, 10, 22, 23, 30);
		expect(exportFileName("contact", "csv", day)).toBe("contacts-2026-11-22.csv");
		expect(exportFileName("company", "xlsx", day)).toBe("companies-2026-11-22.xlsx");
	});
});
