import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Value } from "../../bindings";
import { DataTable } from "./DataTable";
import { toggleLoaded, toggleRow } from "./selection";
import { type Column, noSelection, type Selection, type Sort } from "./types";

type Row = { id: number; name: string; city: string | null; size: number };

const rows: Row[] = Array.from({ length: 5000 }, (_, i) => ({
	id: i + 1,
	name: `Row ${i}`,
	city: i % 2 ? "Oslo" : null,
	size: i,
}));

const columns: Column<Row>[] = [
	{ id: "name", header: "Name", width: 200, primary: true, sortKey: "name", render: (r) => r.name },
	{
		id: "city",
		header: "City",
		width: 150,
		sortKey: "city",
		render: (r) => r.city,
		edit: { kind: "text", options: [], value: (r) => r.city },
	},
	{
		id: "size",
		header: "Size",
		width: 90,
		numeric: true,
		sortKey: "size",
		descFirst: true,
		render: (r) => r.size,
	},
];

function Harness(props: {
	onOpen?: (r: Row) => void;
	onSort?: (s: Sort) => void;
	onEdit?: (r: Row, c: Column<Row>, v: Value) => Promise<void>;
	onLoadMore?: () => void;
	hasMore?: boolean;
	data?: Row[];
}) {
	const [sort, setSort] = useState<Sort>({ field: "name", desc: false });
	const [selection, setSelection] = useState<Selection>(noSelection);
	return (
		<>
			<span data-testid="selected">{[...selection.ids].sort((a, b) => a - b).join(",")}</span>
			<DataTable
				rows={props.data ?? rows}
				columns={columns}
				getId={(r) => r.id}
				rowLabel={(r) => r.name}
				rowTestId="row"
				label="Things"
				hasMore={props.hasMore ?? false}
				loadingMore={false}
				onLoadMore={props.onLoadMore ?? (() => {})}
				sort={sort}
				onSort={(s) => {
					setSort(s);
					props.onSort?.(s);
				}}
				onOpen={props.onOpen ?? (() => {})}
				selection={selection}
				onSelectionChange={setSelection}
				onEdit={props.onEdit ?? (async () => {})}
			/>
		</>
	);
}

const table = () => screen.getByRole("table", { name: "Things" });
const rowNames = () =>
	screen.getAllByTestId("row").map((r) => r.querySelector("td[data-field=name]")?.textContent);

