import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

const type = (testId: string, value: string) =>
	fireEvent.change(screen.getByTestId(testId), { target: { value } });

const labels = () =>
	screen.getAllByTestId("cf-row").map((r) => r.querySelector(".cell-primary")?.textContent);

async function addField(
	label: string,
	fieldType: string,
	opts: { required?: boolean; options?: string } = {},
) {
	fireEvent.click(screen.getByTestId("cf-add"));
	type("cf-label", label);
	fireEvent.change(screen.getByTestId("cf-type"), { target: { value: fieldType } });
	if (opts.options !== undefined) type("cf-options", opts.options);
	if (opts.required) fireEvent.click(screen.getByTestId("cf-required"));
	fireEvent.click(screen.getByTestId("cf-save"));
	await waitFor(() => expect(screen.queryByTestId("cf-form")).toBeNull());
}

describe("custom fields in Settings", () => {
	it("adds, edits, reorders and deletes fields with undo", async () => {
		renderApp({ view: "settings" });
		expect(await screen.findByTestId("cf-empty")).toBeTruthy();

		// A choice field needs choices: the core says so at the field.
		fireEvent.click(screen.getByTestId("cf-add"));
		type("cf-label", "Tier");
		fireEvent.change(screen.getByTestId("cf-type"), { target: { value: "select" } });
		fireEvent.click(screen.getByTestId("cf-save"));
		expect((await screen.findByTestId("field-error-options")).textContent).toContain(
			"at least one",
		);
		type("cf-options", "Gold\nSilver");
		fireEvent.click(screen.getByTestId("cf-save"));
		await waitFor(() => expect(labels()).toEqual(["Tier"]));
		await addField("Seats", "number", { required: true });
		await waitFor(() => expect(labels()).toEqual(["Tier", "Seats"]));
		expect(screen.getAllByTestId("cf-row")[1]?.textContent).toContain("required");

		fireEvent.click(within(screen.getAllByTestId("cf-row")[1] as HTMLElement).getByTestId("cf-up"));
		await waitFor(() => expect(labels()).toEqual(["Seats", "Tier"]));

		fireEvent.click(
			within(screen.getAllByTestId("cf-row")[1] as HTMLElement).getByTestId("cf-edit"),
		);
		expect((screen.getByTestId("cf-type") as HTMLSelectElement).disabled).toBe(true);
		type("cf-label", "Account tier");
		fireEvent.click(screen.getByTestId("cf-save"));
		await waitFor(() => expect(labels()).toEqual(["Seats", "Account tier"]));

		fireEvent.click(
			within(screen.getAllByTestId("cf-row")[0] as HTMLElement).getByTestId("cf-delete"),
		);
		await waitFor(() => expect(labels()).toEqual(["Account tier"]));
		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(labels()).toEqual(["Seats", "Account tier"]));

		// Each record type has its own fields.
		fireEvent.click(screen.getByTestId("cf-entity-deal"));
		expect(await screen.findByTestId("cf-empty")).toBeTruthy();
	});

	it("puts the fields in the contact form, where the core's errors land at the field", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "settings" });
		await screen.findAllByTestId("cf-row");
		await addField("Seats", "number", { required: true });
		await addField("Renewal", "date");
		await addField("Topics", "multiselect", { options: "CRM, Mail" });
		await addField("Champion", "bool");

		fireEvent.click(screen.getByTestId("nav-contacts"));
		fireEvent.click(await screen.findByTestId("new-contact"));
		type("contact-first-name", "Zora");
		await screen.findByTestId("custom-seats");
		fireEvent.click(screen.getByTestId("contact-save"));
		const required = await screen.findByTestId("field-error-custom.seats");
		expect(required.textContent).toContain("Seats is required");
		expect(await unwrap(backend.commands.contactsCount(null))).toBe(12);

		type("custom-seats", "twelve");
		expect(screen.queryByTestId("field-error-custom.seats")).toBeNull();
		fireEvent.click(screen.getByTestId("contact-save"));
		expect((await screen.findByTestId("field-error-custom.seats")).textContent).toContain(
			"must be a number",
		);
		expect(await unwrap(backend.commands.contactsCount(null))).toBe(12);

		type("custom-seats", "12");
		type("custom-renewal", "2027-01-31");
		fireEvent.click(within(screen.getByTestId("custom-topics")).getByLabelText("Mail"));
		fireEvent.change(screen.getByTestId("custom-champion"), { target: { value: "yes" } });
		fireEvent.change(screen.getByTestId("custom-preferred_channel"), {
			target: { value: "Email" },
		});
		fireEvent.click(screen.getByTestId("contact-save"));
		await waitFor(() => expect(screen.queryByTestId("contact-dialog")).toBeNull());
		const zora = (
			await unwrap(backend.commands.contactsList({ search: "zora", cursor: null, limit: 5 }))
		).items[0];
		expect(zora?.custom).toEqual({
			preferred_channel: "Email",
			seats: 12,
			renewal: "2027-01-31",
			topics: ["Mail"],
			champion: true,
		});
	});
});
