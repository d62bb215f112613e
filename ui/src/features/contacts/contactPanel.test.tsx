import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

async function openContact(name: string, seed?: Parameters<typeof renderApp>[0]) {
	const app = renderApp({ withSampleData: true, view: "contacts", ...seed });
	return { app, open: () => clickRow(name) };
}

async function clickRow(name: string) {
	const row = await waitFor(() => {
		const found = screen.getAllByTestId("contact-row").find((r) => r.textContent?.includes(name));
		if (!found) throw new Error(`no row ${name}`);
		return found;
	});
	fireEvent.click(row);
	return screen.findByTestId("contact-dialog");
}

describe("contact panel", () => {
	it("converts a lead: lifecycle flips, the company is created, and the timeline says so", async () => {
		const { app } = await openContact("");
		const { backend } = app;
		await screen.findAllByTestId("contact-row");
		backend.seedContact({
			first_name: "Zora",
			last_name: "Neale",
			lifecycle: "lead",
			lead_status: "engaged",
			company_name: "Harlem Press",
			emails: ["zora@harlem.example"],
		});
		backend.emit({ type: "data_changed", entity: "contact", ids: [] });
		const dialog = await clickRow("Zora Neale");
		const badge = await within(dialog).findByTestId("contact-lifecycle-badge");
		expect(badge.textContent).toContain("Lead");
		expect(within(dialog).queryAllByTestId("timeline-item")).toHaveLength(0);

		fireEvent.click(within(dialog).getByTestId("convert-lead"));
		const convert = await screen.findByTestId("convert-dialog");
		const title = within(convert).getByTestId("convert-deal-title") as HTMLInputElement;
		expect(title.value).toBe("Harlem Press deal");
		fireEvent.change(within(convert).getByTestId("convert-deal-value"), {
			target: { value: "5000" },
		});
		fireEvent.click(within(convert).getByTestId("convert-confirm"));

		await waitFor(() => expect(screen.queryByTestId("convert-dialog")).toBeNull());
		await waitFor(() =>
			expect(screen.getByTestId("contact-lifecycle-badge").textContent).toBe("Contact"),
		);
		expect(screen.queryByTestId("convert-lead")).toBeNull();
		expect(screen.getByTestId("contact-summary-company").textContent).toContain("Harlem Press");
		expect((screen.getByTestId("contact-lifecycle") as HTMLSelectElement).value).toBe("contact");
		const items = await screen.findAllByTestId("timeline-item");
		expect(items[0]?.dataset.kind).toBe("lead_converted");
		expect(items[0]?.textContent).toContain("Harlem Press");
		expect(
			screen.getAllByTestId("toast").some((t) => t.textContent?.includes("(new company)")),
		).toBe(true);

		const companies = await unwrap(
			backend.commands.companiesList({ search: "harlem", cursor: null, limit: 10 }),
		);
		expect(companies.items).toMatchObject([{ name: "Harlem Press", domain: "harlem.example" }]);
		const deals = await unwrap(backend.commands.dealsOpen(1));
		expect(deals.find((d) => d.title === "Harlem Press deal")).toMatchObject({
			value_cents: 500_000,
			company_name: "Harlem Press",
			contact_name: "Zora Neale",
		});
		// A second conversion is refused.
		const zora = await unwrap(
			backend.commands.contactsList({ search: "zora", cursor: null, limit: 5 }),
		);
		expect(zora.items[0]).toMatchObject({ lifecycle: "contact", lead_status: "qualified" });
		const again = await backend.commands.leadConvert({
			contact_id: zora.items[0]?.id ?? -1,
			company_id: null,
			deal: null,
		});
		expect(again.status === "error" && again.error.code).toBe("conflict");
	});

	it("asks for the new company's and the deal's required fields when converting, and names the missing one", async () => {
		const { app } = await openContact("");
		const { backend } = app;
		await screen.findAllByTestId("contact-row");
		for (const [entity, label] of [
			["company", "Parent group"],
			["deal", "Budget owner"],
		] as const)
			await unwrap(
				backend.commands.customFieldCreate({
					entity,
					label,
					field_type: "text",
					options: [],
					required: true,
				}),
			);
		backend.seedContact({
			first_name: "Zora",
			last_name: "Neale",
			lifecycle: "lead",
			company_name: "Harlem Press",
			emails: ["zora@harlem.example"],
		});
		backend.emit({ type: "data_changed", entity: "contact", ids: [] });
		const dialog = await clickRow("Zora Neale");
		fireEvent.click(within(dialog).getByTestId("convert-lead"));
		const convert = await screen.findByTestId("convert-dialog");
		const employees = await within(convert).findByTestId("company-custom-parent_group");
		const owner = within(convert).getByTestId("deal-custom-budget_owner");

		fireEvent.click(within(convert).getByTestId("convert-confirm"));
		const companyError = await within(convert).findByTestId(
			"field-error-company.custom.parent_group",
		);
		expect(companyError.textContent).toContain("Parent group is required");
		expect(companyError.textContent).toContain("company");
		expect(document.activeElement).toBe(employees);
		fireEvent.change(employees, { target: { value: "40" } });
		fireEvent.click(within(convert).getByTestId("convert-confirm"));
		const dealError = await within(convert).findByTestId("field-error-deal.custom.budget_owner");
		expect(dealError.textContent).toContain("Budget owner is required");
		// Refused twice, nothing saved: still a lead, no company.
		const stillLead = await unwrap(
			backend.commands.contactsList({ search: "zora", cursor: null, limit: 5 }),
		);
		expect(stillLead.items[0]?.lifecycle).toBe("lead");
		const none = await unwrap(
			backend.commands.companiesList({ search: "harlem", cursor: null, limit: 10 }),
		);
		expect(none.items).toHaveLength(0);

		fireEvent.change(owner, { target: { value: "Zora" } });
		fireEvent.click(within(convert).getByTestId("convert-confirm"));
		await waitFor(() => expect(screen.queryByTestId("convert-dialog")).toBeNull());
		const companies = await unwrap(
			backend.commands.companiesList({ search: "harlem", cursor: null, limit: 10 }),
		);
		expect(companies.items[0]?.custom).toMatchObject({ parent_group: "40" });
		const deals = await unwrap(backend.commands.dealsOpen(1));
		expect(deals.find((d) => d.title === "Harlem Press deal")?.custom).toMatchObject({
			budget_owner: "Zora",
		});
	});

	it("adds a note that shows first in the timeline; an empty note is refused at the field", async () => {
		const { open } = await openContact("Ada Lovelace");
		const dialog = await open();
		await waitFor(() => expect(within(dialog).getAllByTestId("timeline-item")).toHaveLength(1));

		fireEvent.click(within(dialog).getByTestId("add-note"));
		fireEvent.click(await within(dialog).findByTestId("timeline-save"));
		expect((await within(dialog).findByTestId("field-error-body")).textContent).toContain(
			"Write something",
		);

		fireEvent.change(within(dialog).getByTestId("timeline-body"), {
			target: { value: "Asked for a security review before signing." },
		});
		fireEvent.click(within(dialog).getByTestId("timeline-save"));
		await waitFor(() => expect(within(dialog).getAllByTestId("timeline-item")).toHaveLength(2));
		const [newest, older] = within(dialog).getAllByTestId("timeline-item");
		expect(newest?.textContent).toContain("Asked for a security review");
		expect(newest?.dataset.kind).toBe("note");
		expect(older?.textContent).toContain("Renewal timing");
		expect(within(dialog).queryByTestId("timeline-form")).toBeNull();
	});

	it("logs a call", async () => {
		const { open } = await openContact("Grace Hopper");
		const dialog = await open();
		fireEvent.click(within(dialog).getByTestId("log-call"));
		fireEvent.change(await within(dialog).findByTestId("timeline-subject"), {
			target: { value: "Pricing follow-up" },
		});
		fireEvent.click(within(dialog).getByTestId("timeline-save"));
		const item = await within(dialog).findByTestId("timeline-item");
		expect(item.dataset.kind).toBe("call");
		expect(item.textContent).toContain("Pricing follow-up");
	});
});
