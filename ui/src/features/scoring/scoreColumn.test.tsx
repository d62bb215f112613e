import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/renderApp";

describe("scores in the contacts table", () => {
	it("shows each contact's score and sorts by it, highest first", async () => {
		renderApp({ withSampleData: true, view: "contacts" });
		await waitFor(() => expect(screen.getAllByTestId("contact-row")).toHaveLength(12));
		fireEvent.click(screen.getByTestId("sort-score"));
		await waitFor(() =>
			expect(screen.getAllByTestId("contact-row")[0]?.textContent).toContain("Katherine Johnson"),
		);
		expect(screen.getAllByTestId("contact-row")[0]?.textContent).toContain("48");
		// The notes and calls on Ada's timeline count: she outranks people with a better title alone.
		const order = screen.getAllByTestId("contact-row").map((r) => r.textContent ?? "");
		const at = (name: string) => order.findIndex((t) => t.includes(name));
		expect(at("Ada Lovelace")).toBeGreaterThan(0);
		expect(at("Ada Lovelace")).toBeLessThan(at("Hedy Lamarr"));
	});
});
