import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { IdOptions } from "./IdOptions";

const options = () =>
	Array.from((screen.getByRole("combobox") as HTMLSelectElement).options).map((o) => [
		o.value,
		o.textContent,
	]);

describe("IdOptions", () => {
	it("renders an option per record, valued by id and named by the label", () => {
		render(
			<select>
				<IdOptions
					items={[
						{ id: 3, name: "Work" },
						{ id: 7, name: "Home" },
					]}
					label={(m) => `${m.name}!`}
					empty="None yet"
				/>
			</select>,
		);
		expect(options()).toEqual([
			["3", "Work!"],
			["7", "Home!"],
		]);
	});

	it("says why the select is empty, and renders nothing without an empty text", () => {
		const { rerender } = render(
			<select>
				<IdOptions<{ id: number }> items={undefined} label={(x) => x.id} empty="None yet" />
			</select>,
		);
		expect(options()).toEqual([["", "None yet"]]);
		rerender(
			<select>
				<IdOptions<{ id: number }> items={[]} label={(x) => x.id} />
			</select>,
		);
		expect(options()).toEqual([]);
	});
});
