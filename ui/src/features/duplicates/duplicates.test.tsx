import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ContactInput } from "../../bindings";
import type { FakeBackend } from "../../ipc/fakeBackend";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

const pairs = () => screen.queryAllByTestId("duplicate-pair");
const reasons = () => pairs().map((p) => within(p).getByTestId("duplicate-reason").textContent);

const person = (partial: Partial<ContactInput>): ContactInput => ({
	first_name: "",
	last_name: "",
	title: null,
	company_id: null,
	company_name: null,
	lifecycle: null,
	lead_status: null,
	lead_source: null,
	emails: [],
	phones: [],
	city: null,
	country: null,
	linkedin: null,
	...partial,
});

async function company(backend: FakeBackend, name: string) {
	const page = await unwrap(
		backend.commands.companiesList({ search: name, cursor: null, limit: 5 }),
	);
	const found = page.items.find((c) => c.name === name);
	if (!found) throw new Error(`no sample company ${name}`);
	return found;
}

/**
 * Sample data plus: Ada King, who shares Ada Lovelace's phone; a second Grace Hopper at Globex;
 * and "Initech, Inc." next to Initech.
 */
async function withDuplicates() {
	const app = renderApp({ withSampleData: true, view: "contacts" });
	const { commands } = app.backend;
	const globex = await company(app.backend, "Globex Corporation");
	const king = await unwrap(
		commands.contactCreate(
			person({
				first_name: "Ada",
				last_name: "King",
				phones: ["+1 555 0100"],
				city: "London",
				linkedin: "linkedin.com/in/adaking",
			}),
		),
	);
	await unwrap(
		commands.contactCreate(
			person({ first_name: "grace", last_name: "HOPPER", company_id: globex.id }),
		),
	);
	const initechInc = await unwrap(
		commands.companyCreate({
			name: "Initech, Inc.",
			website: null,
			industry: null,
			size: null,
			phone: null,
			city: null,
			country: null,
			description: null,
		}),
	);
	return { ...app, king, initechInc };
}

/** Opens the merge dialog of the pair whose labels mention `text`. */
async function openMerge(text: string) {
	const pair = await waitFor(() => {
		const found = pairs().find((p) => p.textContent?.includes(text));
		if (!found) throw new Error(`no pair with ${text}`);
		return found;
	});
	fireEvent.click(within(pair).getByTestId("duplicate-merge"));
	const dialog = await screen.findByTestId("merge-dialog");
	await within(dialog).findByTestId("merge-confirm");
	return dialog;
}

