import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

async function renderScoring() {
	const app = renderApp({ withSampleData: true, view: "settings" });
	const panel = await screen.findByTestId("scoring-settings");
	await waitFor(() =>
		expect(within(panel).getByTestId("scoring-status_points.qualified")).toBeTruthy(),
	);
	return { ...app, panel };
}

const field = (path: string) => screen.getByTestId(`scoring-${path}`) as HTMLInputElement;

describe("lead scoring settings", () => {
	it("shows the rules in effect and saves edits, which rescores everyone", async () => {
		const { backend } = await renderScoring();
		expect(field("status_points.engaged").value).toBe("20");
		expect(field("recency.half_life_days").value).toBe("14");
		expect(field("fit.company_sizes").value).toBe("51-200, 201-1000, 1000+");
		const save = screen.getByTestId("scoring-save") as HTMLButtonElement;
		expect(save.disabled).toBe(true); // nothing to save yet

		fireEvent.change(field("status_points.engaged"), { target: { value: "60" } });
		fireEvent.change(field("temperature.hot"), { target: { value: "60" } });
		fireEvent.click(save);

		expect(
			await screen.findByText("Scoring rules saved; every contact was rescored."),
		).toBeTruthy();
		const rules = await unwrap(backend.commands.scoringRules());
		expect(rules.status_points.engaged).toBe(60);
		// Katherine (engaged, referral, “Director”): 60 + 20 + 8 = 88, now hot.
		const leads = await unwrap(
			backend.commands.contactsList({
				search: "Katherine",
				cursor: null,
				limit: 5,
				lifecycle: "lead",
			}),
		);
		expect(leads.items[0]).toMatchObject({ score: 88, score_grade: "A", temperature: "hot" });
	});

	it("shows the core's error at the field it names and saves nothing", async () => {
		const { backend } = await renderScoring();
		fireEvent.change(field("grades.b"), { target: { value: "95" } });
		fireEvent.click(screen.getByTestId("scoring-save"));
		const error = await screen.findByTestId("field-error-grades.b");
		expect(error.textContent).toContain("A > B > C > D");
		expect(error.parentElement?.contains(field("grades.b"))).toBe(true);
		expect((await unwrap(backend.commands.scoringRules())).grades.b).toBe(65);

		// A field that is not a number is caught before it reaches the core.
		fireEvent.change(field("grades.b"), { target: { value: "" } });
		fireEvent.click(screen.getByTestId("scoring-save"));
		expect((await screen.findByTestId("field-error-grades.b")).textContent).toBe(
			"Enter a whole number.",
		);
	});

	it("adds a title keyword that then counts toward fit", async () => {
		const { backend } = await renderScoring();
		fireEvent.click(screen.getByTestId("scoring-add-keyword"));
		const keywords = screen.getAllByTestId("scoring-keyword");
		const points = screen.getAllByTestId("scoring-keyword-points");
		fireEvent.change(keywords[keywords.length - 1] as HTMLElement, { target: { value: "Buyer" } });
		fireEvent.change(points[points.length - 1] as HTMLElement, { target: { value: "30" } });
		fireEvent.click(screen.getByTestId("scoring-save"));
		await screen.findByText("Scoring rules saved; every contact was rescored.");
		const dennis = await unwrap(
			backend.commands.contactsList({ search: "Ritchie", cursor: null, limit: 5 }),
		);
		// Contacted 10 + event 12 + “Buyer” 30.
		expect(dennis.items[0]?.score).toBe(52);
	});
});
