import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";
import { formatMoney } from "../pipeline/money";
import { monthLabel } from "./ReportsView";

describe("reports", () => {
	it("shows totals that match the core's open deals, and follows new deals", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "reports" });
		const root = await screen.findByTestId("dashboard");
		const deals = await unwrap(backend.commands.dealsOpen(1));
		const total = deals.reduce((n, d) => n + d.value_cents, 0);
		const weighted = deals.reduce(
			(n, d) => n + Math.round((d.value_cents * d.probability) / 100),
			0,
		);
		await waitFor(() =>
			expect(within(root).getByTestId("dash-pipeline-total").textContent).toBe(
				formatMoney(total, "USD"),
			),
		);
		expect(total).toBe(35_300_000);
		expect(within(root).getByTestId("dash-weighted-total").textContent).toBe(
			formatMoney(weighted, "USD"),
		);
		const stages = within(root).getAllByTestId("dash-stage");
		expect(stages.map((s) => s.textContent?.split("$")[0])).toEqual([
			"Qualified2",
			"Discovery2",
			"Proposal2",
			"Negotiation2",
		]);
		expect(within(root).getByTestId("dash-overdue-count").textContent).toBe("1");
		expect(within(root).getByTestId("dash-win-rate").textContent).toBe("—");
		// Sample deals have no close date yet.
		expect(within(root).getByTestId("dash-forecast").textContent).toContain("No date");

		await unwrap(
			backend.commands.dealCreate({
				title: "Big one",
				pipeline_id: null,
				stage_id: null,
				company_id: null,
				contact_id: null,
				value_cents: 1_000_000,
				currency: "usd",
				probability: 50,
				expected_close: "2026-12-20",
			}),
		);
		await waitFor(() =>
			expect(within(root).getByTestId("dash-pipeline-total").textContent).toBe(
				formatMoney(total + 1_000_000, "USD"),
			),
		);
		expect(within(root).getByTestId("dash-forecast").textContent).toContain(monthLabel("2026-12"));
		expect(within(root).getByTestId("dash-forecast").textContent).toContain(
			formatMoney(500_000, "USD"),
		);

		fireEvent.click(within(root).getByTestId("dash-overdue"));
		expect(await screen.findByTestId("task-bucket-overdue")).toBeTruthy();
	});

	it("has an empty state when there are no deals", async () => {
		const { backend } = renderApp({ view: "reports" });
		await screen.findByTestId("first-run");
		await unwrap(
			backend.commands.companyCreate({
				name: "Lonely Co",
				website: null,
				industry: null,
				size: null,
				phone: null,
				city: null,
				country: null,
				description: null,
			}),
		);
		expect(await screen.findByTestId("dashboard-empty")).toBeTruthy();
		expect(screen.getByTestId("dashboard")).toBeTruthy();
	});
});
