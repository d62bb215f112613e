import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

async function openCompany(name: string) {
	const app = renderApp({ withSampleData: true, view: "companies" });
	await waitFor(() => expect(screen.getAllByTestId("company-row")).toHaveLength(6));
	const row = screen.getAllByTestId("company-row").find((r) => r.textContent?.includes(name));
	if (!row) throw new Error(`no ${name} row`);
	fireEvent.click(row);
	await screen.findByTestId("company-details");
	return app;
}

const type = (testId: string, value: string) =>
	fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe("company panel", () => {
	it("shows the company's facts, custom fields, people, deals and timeline", async () => {
		await openCompany("Initech");
		const dialog = screen.getByTestId("company-dialog");
		expect(within(dialog).getByRole("heading", { name: "Initech" })).toBeTruthy();
		expect(screen.getByTestId("company-facts").textContent).toContain("Software");
		// The sample defines an "Employees" number field for companies, unanswered here.
		expect((await screen.findByTestId("custom-value-employees")).textContent).toContain("—");
		const people = await screen.findAllByTestId("company-contact");
		expect(people.map((p) => p.textContent)).toEqual([
			expect.stringContaining("Margaret Hamilton"),
			expect.stringContaining("Ada Lovelace"),
		]);
		const deals = screen.getAllByTestId("company-deal").map((d) => d.textContent);
		expect(deals).toHaveLength(2);
		expect(deals.join()).toContain("Initech platform renewal");
		expect(screen.getByTestId("timeline")).toBeTruthy();
	});

	it("edits a company, with the core's errors at their fields, and the list follows", async () => {
		const { backend } = await openCompany("Initech");
		fireEvent.click(screen.getByTestId("company-edit"));
		type("company-name", "Initech Global");
		type("custom-employees", "a few hundred");
		fireEvent.click(screen.getByTestId("company-save"));

		const error = await screen.findByTestId("field-error-custom.employees");
		expect(error.textContent).toContain("must be a number");
		expect(screen.getByTestId("custom-employees").getAttribute("aria-invalid")).toBe("true");
		const page = await unwrap(
			backend.commands.companiesList({ search: "initech", cursor: null, limit: 10 }),
		);
		// Nothing was saved.
		expect(page.items[0]?.name).toBe("Initech");

		type("custom-employees", "350");
		expect(screen.queryByTestId("field-error-custom.employees")).toBeNull();
		type("company-website", "globex.example");
		fireEvent.click(screen.getByTestId("company-save"));
		expect((await screen.findByTestId("field-error-website")).textContent).toContain(
			"already exists",
		);

		type("company-website", "initech.example");
		fireEvent.click(screen.getByTestId("company-save"));
		await screen.findByTestId("company-details");
		await waitFor(() =>
			expect(screen.getByTestId("custom-value-employees").textContent).toContain("350"),
		);
		await waitFor(() =>
			expect(
				screen.getAllByTestId("company-row").some((r) => r.textContent?.includes("Initech Global")),
			).toBe(true),
		);
	});

	it("deletes a company with undo; its contacts stay", async () => {
		const { backend } = await openCompany("Globex");
		fireEvent.click(screen.getByTestId("company-delete"));
		await waitFor(() => expect(screen.getAllByTestId("company-row")).toHaveLength(5));
		expect(screen.queryByTestId("company-dialog")).toBeNull();
		expect((await unwrap(backend.commands.trashList(50))).total).toBe(1);
		const people = await unwrap(
			backend.commands.contactsList({ search: "grace", cursor: null, limit: 5 }),
		);
		expect(people.items[0]?.company_name).toBe("Globex Corporation");

		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(screen.getAllByTestId("company-row")).toHaveLength(6));
		expect((await unwrap(backend.commands.trashList(50))).total).toBe(0);
	});

	it("creates a company from the toolbar", async () => {
		renderApp({ withSampleData: true, view: "companies" });
		fireEvent.click(await screen.findByTestId("new-company"));
		fireEvent.click(screen.getByTestId("company-save"));
		expect((await screen.findByTestId("field-error-name")).textContent).toContain("needs a name");
		type("company-name", "Acme Rockets");
		type("company-website", "https://www.acme-rockets.example/about");
		fireEvent.click(screen.getByTestId("company-save"));
		await waitFor(() => expect(screen.getAllByTestId("company-row")).toHaveLength(7));
		const row = screen.getAllByTestId("company-row").find((r) => r.textContent?.includes("Acme"));
		expect(row?.textContent).toContain("acme-rockets.example");
	});
});