describe("Duplicates", () => {
	it("opens from the Contacts toolbar and lists pairs with their reasons", async () => {
		await withDuplicates();
		fireEvent.click(await screen.findByTestId("find-duplicates"));
		await screen.findByTestId("duplicates-view");
		await waitFor(() => expect(pairs()).toHaveLength(2));
		expect(reasons()).toEqual(["same phone", "same name at the same company"]);
		expect(pairs()[0]?.textContent).toContain("Ada Lovelace");
		expect(pairs()[0]?.textContent).toContain("Ada King");
		expect(screen.getByTestId("duplicates-tab-contact").getAttribute("aria-selected")).toBe("true");

		// Arrow keys move between the tabs.
		fireEvent.keyDown(screen.getByTestId("duplicates-tab-contact"), { key: "ArrowRight" });
		expect(screen.getByTestId("duplicates-tab-company").getAttribute("aria-selected")).toBe("true");
		await waitFor(() => expect(reasons()).toEqual(["same company name"]));
		expect(pairs()[0]?.textContent).toContain("Initech, Inc.");
	});

	it("opens on the Companies tab from the Companies toolbar, and says when nothing looks duplicated", async () => {
		renderApp({ withSampleData: true, view: "companies" });
		fireEvent.click(await screen.findByTestId("find-duplicates"));
		expect(screen.getByTestId("duplicates-tab-company").getAttribute("aria-selected")).toBe("true");
		const empty = await screen.findByTestId("duplicates-empty");
		expect(empty.textContent).toContain("Nothing looks duplicated");
		expect(window.location.hash).toBe("#duplicates");
	});

	it("is in the command palette", async () => {
		renderApp({ withSampleData: true, view: "pipeline" });
		await screen.findAllByTestId("deal-card");
		fireEvent.keyDown(window, { key: "k", ctrlKey: true });
		fireEvent.change(await screen.findByTestId("palette-input"), {
			target: { value: "duplicates" },
		});
		const item = await waitFor(() => {
			const found = screen
				.queryAllByTestId("palette-item")
				.find((i) => i.textContent?.includes("Find duplicates"));
			if (!found) throw new Error("no Find duplicates action");
			return found;
		});
		fireEvent.click(item);
		expect(await screen.findByTestId("duplicates-view")).toBeTruthy();
	});

	it("sends a field chosen from the other record, then the pair is gone", async () => {
		const { backend, king } = await withDuplicates();
		const merge = vi.spyOn(backend.commands, "recordsMerge");
		fireEvent.click(await screen.findByTestId("find-duplicates"));
		const dialog = await openMerge("Ada King");
		const d = within(dialog);

		// Keyboard users start on the first choice.
		expect(document.activeElement).toBe(d.getByTestId("merge-pick-last_name-a"));
		// The older record stays by default; its values are chosen unless it has none.
		expect(d.getByTestId("merge-head-a").dataset.kept).toBe("true");
		expect((d.getByTestId("merge-pick-last_name-a") as HTMLInputElement).checked).toBe(true);
		expect((d.getByTestId("merge-pick-city-a") as HTMLInputElement).checked).toBe(true);
		expect((d.getByTestId("merge-pick-linkedin-b") as HTMLInputElement).checked).toBe(true);
		expect((d.getByTestId("merge-pick-linkedin-a") as HTMLInputElement).disabled).toBe(true);
		// Only fields that differ are offered; emails and phones are shown, not chosen.
		expect(d.queryByTestId("merge-field-first_name")).toBeNull();
		expect(d.getByTestId("merge-same").textContent).toContain("First name");
		expect(d.getByTestId("merge-points-phones").textContent).toContain("+1 555 0100");
		expect(d.getByTestId("merge-summary").textContent).toContain("goes to the Trash");

		fireEvent.click(d.getByTestId("merge-pick-last_name-b"));
		fireEvent.click(d.getByTestId("merge-confirm"));

		await waitFor(() => expect(merge).toHaveBeenCalledTimes(1));
		const req = merge.mock.calls[0]?.[0];
		expect(req?.entity).toBe("contact");
		expect(req?.drop_id).toBe(king.id);
		expect([...(req?.take_from_drop ?? [])].sort()).toEqual(["last_name", "linkedin"]);

		await waitFor(() => expect(screen.queryByTestId("merge-dialog")).toBeNull());
		await waitFor(() => expect(reasons()).toEqual(["same name at the same company"]));
		const toast = await screen.findByTestId("toast");
		expect(toast.textContent).toContain("Merged");

		const keptId = req?.keep_id ?? -1;
		const kept = await unwrap(backend.commands.contactGet(keptId));
		expect([kept.first_name, kept.last_name, kept.city]).toEqual(["Ada", "King", "Austin"]);
		expect(kept.linkedin).toBe("linkedin.com/in/adaking");
		const trash = await unwrap(backend.commands.trashList(10));
		expect(trash.items.map((i) => i.record)).toContainEqual({ entity: "contact", id: king.id });

		// The toast's link opens the kept record.
		fireEvent.click(within(toast).getByTestId("toast-open-merged"));
		const panel = await screen.findByTestId("contact-dialog");
		await waitFor(() => expect(within(panel).getByDisplayValue("King")).toBeTruthy());
		expect(window.location.hash).toBe(`#contacts/${keptId}`);
	});

	it("undoes a merge from its toast: both records back, the pair listed again", async () => {
		const { backend, king } = await withDuplicates();
		fireEvent.click(await screen.findByTestId("find-duplicates"));
		const d = within(await openMerge("Ada King"));
		fireEvent.click(d.getByTestId("merge-confirm"));
		await waitFor(() => expect(screen.queryByTestId("merge-dialog")).toBeNull());
		const toast = await screen.findByTestId("toast");
		const undo = vi.spyOn(backend.commands, "recordsMergeUndo");
		fireEvent.click(within(toast).getByTestId("toast-undo"));
		await waitFor(() => expect(undo).toHaveBeenCalledTimes(1));
		const back = await unwrap(backend.commands.contactGet(king.id));
		expect(back.deleted_at).toBeNull();
		await waitFor(() => expect(reasons()).toContain("same name at the same company"));
		await waitFor(() =>
			expect(
				screen.getAllByTestId("toast").some((t) => t.textContent?.includes("Merge undone")),
			).toBe(true),
		);
	});

	it("swaps which record stays, keeping the values picked", async () => {
		const { backend, king } = await withDuplicates();
		const merge = vi.spyOn(backend.commands, "recordsMerge");
		fireEvent.click(await screen.findByTestId("find-duplicates"));
		const d = within(await openMerge("Ada King"));
		fireEvent.click(d.getByTestId("merge-pick-city-b"));
		fireEvent.click(d.getByTestId("merge-swap"));
		expect(d.getByTestId("merge-head-b").dataset.kept).toBe("true");
		expect(d.getByTestId("merge-confirm").textContent).toContain("Merge into Ada King");
		// Still London (now the kept one's), and the title the new kept record lacks comes over.
		expect((d.getByTestId("merge-pick-city-b") as HTMLInputElement).checked).toBe(true);
		expect((d.getByTestId("merge-pick-title-a") as HTMLInputElement).checked).toBe(true);
		fireEvent.click(d.getByTestId("merge-confirm"));

		await waitFor(() => expect(merge).toHaveBeenCalledTimes(1));
		const req = merge.mock.calls[0]?.[0];
		expect(req?.keep_id).toBe(king.id);
		expect(req?.take_from_drop).toContain("title");
		expect(req?.take_from_drop).not.toContain("city");
		const kept = await unwrap(backend.commands.contactGet(king.id));
		expect([kept.last_name, kept.city, kept.title]).toEqual([
			"King",
			"London",
			"Head of Engineering",
		]);
		// Both phones' owner is now one contact: her email came over too.
		expect(kept.emails.length).toBeGreaterThan(0);
	});

	it("merges two companies: the other one's contacts move and it goes to the Trash", async () => {
		const { backend, initechInc: newer } = await withDuplicates();
		fireEvent.click(await screen.findByTestId("find-duplicates"));
		fireEvent.click(await screen.findByTestId("duplicates-tab-company"));
		const d = within(await openMerge("Initech, Inc."));
		// The sample Initech is older and stays; its name is kept.
		expect((d.getByTestId("merge-pick-name-a") as HTMLInputElement).checked).toBe(true);
		expect(d.getByTestId("merge-summary").textContent).toContain("Contacts, deals");
		// Keep the new record, with the old one's name.
		fireEvent.click(d.getByTestId("merge-swap"));
		fireEvent.click(d.getByTestId("merge-pick-name-a"));
		fireEvent.click(d.getByTestId("merge-confirm"));
		await waitFor(() => expect(screen.queryByTestId("merge-dialog")).toBeNull());
		expect(await screen.findByTestId("duplicates-empty")).toBeTruthy();

		const all = await unwrap(
			backend.commands.companiesList({ search: null, cursor: null, limit: 50 }),
		);
		const initechs = all.items.filter((c) => c.name.startsWith("Initech"));
		expect(initechs.map((c) => [c.id, c.name])).toEqual([[newer.id, "Initech"]]);
		// Ada Lovelace and Margaret Hamilton worked at the sample Initech, which went to the Trash.
		const related = await unwrap(backend.commands.companyRelated(newer.id));
		expect(related.contacts.map((c) => c.name)).toContain("Margaret Hamilton");
		const trash = await unwrap(backend.commands.trashList(10));
		expect(trash.items.map((i) => i.title)).toContain("Initech");
	});
});
