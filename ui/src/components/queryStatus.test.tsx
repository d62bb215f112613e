import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { QueryStatus } from "./QueryStatus";

describe("QueryStatus", () => {
	it("shows a labelled spinner while loading, centred when asked", () => {
		const { container } = render(
			<QueryStatus query={{ isPending: true, error: null }} loading="Loading sequences" centered />,
		);
		expect(screen.getByRole("status").getAttribute("aria-label")).toBe("Loading sequences");
		expect(container.querySelector(".centered")).not.toBeNull();
	});

	it("shows the failed query's message as an alert", () => {
		render(<QueryStatus query={{ isPending: false, error: new Error("disk full") }} loading="x" />);
		expect(screen.getByRole("alert").textContent).toBe("disk full");
		expect(screen.queryByRole("status")).toBeNull();
	});
});