describe("DataTable", () => {
	it("renders a window of rows, not all 5,000, and moves the window on scroll", () => {
		render(<Harness />);
		const shown = screen.getAllByTestId("row");
		expect(shown.length).toBeGreaterThan(15);
		expect(shown.length).toBeLessThan(50);
		expect(rowNames()[0]).toBe("Row 0");
		const scroller = screen.getByTestId("data-table");
		scroller.scrollTop = 2000 * 36;
		fireEvent.scroll(scroller);
		expect(rowNames()).toContain("Row 2000");
		expect(rowNames()).not.toContain("Row 0");
		expect(screen.getAllByTestId("row").length).toBeLessThan(50);
	});

	it("asks for the next page when the loader row comes into view", () => {
		const onLoadMore = vi.fn();
		render(<Harness data={rows.slice(0, 10)} hasMore onLoadMore={onLoadMore} />);
		expect(onLoadMore).toHaveBeenCalled();
		expect(screen.getByText("Loading more…")).toBeTruthy();
	});

	it("sorts by a header: text first A to Z, numbers largest first, a second click flips", () => {
		const onSort = vi.fn();
		render(<Harness onSort={onSort} />);
		const name = screen.getByTestId("sort-name").closest("th");
		expect(name?.getAttribute("aria-sort")).toBe("ascending");
		fireEvent.click(screen.getByTestId("sort-name"));
		expect(onSort).toHaveBeenLastCalledWith({ field: "name", desc: true });
		expect(name?.getAttribute("aria-sort")).toBe("descending");
		fireEvent.click(screen.getByTestId("sort-size"));
		expect(onSort).toHaveBeenLastCalledWith({ field: "size", desc: true });
		fireEvent.click(screen.getByTestId("sort-city"));
		expect(onSort).toHaveBeenLastCalledWith({ field: "city", desc: false });
	});

	it("moves with the arrows and opens the active row with Enter", () => {
		const onOpen = vi.fn();
		render(<Harness onOpen={onOpen} />);
		table().focus();
		fireEvent.keyDown(table(), { key: "ArrowDown" });
		fireEvent.keyDown(table(), { key: "ArrowDown" });
		fireEvent.keyDown(table(), { key: "ArrowDown" });
		fireEvent.keyDown(table(), { key: "ArrowUp" });
		expect(screen.getAllByTestId("row")[1]?.className).toContain("row-active");
		fireEvent.keyDown(table(), { key: "Enter" });
		expect(onOpen).toHaveBeenCalledWith(rows[1]);
		// End goes to the last row, far outside the first window, and scrolls it into view.
		fireEvent.keyDown(table(), { key: "End" });
		fireEvent.keyDown(table(), { key: "Enter" });
		expect(onOpen).toHaveBeenLastCalledWith(rows[4999]);
	});

	it("edits a cell in place: Enter saves through onEdit, Escape cancels, a refusal shows at the cell", async () => {
		const onEdit = vi
			.fn<(r: Row, c: Column<Row>, v: Value) => Promise<void>>()
			.mockRejectedValueOnce(new Error("City is too long."))
			.mockResolvedValue(undefined);
		const onOpen = vi.fn();
		render(<Harness onEdit={onEdit} onOpen={onOpen} />);
		table().focus();
		fireEvent.keyDown(table(), { key: "ArrowDown" });
		fireEvent.keyDown(table(), { key: "ArrowRight" });
		fireEvent.keyDown(table(), { key: "Enter" });
		expect(onOpen).not.toHaveBeenCalled();
		const input = screen.getByTestId("cell-input") as HTMLInputElement;
		expect(input.value).toBe("");
		fireEvent.change(input, { target: { value: "Bergen" } });
		fireEvent.keyDown(input, { key: "Enter" });
		expect(await screen.findByTestId("cell-error")).toBeTruthy();
		expect(screen.getByTestId("cell-error").textContent).toBe("City is too long.");
		expect(screen.getByTestId("cell-editor")).toBeTruthy();
		fireEvent.keyDown(input, { key: "Enter" });
		await waitFor(() => expect(screen.queryByTestId("cell-editor")).toBeNull());
		expect(onEdit).toHaveBeenLastCalledWith(rows[0], columns[1], "Bergen");

		// Double-click edits too; Escape leaves without saving.
		const cell = screen.getAllByTestId("row")[1]?.querySelector("td[data-field=city]");
		if (!cell) throw new Error("no cell");
		fireEvent.doubleClick(cell);
		fireEvent.change(screen.getByTestId("cell-input"), { target: { value: "Trondheim" } });
		fireEvent.keyDown(screen.getByTestId("cell-input"), { key: "Escape" });
		expect(screen.queryByTestId("cell-editor")).toBeNull();
		expect(onEdit).toHaveBeenCalledTimes(2);
		// A click on an editable cell picks it instead of opening the record; elsewhere it opens.
		fireEvent.click(cell);
		expect(onOpen).not.toHaveBeenCalled();
		const nameCell = screen.getAllByTestId("row")[1]?.querySelector("td[data-field=name]");
		if (nameCell) fireEvent.click(nameCell);
		expect(onOpen).toHaveBeenCalledWith(rows[1]);
	});

	it("selects rows with checkboxes, Shift-click ranges, Space and the header box", () => {
		render(<Harness />);
		const boxes = () => screen.getAllByTestId("row-select");
		fireEvent.click(boxes()[2] as HTMLElement);
		fireEvent.click(boxes()[5] as HTMLElement, { shiftKey: true });
		expect(screen.getByTestId("selected").textContent).toBe("3,4,5,6");
		fireEvent.click(boxes()[4] as HTMLElement);
		expect(screen.getByTestId("selected").textContent).toBe("3,4,6");
		table().focus();
		fireEvent.keyDown(table(), { key: "ArrowDown" });
		fireEvent.keyDown(table(), { key: " " });
		expect(screen.getByTestId("selected").textContent).toBe("1,3,4,6");
		fireEvent.click(screen.getByTestId("select-all-loaded"));
		expect(screen.getByTestId("selected").textContent?.split(",")).toHaveLength(5000);
		fireEvent.click(screen.getByTestId("select-all-loaded"));
		expect(screen.getByTestId("selected").textContent).toBe("");
		expect(
			within(screen.getAllByTestId("row")[0] as HTMLElement).getByTestId("row-select"),
		).toBeTruthy();
	});
});

describe("selection", () => {
	const order = [10, 11, 12, 13, 14];
	it("toggles, ranges from the anchor, and clears from the header", () => {
		let s = toggleRow(noSelection, order, 1, null, false);
		expect([...s.ids]).toEqual([11]);
		s = toggleRow(s, order, 3, 1, true);
		expect([...s.ids].sort()).toEqual([11, 12, 13]);
		// A range from an unselected anchor clears.
		s = toggleRow(s, order, 2, null, false);
		s = toggleRow(s, order, 3, 2, true);
		expect([...s.ids]).toEqual([11]);
		expect(toggleLoaded(s, order).ids.size).toBe(5);
		expect(toggleLoaded({ ids: new Set(order), all: false }, order).ids.size).toBe(0);
		expect(toggleRow({ ids: new Set(), all: true }, order, 0, null, false).ids.size).toBe(4);
	});
});
