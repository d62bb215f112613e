import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/renderApp";
import { formatMoney, formatTotals } from "./money";

describe("pipeline", () => {
	it("shows open stages with their deal counts and summed values", async () => {
		renderApp({ withSampleData: true, view: "pipeline" });
		await waitFor(() => expect(screen.getAllByTestId("pipeline-column")).toHaveLength(4));
		const proposal = screen.getByRole("region", { name: "Proposal" });
		expect(within(proposal).getAllByTestId("deal-card")).toHaveLength(2);
		// Globex 125,000 + Initech seats 18,000
		expect(proposal.querySelector(".column-sum")?.textContent).toBe(formatMoney(14_300_000, "USD"));
		expect(screen.getAllByTestId("deal-card")).toHaveLength(8);
	});

	it("never adds amounts in different currencies", () => {
		const text = formatTotals([
			{ value_cents: 100_00, currency: "USD" },
			{ value_cents: 50_00, currency: "EUR" },
			{ value_cents: 25_00, currency: "USD" },
		]);
		expect(text).toBe(`${formatMoney(125_00, "USD")} + ${formatMoney(50_00, "EUR")}`);
	});
});
