import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { LibraryItem, LibraryNav } from "./Library";

describe("Library", () => {
	it("marks the item being created, then the active one, as current; a click selects", () => {
		const onSelect = vi.fn();
		const list = (creating: string | null, active: number | null) => (
			<LibraryNav label="Things" creating={creating} footer={<p>footer</p>}>
				{[1, 2].map((id) => (
					<LibraryItem key={id} active={id === active} testId="thing" onSelect={() => onSelect(id)}>
						Thing {id}
					</LibraryItem>
				))}
			</LibraryNav>
		);
		const { rerender } = render(list("New thing", null));
		const current = () =>
			screen.getAllByRole("button").filter((b) => b.getAttribute("aria-current") === "true");
		expect(screen.getByRole("navigation", { name: "Things" }).textContent).toContain("footer");
		expect(current().map((b) => b.textContent)).toEqual(["New thing"]);

		rerender(list(null, 2));
		expect(current().map((b) => b.textContent)).toEqual(["Thing 2"]);
		fireEvent.click(screen.getAllByTestId("thing")[0] as HTMLElement);
		expect(onSelect).toHaveBeenCalledWith(1);
	});
});
