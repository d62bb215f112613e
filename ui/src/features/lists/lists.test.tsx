import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/renderApp";

const rows = () => screen.getAllByTestId("contact-row");
const names = () =>
	rows().map((r) => r.querySelector("td[data-field=name]")?.textContent?.slice(2) ?? "");
const rowOf = (name: string) => {
	const row = rows().find((r) => r.textContent?.includes(name));
	if (!row) throw new Error(`no row ${name}`);
	return row;
};
const cellOf = (name: string, field: string) => {
	const cell = rowOf(name).querySelector(`td[data-field="${field}"]`);
	if (!cell) throw new Error(`no ${field} cell for ${name}`);
	return cell as HTMLElement;
};
const change = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
/** The newest toast (older ones may still be showing). */
const lastToast = () => screen.getAllByTestId("toast").at(-1) as HTMLElement;

async function contacts() {
	const app = renderApp({ withSampleData: true, view: "contacts" });
	await waitFor(() => expect(rows()).toHaveLength(12));
	return app;
}

/** Fills the last rule of the filter builder. */
function setRule(field: string, op: string, value?: string) {
	const rule = screen.getAllByTestId("filter-rule").at(-1) as HTMLElement;
	change(within(rule).getByTestId("filter-field"), field);
	const again = screen.getAllByTestId("filter-rule").at(-1) as HTMLElement;
	change(within(again).getByTestId("filter-op"), op);
	if (value !== undefined) change(within(again).getByTestId("filter-value"), value);
}

describe("filter builder", () => {
	it("narrows by rules, matches all or any, and nests a group", async () => {
		await contacts();
		fireEvent.click(screen.getByTestId("filter-button"));
		fireEvent.click(screen.getByTestId("filter-add-rule"));
		setRule("city", "is", "austin");
		await waitFor(() => expect(rows()).toHaveLength(2));
		expect(names()).toEqual(["Margaret Hamilton", "Ada Lovelace"]);
		expect(screen.getByTestId("contacts-total").textContent).toBe("2");
		expect(screen.getByTestId("filter-button").textContent).toContain("1");

		// Any of two cities.
		fireEvent.click(screen.getByTestId("filter-add-rule"));
		setRule("city", "is", "London");
		change(screen.getAllByTestId("filter-conjunction")[0] as HTMLElement, "or");
		await waitFor(() => expect(rows()).toHaveLength(4));

		// (Austin OR London) AND (a lead or a customer, by title "starts with"): a nested group.
		change(screen.getAllByTestId("filter-conjunction")[0] as HTMLElement, "and");
		await waitFor(() => expect(screen.queryByTestId("contact-row")).toBeNull());
		fireEvent.click(screen.getAllByTestId("filter-remove")[1] as HTMLElement);
		fireEvent.click(screen.getByTestId("filter-add-group"));
		setRule("title", "starts_with", "head");
		await waitFor(() => expect(names()).toEqual(["Ada Lovelace"]));
		const nested = screen.getAllByTestId("filter-group")[1] as HTMLElement;
		fireEvent.click(within(nested).getByTestId("filter-add-rule"));
		setRule("title", "contains", "product");
		await waitFor(() => expect(names()).toEqual(["Margaret Hamilton", "Ada Lovelace"]));

		// A rule still missing its value is left out rather than failing.
		fireEvent.click(screen.getAllByTestId("filter-add-rule")[0] as HTMLElement);
		setRule("lifecycle", "is");
		expect(names()).toEqual(["Margaret Hamilton", "Ada Lovelace"]);
	});

	it("filters by tag and by a custom field, and shows the core's message for a bad value", async () => {
		const { backend } = await contacts();
		fireEvent.click(screen.getByTestId("filter-button"));
		fireEvent.click(screen.getByTestId("filter-add-rule"));
		setRule("tags", "is_not_empty");
		// The sample tags a quarter of the people each with VIP, Partner or Newsletter.
		await waitFor(() => expect(rows().length).toBeLessThan(12));
		const tagged = rows().length;
		expect(rows().every((r) => within(r).queryAllByTestId("tag-chip").length > 0)).toBe(true);
		setRule("tags", "is_empty");
		await waitFor(() => expect(rows()).toHaveLength(12 - tagged));

		setRule("custom.preferred_channel", "is_empty");
		await waitFor(() => expect(rows()).toHaveLength(12));
		setRule("score", "gt", "lots");
		expect(await screen.findByTestId("filter-error")).toBeTruthy();
		expect(screen.getByTestId("filter-error").textContent).toContain("number");
		setRule("score", "gt", "40");
		await waitFor(() => expect(screen.queryByTestId("filter-error")).toBeNull());
		expect(
			await backend.commands.listCount("contact", { search: null, cursor: null, limit: null }),
		).toEqual({
			status: "ok",
			data: 12,
		});
	});
});

