import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

const rows = () => screen.queryAllByTestId("trash-row");
const row = (title: string) => {
	const found = rows().find((r) => r.textContent?.includes(title));
	if (!found) throw new Error(`no trash row ${title}`);
	return found;
};

/** Sample data with one contact, one company and one deal deleted, in that order. */
async function withDeleted() {
	const app = renderApp({ withSampleData: true, view: "trash" });
	const { commands } = app.backend;
	const ada = (await unwrap(commands.contactsList({ search: "ada", cursor: null, limit: 5 })))
		.items[0];
	const stark = (await unwrap(commands.companiesList({ search: "stark", cursor: null, limit: 5 })))
		.items[0];
	const deal = (await unwrap(commands.dealsOpen(1))).find((d) => d.title === "Umbrella pilot");
	if (!ada || !stark || !deal) throw new Error("sample records missing");
	await unwrap(commands.contactsDelete([ada.id]));
	await new Promise((r) => setTimeout(r, 5));
	await unwrap(commands.companiesDelete([stark.id]));
	await new Promise((r) => setTimeout(r, 5));
	await unwrap(commands.dealsDelete([deal.id]));
	return { ...app, ada, stark, deal };
}

describe("Trash", () => {
	it("explains itself when empty", async () => {
		renderApp({ withSampleData: true, view: "trash" });
		expect((await screen.findByTestId("trash-empty")).textContent).toContain("The Trash is empty");
	});

	it("lists deleted records newest first and restores one", async () => {
		const { backend, stark } = await withDeleted();
		await waitFor(() => expect(rows()).toHaveLength(3));
		expect(rows().map((r) => r.getAttribute("data-entity"))).toEqual([
			"deal",
			"company",
			"contact",
		]);
		expect(screen.getByTestId("trash-total").textContent).toBe("3");
		expect(row("Stark Logistics").textContent).toContain("starklogistics.example");

		fireEvent.click(within(row("Stark Logistics")).getByTestId("trash-restore"));
		await waitFor(() => expect(rows()).toHaveLength(2));
		expect((await unwrap(backend.commands.companyGet(stark.id))).name).toBe("Stark Logistics");
	});

	it("deletes forever only after a confirm", async () => {
		const { backend, ada } = await withDeleted();
		await waitFor(() => expect(rows()).toHaveLength(3));
		fireEvent.click(within(row("Ada Lovelace")).getByTestId("trash-delete-forever"));
		const confirm = await screen.findByTestId("confirm-purge");
		expect(confirm.textContent).toContain("can't be undone");
		fireEvent.click(within(confirm).getByText("Cancel"));
		expect(rows()).toHaveLength(3);

		fireEvent.click(within(row("Ada Lovelace")).getByTestId("trash-delete-forever"));
		fireEvent.click(await screen.findByTestId("confirm-purge-yes"));
		await waitFor(() => expect(rows()).toHaveLength(2));
		const gone = await backend.commands.contactGet(ada.id);
		expect(gone.status).toBe("error");
		// Restoring what is no longer there is refused, not silently ignored.
		const again = await backend.commands.trashRestore([{ entity: "contact", id: ada.id }]);
		expect(again.status).toBe("error");
	});

	it("is reachable from the sidebar even when every record is deleted", async () => {
		renderApp({ view: "contacts" });
		fireEvent.click(await screen.findByTestId("nav-trash"));
		expect(await screen.findByTestId("trash-empty")).toBeTruthy();
	});
});
