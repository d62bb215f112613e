import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../test/renderApp";

describe("core events", () => {
	it("refetches the contacts list when the core reports a contact change", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "contacts" });
		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(12));
		await waitFor(() => expect(backend.listenerCount()).toBe(1));

		// A change made elsewhere (the CLI, an import) is invisible until the core says so.
		backend.seedContact({
			first_name: "Eve",
			last_name: "Outsider",
			emails: ["eve@elsewhere.example"],
		});
		await new Promise((r) => setTimeout(r, 50));
		expect(screen.getAllByTestId("contact-row")).toHaveLength(12);

		backend.emit({ type: "data_changed", entity: "contact", ids: [] });
		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(13));
		expect(screen.getByText("Eve Outsider")).toBeTruthy();
		expect(screen.getByTestId("contacts-total").textContent).toBe("13");
	});

	it("ignores events for unrelated entities", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "contacts" });
		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(12));
		backend.seedContact({ first_name: "Quiet", last_name: "Change" });
		backend.emit({ type: "data_changed", entity: "note", ids: [1] });
		await new Promise((r) => setTimeout(r, 50));
		expect(screen.getAllByTestId("contact-row")).toHaveLength(12);
	});
});
