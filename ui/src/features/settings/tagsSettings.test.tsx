import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

const rows = () => screen.getAllByTestId("tag-row");
const names = () => screen.queryAllByTestId("tag-name").map((n) => n.textContent);
const rowNamed = (name: string) => {
	const row = rows().find((r) => within(r).queryByTestId("tag-name")?.textContent === name);
	if (!row) throw new Error(`no row for ${name}`);
	return row;
};

async function addTag(name: string) {
	fireEvent.change(screen.getByTestId("tag-add-name"), { target: { value: name } });
	fireEvent.click(screen.getByTestId("tag-add"));
	await waitFor(() => expect(names()).toContain(name));
}

describe("tags in Settings", () => {
	it("explains tags when there are none, adds one and shows a duplicate name at the field", async () => {
		renderApp({ view: "settings" });
		expect((await screen.findByTestId("tags-empty")).textContent).toContain("contacts");
		await addTag("VIP");
		expect(within(rowNamed("VIP")).getByTestId("tag-count").textContent).toBe("Not used");

		fireEvent.change(screen.getByTestId("tag-add-name"), { target: { value: "vip" } });
		fireEvent.click(screen.getByTestId("tag-add"));
		expect((await screen.findByTestId("field-error-name")).textContent).toContain("already");
		expect(names()).toEqual(["VIP"]);
	});

	it("renames inline, recolors, and shows the core's error at the field", async () => {
		const { backend } = renderApp({ view: "settings" });
		await screen.findByTestId("tags-empty");
		await addTag("Churn risk");
		await addTag("VIP");

		fireEvent.click(within(rowNamed("VIP")).getByTestId("tag-rename"));
		const input = screen.getByTestId("tag-name-input");
		fireEvent.change(input, { target: { value: "churn RISK" } });
		fireEvent.keyDown(input, { key: "Enter" });
		expect((await screen.findByTestId("tag-error")).textContent).toContain("already");
		expect(screen.getByTestId("tag-name-input").getAttribute("aria-invalid")).toBe("true");

		fireEvent.change(screen.getByTestId("tag-name-input"), { target: { value: "Key account" } });
		fireEvent.keyDown(screen.getByTestId("tag-name-input"), { key: "Enter" });
		await waitFor(() => expect(names()).toEqual(["Churn risk", "Key account"]));
		expect(screen.queryByTestId("tag-name-input")).toBeNull();
		expect((await unwrap(backend.commands.tagsList(null))).map((t) => t.name)).toEqual([
			"Churn risk",
			"Key account",
		]);

		const row = rowNamed("Key account");
		fireEvent.click(within(row).getByTestId("tag-color"));
		fireEvent.click(within(row).getByRole("button", { name: "#ef4444" }));
		await waitFor(async () => {
			const tags = await unwrap(backend.commands.tagsList(null));
			expect(tags.find((t) => t.name === "Key account")?.color).toBe("#ef4444");
		});
	});

	it("asks before deleting, saying how many records carry the tag", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "settings" });
		const tag = await unwrap(backend.commands.tagCreate({ name: "Conference", color: null }));
		const contacts = await unwrap(
			backend.commands.contactsList({ search: null, cursor: null, limit: 2 }),
		);
		for (const c of contacts.items)
			await unwrap(backend.commands.recordTagsSet({ entity: "contact", id: c.id }, [tag.id]));
		await waitFor(() =>
			expect(within(rowNamed("Conference")).getByTestId("tag-count").textContent).toBe("2 records"),
		);

		fireEvent.click(within(rowNamed("Conference")).getByTestId("tag-delete"));
		const dialog = screen.getByTestId("tag-delete-dialog");
		expect(within(dialog).getByTestId("tag-delete-message").textContent).toContain(
			"2 records carry this tag",
		);
		// Nothing is deleted until confirmed; Cancel keeps it.
		fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
		expect(screen.queryByTestId("tag-delete-dialog")).toBeNull();
		const kept = await unwrap(backend.commands.tagsList(null));
		expect(kept.find((t) => t.id === tag.id)?.count).toBe(2);

		fireEvent.click(within(rowNamed("Conference")).getByTestId("tag-delete"));
		fireEvent.click(screen.getByTestId("tag-delete-confirm"));
		await waitFor(() => expect(names()).not.toContain("Conference"));
		expect(names().length).toBeGreaterThan(0);
		const left = await unwrap(backend.commands.tagsList(null));
		expect(left.some((t) => t.id === tag.id)).toBe(false);
		expect(
			await unwrap(
				backend.commands.recordTags({ entity: "contact", id: contacts.items[0]?.id ?? 0 }),
			),
		).toEqual([]);

		// Undo puts it back, on the same records.
		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(names()).toContain("Conference"));
		await waitFor(() =>
			expect(within(rowNamed("Conference")).getByTestId("tag-count").textContent).toBe("2 records"),
		);
		expect(
			screen.getAllByTestId("toast").some((t) => t.textContent?.includes("Restored the tag")),
		).toBe(true);
		const back = await unwrap(
			backend.commands.recordTags({ entity: "contact", id: contacts.items[0]?.id ?? 0 }),
		);
		expect(back.map((t) => t.id)).toEqual([tag.id]);
	});
});
