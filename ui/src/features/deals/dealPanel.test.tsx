import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

async function renderBoard() {
	const app = renderApp({ withSampleData: true, view: "pipeline" });
	await waitFor(() => expect(screen.getAllByTestId("deal-card").length).toBeGreaterThan(0));
	return app;
}

const card = (title: string) => {
	const found = screen
		.getAllByTestId("deal-card")
		.find((c) => c.querySelector(".deal-title")?.textContent === title);
	if (!found) throw new Error(`no card ${title}`);
	return found;
};

const type = (testId: string, value: string) =>
	fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe("deal panel", () => {
	it("opens from a card with a click, showing fields, stage history and timeline", async () => {
		await renderBoard();
		fireEvent.click(card("Umbrella pilot"));
		const panel = await screen.findByTestId("deal-panel");
		expect(await within(panel).findByRole("heading", { name: "Umbrella pilot" })).toBeTruthy();
		expect(screen.getByTestId("deal-facts").textContent).toContain("Umbrella Health");
		expect(screen.getByTestId("deal-facts").textContent).toContain("(from the stage)");
		const history = await screen.findAllByTestId("stage-history-entry");
		expect(history[history.length - 1]?.textContent).toContain("Created in Qualified");
		expect(screen.getByTestId("timeline")).toBeTruthy();
	});

	it("opens from the keyboard with Enter on a focused card", async () => {
		await renderBoard();
		const c = card("Stark fleet tracking");
		c.focus();
		fireEvent.keyDown(c, { key: "Enter", code: "Enter" });
		expect(await screen.findByTestId("deal-details")).toBeTruthy();
		expect(screen.getByRole("heading", { name: "Stark fleet tracking" })).toBeTruthy();
	});

	it("edits a deal: errors at their fields, then the board shows the new value", async () => {
		const { backend } = await renderBoard();
		fireEvent.click(card("Umbrella pilot"));
		fireEvent.click(await screen.findByTestId("deal-edit"));
		type("deal-probability", "150");
		fireEvent.click(screen.getByTestId("deal-save"));
		expect((await screen.findByTestId("field-error-probability")).textContent).toContain(
			"0 to 100",
		);

		type("deal-title", "Umbrella pilot, phase 2");
		type("deal-probability", "65");
		type("deal-value", "30,000");
		fireEvent.click(screen.getByTestId("deal-save"));
		await screen.findByTestId("deal-details");
		await waitFor(() => expect(screen.getByTestId("deal-facts").textContent).toContain("65%"));
		expect(screen.getByTestId("deal-facts").textContent).toContain("set for this deal");
		await waitFor(() => expect(card("Umbrella pilot, phase 2").textContent).toContain("$30,000"));
		const deal = (await unwrap(backend.commands.dealsOpen(1))).find((d) =>
			d.title.startsWith("Umbrella pilot"),
		);
		expect(deal?.probability).toBe(65);
	});

	it("deletes a deal off the board, and Undo puts it back", async () => {
		const { backend } = await renderBoard();
		const before = screen.getAllByTestId("deal-card").length;
		fireEvent.click(card("Umbrella pilot"));
		fireEvent.click(await screen.findByTestId("deal-delete"));
		await waitFor(() => expect(screen.getAllByTestId("deal-card")).toHaveLength(before - 1));
		expect(screen.queryByTestId("deal-panel")).toBeNull();
		const dashboard = await unwrap(backend.commands.dashboard(null));
		expect(dashboard.by_stage.reduce((n, s) => n + s.count, 0)).toBe(before - 1);

		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(screen.getAllByTestId("deal-card")).toHaveLength(before));
	});

	it("renders a deal's custom fields in the edit form and shows the core's error there", async () => {
		const { backend } = await renderBoard();
		await unwrap(
			backend.commands.customFieldCreate({
				entity: "deal",
				label: "Seats",
				field_type: "number",
				options: [],
				required: true,
			}),
		);
		fireEvent.click(card("Umbrella pilot"));
		fireEvent.click(await screen.findByTestId("deal-edit"));
		fireEvent.click(await screen.findByTestId("deal-save"));
		expect((await screen.findByTestId("field-error-custom.seats")).textContent).toContain(
			"Seats is required",
		);
		type("custom-seats", "40");
		fireEvent.click(screen.getByTestId("deal-save"));
		await waitFor(() =>
			expect(screen.getByTestId("custom-value-seats").textContent).toContain("40"),
		);
	});
});