describe("saved views", () => {
	it("saves the filter and columns as a view, switches, renames, and deletes with undo", async () => {
		await contacts();
		fireEvent.click(screen.getByTestId("filter-button"));
		fireEvent.click(screen.getByTestId("filter-add-rule"));
		setRule("city", "is", "London");
		await waitFor(() => expect(rows()).toHaveLength(2));
		fireEvent.click(screen.getByTestId("columns-button"));
		fireEvent.click(screen.getByTestId("column-custom.preferred_channel"));
		fireEvent.click(screen.getByTestId("column-email"));
		expect(rowOf("Alan Turing").querySelector("td[data-field=email]")).toBeNull();
		expect(
			rowOf("Alan Turing").querySelector('td[data-field="custom.preferred_channel"]'),
		).toBeTruthy();

		fireEvent.click(screen.getByTestId("view-save-as"));
		change(screen.getByTestId("view-name"), "Londoners");
		fireEvent.click(screen.getByTestId("view-name-save"));
		const tab = await screen.findByTestId("view-tab");
		expect(tab.textContent).toBe("Londoners");
		expect(tab.getAttribute("aria-selected")).toBe("true");
		expect(screen.queryByTestId("view-save")).toBeNull();

		// "All" shows everyone with the default columns; the view brings its filter and columns back.
		fireEvent.click(screen.getByTestId("view-tab-all"));
		await waitFor(() => expect(rows()).toHaveLength(12));
		expect(rowOf("Alan Turing").querySelector("td[data-field=email]")).toBeTruthy();
		fireEvent.click(screen.getByTestId("view-tab"));
		await waitFor(() => expect(rows()).toHaveLength(2));
		expect(rowOf("Alan Turing").querySelector("td[data-field=email]")).toBeNull();

		// A name already taken is refused in the popover.
		fireEvent.click(screen.getByTestId("sort-name"));
		fireEvent.click(screen.getByTestId("view-save-as"));
		change(screen.getByTestId("view-name"), "londoners");
		fireEvent.click(screen.getByTestId("view-name-save"));
		expect((await screen.findByTestId("view-name-error")).textContent).toContain("already a view");
		fireEvent.keyDown(screen.getByTestId("view-name"), { key: "Escape" });
		// Saving the changed sort into the view itself.
		fireEvent.click(screen.getByTestId("view-save"));
		await waitFor(() => expect(screen.queryByTestId("view-save")).toBeNull());

		fireEvent.click(screen.getByTestId("view-menu"));
		fireEvent.click(screen.getByTestId("view-rename"));
		change(screen.getByTestId("view-name"), "London people");
		fireEvent.click(screen.getByTestId("view-name-save"));
		await waitFor(() => expect(screen.getByTestId("view-tab").textContent).toBe("London people"));

		fireEvent.click(screen.getByTestId("view-menu"));
		fireEvent.click(screen.getByTestId("view-delete"));
		await waitFor(() => expect(screen.queryByTestId("view-tab")).toBeNull());
		expect(screen.getByTestId("view-tab-all").getAttribute("aria-selected")).toBe("true");
		await waitFor(() => expect(rows()).toHaveLength(12));
		fireEvent.click(within(lastToast()).getByTestId("toast-undo"));
		expect((await screen.findByTestId("view-tab")).textContent).toBe("London people");
	});
});

