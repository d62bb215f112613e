import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/renderApp";

const items = () => screen.queryAllByTestId("palette-item");

describe("command palette", () => {
	it("opens with Ctrl+K, finds a contact and opens it with Enter", async () => {
		renderApp({ withSampleData: true, view: "pipeline" });
		await screen.findAllByTestId("deal-card");
		expect(screen.queryByTestId("palette-input")).toBeNull();
		fireEvent.keyDown(window, { key: "k", ctrlKey: true });
		const input = await screen.findByTestId("palette-input");
		// Actions are there before any typing.
		expect(items().map((i) => i.textContent)).toContain("Go to ContactsG C");
		fireEvent.change(input, { target: { value: "ada" } });
		await waitFor(() =>
			expect(items().some((i) => i.textContent?.includes("Ada Lovelace"))).toBe(true),
		);
		const hit = items().find((i) => i.textContent?.includes("Ada Lovelace"));
		expect(hit?.dataset.entity).toBe("contact");
		expect(hit?.getAttribute("aria-selected")).toBe("true");
		fireEvent.keyDown(input, { key: "Enter" });
		const dialog = await screen.findByTestId("contact-dialog");
		await waitFor(() => expect(within(dialog).getByDisplayValue("Lovelace")).toBeTruthy());
		expect(screen.queryByTestId("palette-input")).toBeNull();
		expect(screen.getByTestId("nav-contacts").getAttribute("aria-current")).toBe("page");
		expect(window.location.hash).toMatch(/^#contacts\/\d+$/);
	});

	it("jumps to a deal on the board and highlights its card", async () => {
		renderApp({ withSampleData: true, view: "contacts" });
		await screen.findAllByTestId("contact-row");
		fireEvent.click(screen.getByTestId("open-palette"));
		fireEvent.change(await screen.findByTestId("palette-input"), {
			target: { value: "globex line" },
		});
		const hit = await waitFor(() => {
			const found = items().find((i) => i.dataset.entity === "deal");
			if (!found) throw new Error("no deal hit yet");
			return found;
		});
		fireEvent.click(hit);
		await waitFor(() => {
			const card = screen
				.getAllByTestId("deal-card")
				.find((c) => c.textContent?.includes("Globex line automation"));
			expect(card?.dataset.highlighted).toBe("true");
		});
	});

	it("offers sample data only while the database is empty, and Escape closes it", async () => {
		renderApp({ view: "settings" });
		await screen.findByTestId("app-info");
		fireEvent.keyDown(window, { key: "k", metaKey: true });
		await screen.findByTestId("palette-input");
		await waitFor(() => expect(items().some((i) => i.dataset.action === "load-sample")).toBe(true));
		fireEvent.keyDown(screen.getByTestId("palette-input"), { key: "Escape" });
		await waitFor(() => expect(screen.queryByTestId("palette-input")).toBeNull());
	});
});

describe("keyboard shortcuts", () => {
	it("? opens the help overlay, but not while typing", async () => {
		renderApp({ withSampleData: true, view: "contacts" });
		const search = await screen.findByTestId("contacts-search");
		fireEvent.keyDown(search, { key: "?" });
		expect(screen.queryByTestId("shortcuts-help")).toBeNull();
		fireEvent.keyDown(document.body, { key: "?" });
		const help = await screen.findByTestId("shortcuts-help");
		expect(help.textContent).toContain("Search and commands");
		expect(help.textContent).toContain("Go to Pipeline");
		fireEvent.keyDown(document, { key: "Escape" });
		await waitFor(() => expect(screen.queryByTestId("shortcuts-help")).toBeNull());
	});

	it("G then P goes to the pipeline; N opens a new contact from anywhere", async () => {
		renderApp({ withSampleData: true, view: "companies" });
		await screen.findAllByTestId("company-row");
		fireEvent.keyDown(document.body, { key: "g" });
		fireEvent.keyDown(document.body, { key: "p" });
		expect(await screen.findByTestId("pipeline-board")).toBeTruthy();
		fireEvent.keyDown(document.body, { key: "n" });
		expect(await screen.findByTestId("contact-dialog")).toBeTruthy();
		expect(screen.getByTestId("nav-contacts").getAttribute("aria-current")).toBe("page");
	});
});
