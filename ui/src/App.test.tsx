import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "./test/renderApp";
import { views } from "./views";

describe("app shell", () => {
	it("has a focusable sidebar entry for every view and highlights the current one", async () => {
		renderApp({ withSampleData: true, view: "contacts" });
		for (const { id, label } of views) {
			const button = screen.getByTestId(`nav-${id}`);
			expect(button.tagName).toBe("BUTTON");
			expect(button.textContent).toBe(label);
		}
		expect(screen.getByTestId("nav-contacts").getAttribute("aria-current")).toBe("page");

		fireEvent.click(screen.getByTestId("nav-tasks"));
		expect(await screen.findByRole("heading", { name: "Tasks" })).toBeTruthy();
		expect(screen.getByTestId("nav-tasks").getAttribute("aria-current")).toBe("page");
		expect(screen.getByTestId("nav-contacts").getAttribute("aria-current")).toBeNull();
		expect(window.location.hash).toBe("#tasks");

		fireEvent.click(screen.getByTestId("nav-settings"));
		expect((await screen.findByTestId("app-info")).textContent).toContain("in-browser preview");
	});

	it("offers sample data from an empty contacts list once the database has other records", async () => {
		const { backend } = renderApp({ view: "contacts" });
		await screen.findByTestId("first-run");
		await backend.commands.companyCreate({
			name: "Lonely Co",
			website: null,
			industry: null,
			size: null,
			phone: null,
			city: null,
			country: null,
			description: null,
		});
		expect(await screen.findByText("No contacts yet")).toBeTruthy();
		fireEvent.click(screen.getByTestId("empty-load-sample"));
		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(12));
	});
});