describe("bulk bar", () => {
	it("sets a field on the selected contacts, and Undo puts back each one's own value", async () => {
		await contacts();
		fireEvent.click(within(rowOf("Ada Lovelace")).getByTestId("row-select"));
		fireEvent.click(within(rowOf("Alan Turing")).getByTestId("row-select"));
		expect(screen.getByTestId("bulk-count").textContent).toBe("2 contacts selected");
		fireEvent.click(screen.getByTestId("bulk-set"));
		change(screen.getByTestId("bulk-field"), "city");
		change(screen.getByTestId("bulk-value"), "Paris");
		fireEvent.click(screen.getByTestId("bulk-apply"));
		await waitFor(() => expect(cellOf("Ada Lovelace", "city").textContent).toBe("Paris"));
		expect(cellOf("Alan Turing", "city").textContent).toBe("Paris");
		expect(cellOf("Grace Hopper", "city").textContent).toBe("Springfield");
		const toast = lastToast();
		expect(toast.textContent).toContain("Updated City on 2 contacts");
		fireEvent.click(within(toast).getByTestId("toast-undo"));
		await waitFor(() => expect(cellOf("Ada Lovelace", "city").textContent).toBe("Austin"));
		expect(cellOf("Alan Turing", "city").textContent).toBe("London");
	});

	it("adds a new tag to many, selects all that match, and deletes with undo", async () => {
		const { backend } = renderApp({ view: "contacts" });
		for (let i = 0; i < 130; i++)
			backend.seedContact({ first_name: "P", last_name: `N${String(i).padStart(3, "0")}` });
		backend.emit({ type: "data_changed", entity: "contact", ids: [] });
		await waitFor(() => expect(screen.getByTestId("contacts-total").textContent).toBe("130"));
		fireEvent.click(screen.getByTestId("select-all-loaded"));
		expect(screen.getByTestId("bulk-count").textContent).toBe("100 contacts selected");
		fireEvent.click(screen.getByTestId("select-all-matching"));
		expect(screen.getByTestId("bulk-count").textContent).toBe("130 contacts selected");
		fireEvent.click(screen.getByTestId("bulk-add-tag"));
		change(screen.getByTestId("tag-picker-input"), "Conference");
		fireEvent.click(screen.getByTestId("tag-create"));
		await waitFor(() =>
			expect(lastToast().textContent).toContain("Tagged 130 contacts Conference"),
		);
		await waitFor(() =>
			expect(within(rows()[0] as HTMLElement).getByTestId("tag-chip").textContent).toBe(
				"Conference",
			),
		);

		fireEvent.click(screen.getByTestId("bulk-delete"));
		await waitFor(() => expect(screen.getByTestId("contacts-total").textContent).toBe("0"));
		expect(screen.queryByTestId("bulk-bar")).toBeNull();
		fireEvent.click(within(lastToast()).getByTestId("toast-undo"));
		await waitFor(() => expect(screen.getByTestId("contacts-total").textContent).toBe("130"));
	});
});

