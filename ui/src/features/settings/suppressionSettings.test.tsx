import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

const section = () => screen.getByTestId("suppression-settings");
const rows = () => within(section()).queryAllByTestId("suppression-row");

async function addValue(value: string) {
	fireEvent.change(within(section()).getByTestId("suppression-value"), { target: { value } });
	fireEvent.click(within(section()).getByTestId("suppression-add"));
}

describe("Settings → Suppression", () => {
	it("adds an address, removes it, and undoes the removal", async () => {
		const { backend } = renderApp({ view: "settings" });
		expect((await screen.findByTestId("suppression-empty")).textContent).toContain("Nobody");
		await addValue("Ada@Engines.example");
		await waitFor(() => expect(rows()).toHaveLength(1));
		expect(rows()[0]?.textContent).toContain("ada@engines.example");
		expect(await unwrap(backend.commands.suppressionCheck("ADA@engines.example"))).toContain(
			"suppression list",
		);

		fireEvent.click(within(section()).getByTestId("suppression-remove"));
		await waitFor(() => expect(rows()).toHaveLength(0));
		fireEvent.click(await screen.findByTestId("suppression-undo"));
		await waitFor(() => expect(rows()).toHaveLength(1));
		expect((await unwrap(backend.commands.suppressionsList()))[0]?.value).toBe(
			"ada@engines.example",
		);
	});

	it("shows a bad domain at the field", async () => {
		renderApp({ view: "settings" });
		await screen.findByTestId("suppression-empty");
		fireEvent.change(within(section()).getByTestId("suppression-kind"), {
			target: { value: "domain" },
		});
		await addValue("not a domain");
		expect((await screen.findByTestId("field-error-value")).textContent).toContain("not a domain");
		expect(rows()).toHaveLength(0);
	});

	it("checks whether an address would be mailed", async () => {
		renderApp({ view: "settings" });
		await screen.findByTestId("suppression-empty");
		fireEvent.change(within(section()).getByTestId("suppression-kind"), {
			target: { value: "domain" },
		});
		await addValue("competitor.example");
		await waitFor(() => expect(rows()).toHaveLength(1));
		fireEvent.change(screen.getByTestId("suppression-check-input"), {
			target: { value: "bob@eu.competitor.example" },
		});
		fireEvent.click(within(section()).getByText("Check"));
		expect((await screen.findByTestId("suppression-verdict")).textContent).toContain(
			"the domain competitor.example",
		);
	});
});
