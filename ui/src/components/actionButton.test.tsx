import { fireEvent, render, screen } from "@testing-library/react";
import { Plus, Trash2 } from "lucide-react";
import { describe, expect, it, vi } from "vitest";
import { ActionButton } from "./ActionButton";
import { SmallButton } from "./SmallButton";

describe("ActionButton", () => {
	it("is a plain or primary button with its icon; a click calls onClick", () => {
		const onClick = vi.fn();
		render(
			<>
				<ActionButton icon={Plus} testId="new" primary onClick={onClick}>
					New
				</ActionButton>
				<ActionButton icon={Plus} testId="plain" title="Why" onClick={() => {}}>
					Plain
				</ActionButton>
			</>,
		);
		const primary = screen.getByTestId("new");
		expect(primary.className).toBe("button button-primary");
		expect(primary.querySelector("svg")).not.toBeNull();
		expect(screen.getByTestId("plain").className).toBe("button");
		expect(screen.getByTestId("plain").title).toBe("Why");
		fireEvent.click(primary);
		expect(onClick).toHaveBeenCalledTimes(1);
	});

	it("keeps SmallButton's classes: small, red for a delete, and disabled when asked", () => {
		render(
			<SmallButton icon={Trash2} testId="del" danger disabled onClick={() => {}}>
				Delete
			</SmallButton>,
		);
		const del = screen.getByTestId("del") as HTMLButtonElement;
		expect(del.className).toBe("button button-small button-danger-ghost");
		expect(del.disabled).toBe(true);
	});
});
