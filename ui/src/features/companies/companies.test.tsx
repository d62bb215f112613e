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
		const cells = initech?.querySelectorAll("td") ?? [];
		expect(cells[1]?.textContent).toBe("initech.example");
		expect(cells[4]?.textContent).toBe("2");
		expect(cells[5]?.textContent).toBe("2");
	});
});
