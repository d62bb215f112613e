import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useFormErrors } from "./formErrors";

function Probe() {
	const { errors, show, clear, reset, form } = useFormErrors();
	return (
		<form ref={form}>
			<input name="name" data-testid="name" />
			<input name="email" data-testid="email" />
			<output data-testid="errors">{JSON.stringify(errors)}</output>
			<button type="button" onClick={() => show({ fields: { email: "Bad" }, form: null })}>
				show
			</button>
			<button type="button" onClick={() => clear("email")}>
				clear
			</button>
			<button type="button" onClick={reset}>
				reset
			</button>
		</form>
	);
}

describe("useFormErrors", () => {
	it("shows a field's error with the caret in it, then clears and resets", () => {
		render(<Probe />);
		const shown = () => JSON.parse(screen.getByTestId("errors").textContent ?? "");
		fireEvent.click(screen.getByText("show"));
		expect(shown()).toEqual({ fields: { email: "Bad" }, form: null });
		expect(document.activeElement).toBe(screen.getByTestId("email"));
		fireEvent.click(screen.getByText("clear"));
		expect(shown().fields.email).toBeUndefined();
		fireEvent.click(screen.getByText("show"));
		fireEvent.click(screen.getByText("reset"));
		expect(shown()).toEqual({ fields: {}, form: null });
	});
});
