import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp } from "../../test/renderApp";

describe("companies", () => {
	it("lists companies with their contact counts", async () => {
		renderApp({ withSampleData: true, view: "companies" });
		await waitFor(() => expect(screen.getAllByTestId("company-row")).toHaveLength(6));
		const initech = screen
			.getAllByTestId("company-row")
			.find((r) => r.textContent?.includes("Initech"));
		const cell = (field: string) =>
			initech?.querySelector(`td[data-field="${field}"]`)?.textContent;
		expect(cell("domain")).toBe("initech.example");
		expect(cell("contacts")).toBe("2");
		expect(cell("open_deals")).toBe("2");
	});
});
