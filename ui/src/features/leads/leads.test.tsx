import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

const rows = () => screen.getAllByTestId("lead-row");
const names = () => rows().map((r) => r.querySelector(".row-link")?.textContent);

async function renderLeads() {
	const app = renderApp({ withSampleData: true, view: "leads" });
	await waitFor(() => expect(rows()).toHaveLength(3));
	return app;
}

describe("leads view", () => {
	it("is in the sidebar and lists only leads, hottest first, with score, grade and temperature", async () => {
		await renderLeads();
		expect(screen.getByTestId("nav-leads").getAttribute("aria-current")).toBe("page");
		// Engaged + referral + “Director” (48) over contacted + event (22) over new + website + “Manager” (19).
		expect(names()).toEqual(["Katherine Johnson", "Dennis Ritchie", "Tim Berners"]);
		const top = rows()[0] as HTMLElement;
		expect(within(top).getByTestId("lead-score").textContent).toBe("48");
		expect(within(top).getByTitle("Grade D")).toBeTruthy();
		expect(within(top).getByTestId("temperature").textContent).toBe("Warm");
		expect(screen.getByTestId("leads-total").textContent).toBe("3");

		fireEvent.click(screen.getByTestId("leads-sort-name"));
		await waitFor(() =>
			expect(names()).toEqual(["Tim Berners", "Katherine Johnson", "Dennis Ritchie"]),
		);
	});

	it("filters by status and source, and explains when nothing matches", async () => {
		await renderLeads();
		fireEvent.change(screen.getByTestId("leads-filter-source"), { target: { value: "event" } });
		await waitFor(() => expect(names()).toEqual(["Dennis Ritchie"]));
		expect(screen.getByTestId("leads-total").textContent).toBe("1");

		fireEvent.change(screen.getByTestId("leads-filter-status"), { target: { value: "qualified" } });
		expect(await screen.findByTestId("leads-empty-filtered")).toBeTruthy();
		fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
		await waitFor(() => expect(rows()).toHaveLength(3));
	});

	it("saves a filter and sort as a view, switches back to All, and deletes the view with undo", async () => {
		const { backend } = await renderLeads();
		const change = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });
		fireEvent.click(screen.getByTestId("filter-button"));
		fireEvent.click(screen.getByTestId("filter-add-rule"));
		change(screen.getByTestId("filter-field"), "lead_source");
		change(screen.getByTestId("filter-op"), "any_of");
		const rule = screen.getByTestId("filter-rule");
		for (const source of ["Event", "Website"])
			fireEvent.click(within(rule).getByRole("checkbox", { name: source }));
		await waitFor(() => expect(names()).toEqual(["Dennis Ritchie", "Tim Berners"]));
		expect(screen.getByTestId("leads-total").textContent).toBe("2");
		fireEvent.click(screen.getByTestId("leads-sort-name"));
		await waitFor(() => expect(names()).toEqual(["Tim Berners", "Dennis Ritchie"]));

		fireEvent.click(screen.getByTestId("view-save-as"));
		change(screen.getByTestId("view-name"), "Events and web");
		fireEvent.click(screen.getByTestId("view-name-save"));
		const tab = await screen.findByTestId("view-tab");
		expect(tab.textContent).toBe("Events and web");
		const [saved] = await unwrap(backend.commands.savedViewsList("lead"));
		expect(saved).toMatchObject({ entity: "lead", sort: { field: "name", desc: false } });
		expect(JSON.stringify(saved?.filter)).toContain("lead_source");

		fireEvent.click(screen.getByTestId("view-tab-all"));
		await waitFor(() =>
			expect(names()).toEqual(["Katherine Johnson", "Dennis Ritchie", "Tim Berners"]),
		);
		fireEvent.click(screen.getByTestId("view-tab"));
		await waitFor(() => expect(names()).toEqual(["Tim Berners", "Dennis Ritchie"]));

		fireEvent.click(screen.getByTestId("view-menu"));
		fireEvent.click(screen.getByTestId("view-delete"));
		await waitFor(() => expect(screen.queryByTestId("view-tab")).toBeNull());
		await waitFor(() => expect(rows()).toHaveLength(3));
		fireEvent.click(screen.getAllByTestId("toast-undo").at(-1) as HTMLElement);
		expect((await screen.findByTestId("view-tab")).textContent).toBe("Events and web");
	});

	it("changes a lead's status inline and rescores it", async () => {
		const { backend } = await renderLeads();
		const tim = rows().find((r) => r.textContent?.includes("Tim Berners")) as HTMLElement;
		fireEvent.change(within(tim).getByTestId("lead-status-select"), {
			target: { value: "qualified" },
		});
		// Qualified 30 + website 10 + “Manager” 4 = 44: Tim climbs from last to second.
		await waitFor(() =>
			expect(names()).toEqual(["Katherine Johnson", "Tim Berners", "Dennis Ritchie"]),
		);
		expect(within(rows()[1] as HTMLElement).getByTestId("lead-score").textContent).toBe("44");
		expect(screen.queryByTestId("contact-dialog")).toBeNull(); // the select does not open the panel
		const page = await unwrap(
			backend.commands.contactsList({
				search: "Berners",
				cursor: null,
				limit: 5,
				lifecycle: "lead",
			}),
		);
		expect(page.items[0]?.lead_status).toBe("qualified");
	});

	it("opens the lead's panel with its score breakdown, and converts it from the row", async () => {
		await renderLeads();
		fireEvent.click(
			within(rows()[0] as HTMLElement).getByRole("button", { name: "Katherine Johnson" }),
		);
		const card = await screen.findByTestId("score-card");
		expect(within(card).getByTestId("score-factor-status").textContent).toContain("+20");
		expect(within(card).getByTestId("score-factor-source").textContent).toContain("Referral");
		expect(within(card).getByTestId("score-factor-fit").textContent).toContain("“Director”");
		fireEvent.keyDown(document, { key: "Escape" });
		await waitFor(() => expect(screen.queryByTestId("contact-dialog")).toBeNull());

		fireEvent.click(within(rows()[0] as HTMLElement).getByTestId("lead-convert"));
		fireEvent.click(await screen.findByTestId("convert-confirm"));
		// Converted: no longer a lead, so it leaves the list.
		await waitFor(() => expect(rows()).toHaveLength(2));
		expect(names()).not.toContain("Katherine Johnson");
	});

	it("says what leads are when there are none, and adds one as a lead", async () => {
		renderApp({ view: "leads" });
		// A new database opens on the welcome panel; past it, Leads explains itself.
		fireEvent.click(await screen.findByTestId("empty-start-blank"));
		fireEvent.click(await screen.findByTestId("nav-leads"));
		expect(await screen.findByTestId("leads-empty")).toBeTruthy();
		fireEvent.click(screen.getByTestId("new-lead"));
		expect((screen.getByTestId("contact-lifecycle") as HTMLSelectElement).value).toBe("lead");
		fireEvent.change(screen.getByTestId("contact-first-name"), { target: { value: "Nova" } });
		fireEvent.click(screen.getByTestId("contact-save"));
		await waitFor(() => expect(rows()).toHaveLength(1));
		expect(names()).toEqual(["Nova"]);
	});

	it("G then L comes here, and N here adds a lead", async () => {
		renderApp({ withSampleData: true, view: "companies" });
		await screen.findAllByTestId("company-row");
		fireEvent.keyDown(document.body, { key: "g" });
		fireEvent.keyDown(document.body, { key: "l" });
		await waitFor(() => expect(rows()).toHaveLength(3));
		fireEvent.keyDown(document.body, { key: "n" });
		expect(await screen.findByRole("heading", { name: "New lead" })).toBeTruthy();
		expect((screen.getByTestId("contact-lifecycle") as HTMLSelectElement).value).toBe("lead");
		expect(screen.getByTestId("nav-leads").getAttribute("aria-current")).toBe("page");
	});
});