describe("inline edit", () => {
	it("edits a cell in the table through the core's edit path", async () => {
		await contacts();
		fireEvent.doubleClick(cellOf("Grace Hopper", "city"));
		const input = screen.getByTestId("cell-input");
		change(input, "Arlington");
		fireEvent.keyDown(input, { key: "Enter" });
		await waitFor(() => expect(cellOf("Grace Hopper", "city").textContent).toBe("Arlington"));
		expect(screen.queryByTestId("contact-dialog")).toBeNull();
		fireEvent.doubleClick(cellOf("Grace Hopper", "lifecycle"));
		change(screen.getByTestId("cell-input"), "lead");
		fireEvent.keyDown(screen.getByTestId("cell-input"), { key: "Enter" });
		await waitFor(() => expect(cellOf("Grace Hopper", "lifecycle").textContent).toContain("Lead"));
	});

	it("shows the core's refusal at the cell and saves nothing", async () => {
		renderApp({ withSampleData: true, view: "deals" });
		await waitFor(() => expect(screen.getAllByTestId("deal-row")).toHaveLength(8));
		const row = screen
			.getAllByTestId("deal-row")
			.find((r) => r.textContent?.includes("Umbrella pilot"));
		const cell = row?.querySelector("td[data-field=value]") as HTMLElement;
		fireEvent.doubleClick(cell);
		change(screen.getByTestId("cell-input"), "-5");
		fireEvent.keyDown(screen.getByTestId("cell-input"), { key: "Enter" });
		expect((await screen.findByTestId("cell-error")).textContent).toContain("cannot be negative");
		fireEvent.keyDown(screen.getByTestId("cell-input"), { key: "Escape" });
		expect(screen.queryByTestId("cell-editor")).toBeNull();
		expect(cell.textContent).toBe("$12,000");
	});
});

describe("deals list", () => {
	it("lists every deal, narrows by status, and opens a deal's panel", async () => {
		renderApp({ withSampleData: true, view: "deals" });
		await waitFor(() => expect(screen.getAllByTestId("deal-row")).toHaveLength(8));
		expect(screen.getByTestId("deals-total").textContent).toBe("8");
		change(screen.getByTestId("deals-status"), "won");
		expect(await screen.findByText("No matches")).toBeTruthy();
		change(screen.getByTestId("deals-status"), "open");
		await waitFor(() => expect(screen.getAllByTestId("deal-row")).toHaveLength(8));
		fireEvent.click(screen.getByTestId("sort-value"));
		await waitFor(() =>
			expect(screen.getAllByTestId("deal-row")[0]?.textContent).toContain("Globex line automation"),
		);
		fireEvent.click(screen.getAllByTestId("deal-row")[0] as HTMLElement);
		expect(await screen.findByTestId("deal-panel")).toBeTruthy();
	});
});

describe("tag editor", () => {
	it("adds and removes a contact's tags from its panel, and the row shows them", async () => {
		await contacts();
		fireEvent.click(rowOf("Barbara Liskov"));
		const dialog = await screen.findByTestId("contact-dialog");
		const editor = within(dialog).getByTestId("tag-editor");
		const before = within(editor).queryAllByTestId("tag-chip").length;
		fireEvent.click(within(editor).getByTestId("tag-add"));
		change(screen.getByTestId("tag-picker-input"), "Key account");
		fireEvent.keyDown(screen.getByTestId("tag-picker-input"), { key: "Enter" });
		await waitFor(() =>
			expect(within(editor).queryAllByTestId("tag-chip")).toHaveLength(before + 1),
		);
		await waitFor(() => expect(rowOf("Barbara Liskov").textContent).toContain("Key account"));
		const chip = within(editor)
			.getAllByTestId("tag-chip")
			.find((c) => c.textContent?.includes("Key account"));
		fireEvent.click(within(chip as HTMLElement).getByTestId("tag-remove"));
		await waitFor(() => expect(rowOf("Barbara Liskov").textContent).not.toContain("Key account"));
	});
});

describe("sorting contacts by email and company", () => {
	it("orders the rows by the column clicked, then reverses", async () => {
		await contacts();
		const column = (field: string) =>
			rows().map((r) => r.querySelector(`td[data-field="${field}"]`)?.textContent ?? "");
		const sorted = (values: string[]) =>
			[...values].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
		for (const field of ["email", "company"]) {
			fireEvent.click(screen.getByTestId(`sort-${field}`));
			await waitFor(() => expect(column(field)).toEqual(sorted(column(field))));
			const ascending = column(field);
			expect(new Set(ascending).size).toBeGreaterThan(3);
			fireEvent.click(screen.getByTestId(`sort-${field}`));
			await waitFor(() => expect(column(field)).toEqual([...ascending].reverse()));
		}
	});
});
