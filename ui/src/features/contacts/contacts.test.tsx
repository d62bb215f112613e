import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

async function renderContacts() {
	const app = renderApp({ withSampleData: true, view: "contacts" });
	await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(12));
	return app;
}

function type(testId: string, value: string) {
	fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

const rowTexts = () => screen.getAllByTestId("contact-row").map((r) => r.textContent ?? "");

describe("contacts", () => {
	it("creates a contact that then appears in the list", async () => {
		await renderContacts();
		fireEvent.click(screen.getByTestId("new-contact"));
		type("contact-first-name", "Zora");
		type("contact-last-name", "Neale");
		type("contact-email", "zora@harlem.example");
		type("contact-phone", "+1 555 0199");
		type("contact-company", "Harlem Press");
		type("contact-title", "Editor");
		fireEvent.change(screen.getByTestId("contact-lifecycle"), { target: { value: "lead" } });
		expect(screen.getByTestId("contact-lead-status")).toBeTruthy();
		fireEvent.click(screen.getByTestId("contact-save"));

		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(13));
		const row = screen
			.getAllByTestId("contact-row")
			.find((r) => r.textContent?.includes("Zora Neale"));
		expect(row?.textContent).toContain("zora@harlem.example");
		expect(row?.textContent).toContain("Harlem Press");
		expect(row?.textContent).toContain("Lead");
		expect(screen.queryByTestId("contact-dialog")).toBeNull();
		expect(screen.getByTestId("contacts-total").textContent).toBe("13");
	});

	it("shows a backend validation error at the email field and keeps the dialog open", async () => {
		const { backend } = await renderContacts();
		fireEvent.click(screen.getByTestId("new-contact"));
		type("contact-first-name", "No");
		type("contact-email", "no-at-sign.example.com");
		fireEvent.click(screen.getByTestId("contact-save"));

		const error = await screen.findByTestId("field-error-emails");
		expect(error.textContent).toContain("not a valid email address");
		// The message sits inside the email field's own wrapper, not at the top of the form.
		expect(error.parentElement?.contains(screen.getByTestId("contact-email"))).toBe(true);
		expect(screen.getByTestId("contact-email").getAttribute("aria-invalid")).toBe("true");
		expect(screen.getByTestId("contact-dialog")).toBeTruthy();
		expect((screen.getByTestId("contact-first-name") as HTMLInputElement).value).toBe("No");
		expect(await unwrap(backend.commands.contactsCount(null))).toBe(12);

		// Fixing the field clears its error, and saving then succeeds.
		type("contact-email", "no@example.com");
		expect(screen.queryByTestId("field-error-emails")).toBeNull();
		fireEvent.click(screen.getByTestId("contact-save"));
		await waitFor(() => expect(screen.queryByTestId("contact-dialog")).toBeNull());
	});

	it("edits a contact from its row", async () => {
		await renderContacts();
		const row = screen
			.getAllByTestId("contact-row")
			.find((r) => r.textContent?.includes("Ada Lovelace"));
		if (!row) throw new Error("no Ada row");
		fireEvent.click(row);
		const title = (await screen.findByTestId("contact-title")) as HTMLInputElement;
		expect(title.value).toBe("Head of Engineering");
		type("contact-title", "Chief Analyst");
		fireEvent.click(screen.getByTestId("contact-save"));
		await waitFor(() =>
			expect(rowTexts().find((t) => t.includes("Ada Lovelace"))).toContain("Chief Analyst"),
		);
	});

	it("deletes a contact and restores it with Undo", async () => {
		await renderContacts();
		const row = screen
			.getAllByTestId("contact-row")
			.find((r) => r.textContent?.includes("Alan Turing"));
		if (!row) throw new Error("no Alan row");
		fireEvent.click(row);
		fireEvent.click(await screen.findByTestId("contact-delete"));

		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(11));
		expect(rowTexts().some((t) => t.includes("Alan Turing"))).toBe(false);
		const toast = screen.getByTestId("toast");
		expect(toast.textContent).toContain("Contact moved to Trash");

		fireEvent.click(within(toast).getByTestId("toast-undo"));
		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(12));
		expect(rowTexts().some((t) => t.includes("Alan Turing"))).toBe(true);
	});

	it("narrows the list as the user searches", async () => {
		await renderContacts();
		type("contacts-search", "lovel");
		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(1));
		expect(rowTexts()[0]).toContain("Ada Lovelace");
		expect(screen.getByTestId("contacts-total").textContent).toBe("1");

		type("contacts-search", "initech");
		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(2));

		type("contacts-search", "zzzz");
		expect(await screen.findByText("No matches")).toBeTruthy();
	});

	it("renders only a window of rows, and loads the next page as the end scrolls into view", async () => {
		const { backend } = renderApp({ view: "contacts" });
		for (let i = 0; i < 250; i++) {
			backend.seedContact({ first_name: "Person", last_name: `N${String(i).padStart(3, "0")}` });
		}
		backend.emit({ type: "data_changed", entity: "contact", ids: [] });
		await waitFor(() => expect(screen.getByTestId("contacts-total").textContent).toBe("250"));
		const rendered = screen.getAllByTestId("contact-row").length;
		expect(rendered).toBeGreaterThan(10);
		expect(rendered).toBeLessThan(60);
		expect(screen.getByTestId("contacts-footer").textContent).toContain("100 loaded of 250");

		// Scrolling to the last loaded rows fetches the next page by its cursor.
		const grid = screen.getByTestId("data-table");
		grid.scrollTop = 90 * 36;
		fireEvent.scroll(grid);
		await waitFor(() =>
			expect(screen.getByTestId("contacts-footer").textContent).toContain("200 loaded"),
		);
		expect(rowTexts().some((t) => t.includes("Person N095"))).toBe(true);
		expect(screen.getAllByTestId("contact-row").length).toBeLessThan(60);
	});

	it("opens the form with the n key and closes it with Escape", async () => {
		await renderContacts();
		// Typing "n" in the search box must not open the form.
		fireEvent.keyDown(screen.getByTestId("contacts-search"), { key: "n" });
		expect(screen.queryByTestId("contact-dialog")).toBeNull();

		fireEvent.keyDown(document.body, { key: "n" });
		expect(await screen.findByTestId("contact-dialog")).toBeTruthy();
		expect(document.activeElement).toBe(screen.getByTestId("contact-first-name"));

		fireEvent.keyDown(document.activeElement ?? document.body, { key: "Escape" });
		await waitFor(() => expect(screen.queryByTestId("contact-dialog")).toBeNull());
	});

	it("sorts by a column when its header is clicked, and flips on a second click", async () => {
		const { backend } = await renderContacts();
		expect(rowTexts()[0]).toContain("Frances Allen");
		const name = screen.getByTestId("sort-name");
		expect(name.closest("th")?.getAttribute("aria-sort")).toBe("ascending");
		fireEvent.click(name);
		await waitFor(() => expect(rowTexts()[0]).toContain("Alan Turing"));
		expect(rowTexts()[11]).toContain("Frances Allen");
		expect(name.closest("th")?.getAttribute("aria-sort")).toBe("descending");
		fireEvent.click(name);
		await waitFor(() => expect(rowTexts()[0]).toContain("Frances Allen"));

		// Editing a contact makes it the most recently updated.
		await new Promise((r) => setTimeout(r, 5));
		const page = await unwrap(
			backend.commands.contactsList({ search: "hedy", cursor: null, limit: 1 }),
		);
		const hedy = await unwrap(backend.commands.contactGet(page.items[0]?.id ?? -1));
		await unwrap(
			backend.commands.contactUpdate(hedy.id, {
				first_name: hedy.first_name,
				last_name: hedy.last_name,
				title: "Inventor",
				company_id: hedy.company_id,
				company_name: null,
				lifecycle: hedy.lifecycle,
				lead_status: hedy.lead_status,
				lead_source: null,
				emails: hedy.emails.map((e) => e.value),
				phones: hedy.phones.map((p) => p.value),
				city: hedy.city,
				country: hedy.country,
				linkedin: null,
			}),
		);
		fireEvent.click(screen.getByTestId("sort-updated_at"));
		await waitFor(() => expect(rowTexts()[0]).toContain("Hedy Lamarr"));
		expect(screen.getByTestId("sort-updated_at").closest("th")?.getAttribute("aria-sort")).toBe(
			"descending",
		);
	});
});
