import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";
import { formatMoney } from "./money";
import { parseAmountToCents } from "./NewDealDialog";

const column = (name: string) => screen.getByRole("region", { name });

function type(testId: string, value: string) {
	fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

async function openBoard() {
	const app = renderApp({ withSampleData: true, view: "pipeline" });
	await waitFor(() => expect(screen.getAllByTestId("deal-card")).toHaveLength(8));
	return app;
}

describe("new deal", () => {
	it("creates a deal that appears on the board with the column's count and sum updated", async () => {
		const { backend } = await openBoard();
		const discovery = column("Discovery");
		expect(within(discovery).getByTestId("column-count").textContent).toBe("2");
		expect(within(discovery).getByTestId("column-sum").textContent).toBe(
			formatMoney(10_000_000, "USD"),
		);

		fireEvent.click(screen.getByTestId("new-deal"));
		type("deal-title", "Wayne retrofit");
		type("deal-value", "12,500.50");
		const stage = screen.getByTestId("deal-stage") as HTMLSelectElement;
		const option = [...stage.options].find((o) => o.textContent === "Discovery");
		fireEvent.change(stage, { target: { value: option?.value } });
		type("deal-close", "2026-12-15");
		fireEvent.click(screen.getByTestId("deal-save"));

		await waitFor(() => expect(screen.getAllByTestId("deal-card")).toHaveLength(9));
		expect(screen.queryByTestId("deal-dialog")).toBeNull();
		expect(within(column("Discovery")).getByTestId("column-count").textContent).toBe("3");
		expect(within(column("Discovery")).getByTestId("column-sum").textContent).toBe(
			formatMoney(10_000_000 + 1_250_050, "USD"),
		);
		expect(within(column("Discovery")).getByText("Wayne retrofit")).toBeTruthy();
		const deals = await unwrap(backend.commands.dealsOpen(1));
		const created = deals.find((d) => d.title === "Wayne retrofit");
		expect(created).toMatchObject({
			value_cents: 1_250_050,
			currency: "USD",
			expected_close: "2026-12-15",
		});
	});

	it("shows the core's errors at their fields", async () => {
		await openBoard();
		fireEvent.click(screen.getByTestId("new-deal"));
		fireEvent.click(screen.getByTestId("deal-save"));
		expect((await screen.findByTestId("field-error-title")).textContent).toContain("title");

		type("deal-title", "Bad currency");
		type("deal-currency", "EU");
		fireEvent.click(screen.getByTestId("deal-save"));
		expect((await screen.findByTestId("field-error-currency")).textContent).toContain(
			"three-letter",
		);
		expect(screen.getAllByTestId("deal-card")).toHaveLength(8);
	});

	it("opens from the command palette", async () => {
		await openBoard();
		fireEvent.keyDown(window, { key: "k", ctrlKey: true });
		fireEvent.change(await screen.findByTestId("palette-input"), {
			target: { value: "new deal" },
		});
		const action = await waitFor(() => {
			const found = screen
				.queryAllByTestId("palette-item")
				.find((i) => i.dataset.action === "new-deal");
			if (!found) throw new Error("no New deal action");
			return found;
		});
		fireEvent.click(action);
		expect(await screen.findByTestId("deal-dialog")).toBeTruthy();
	});

	it("reads amounts the way people type them", () => {
		expect(parseAmountToCents("12,500")).toBe(1_250_000);
		expect(parseAmountToCents(" 99.9 ")).toBe(9990);
		expect(parseAmountToCents("")).toBe(0);
		expect(parseAmountToCents("ten")).toBeNull();
	});
});
