import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/renderApp";

describe("first run", () => {
	it("shows the welcome panel on an empty database and fills the list with sample data", async () => {
		const { backend } = renderApp();
		const panel = await screen.findByTestId("first-run");
		expect(screen.queryAllByTestId("contact-row")).toHaveLength(0);

		fireEvent.click(within(panel).getByTestId("empty-load-sample"));

		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(12));
		expect(screen.queryByTestId("first-run")).toBeNull();
		expect(screen.getByTestId("contacts-total").textContent).toBe("12");
		expect(screen.getByTestId("nav-contacts").getAttribute("aria-current")).toBe("page");
		const info = await backend.commands.appInfo();
		expect(info.status === "ok" && info.data.sample_loaded).toBe(true);
	});

	it("opens the import wizard from “Import a spreadsheet”", async () => {
		renderApp();
		fireEvent.click(await screen.findByTestId("empty-import"));
		expect(await screen.findByTestId("import-wizard")).toBeTruthy();
		expect(screen.getByTestId("import-path")).toBeTruthy();
		expect(screen.queryByTestId("first-run")).toBeNull();
		expect(screen.getByTestId("nav-imports").getAttribute("aria-current")).toBe("page");
	});

	it("keeps the first-run panel over data views but not over Settings", async () => {
		renderApp({ view: "pipeline" });
		await screen.findByTestId("first-run");
		fireEvent.click(screen.getByTestId("nav-settings"));
		expect((await screen.findByTestId("app-info")).textContent).toContain("Schema version");
		fireEvent.click(screen.getByTestId("nav-companies"));
		expect(await screen.findByTestId("first-run")).toBeTruthy();
	});

	it("lets the rep skip the samples and add a first contact by hand", async () => {
		renderApp({ view: "pipeline" });
		fireEvent.click(await screen.findByTestId("empty-start-blank"));
		expect(screen.queryByTestId("first-run")).toBeNull();
		expect(screen.getByTestId("nav-contacts").getAttribute("aria-current")).toBe("page");
		expect(await screen.findByText("No contacts yet")).toBeTruthy();
		expect(screen.getByTestId("new-contact")).toBeTruthy();
	});
});
