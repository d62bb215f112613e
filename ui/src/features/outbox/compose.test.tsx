import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { mailboxInput } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const mailbox = (name: string, email: string) => mailboxInput({ name, email });

async function openAdaCompose(
	setup?: (b: ReturnType<typeof renderApp>["backend"]) => Promise<void>,
) {
	const app = renderApp({ withSampleData: true, view: "contacts" });
	await setup?.(app.backend);
	const row = await waitFor(() => {
		const found = screen
			.getAllByTestId("contact-row")
			.find((r) => r.textContent?.includes("Ada Lovelace"));
		if (!found) throw new Error("no Ada");
		return found;
	});
	fireEvent.click(row);
	const panel = await screen.findByTestId("contact-dialog");
	fireEvent.click(await within(panel).findByTestId("contact-compose"));
	await screen.findByTestId("compose-dialog");
	return app;
}

const type = (testId: string, value: string) =>
	fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe("Compose", () => {
	it("explains how to add a mailbox when there is none", async () => {
		await openAdaCompose();
		expect((await screen.findByTestId("compose-no-mailbox")).textContent).toContain(
			"Settings → Mailboxes",
		);
		fireEvent.click(screen.getByTestId("compose-add-mailbox"));
		expect(await screen.findByTestId("mailboxes-settings")).toBeTruthy();
		expect(screen.queryByTestId("compose-dialog")).toBeNull();
	});

	it("sends free text from the first active mailbox with Ctrl+Enter and links to the Outbox", async () => {
		const { backend } = await openAdaCompose(async (b) => {
			const paused = await unwrap(b.commands.mailboxCreate(mailbox("Paused", "p@work.example")));
			await unwrap(b.commands.mailboxSetState(paused.id, "paused"));
			await unwrap(b.commands.mailboxCreate(mailbox("Work", "ada@work.example")));
		});
		const from = (await screen.findByTestId("compose-mailbox")) as HTMLSelectElement;
		expect(from.selectedOptions[0]?.textContent).toContain("Work");
		const to = screen.getByTestId("compose-to") as HTMLInputElement;
		expect(to.value).toMatch(/^ada\.lovelace@/);

		// Empty subject: the error lands at the field.
		type("compose-body", "Hello Ada");
		fireEvent.keyDown(screen.getByTestId("compose-body"), { key: "Enter", ctrlKey: true });
		expect((await screen.findByTestId("field-error-subject")).textContent).toContain("subject");

		type("compose-subject", "Engines");
		await waitFor(() =>
			expect(screen.getByTestId("compose-preview-subject").textContent).toBe("Engines"),
		);
		fireEvent.keyDown(screen.getByTestId("compose-subject"), { key: "Enter", metaKey: true });
		await waitFor(() => expect(screen.queryByTestId("compose-dialog")).toBeNull());
		const toast = await screen.findByText(/Queued — goes now/);
		expect(toast).toBeTruthy();

		const { items } = await unwrap(backend.commands.outboxList(null, 10));
		expect(items).toHaveLength(1);
		expect(items[0]?.subject).toBe("Engines");
		expect(items[0]?.mailbox_name).toBe("Work");
		expect(items[0]?.contact_name).toBe("Ada Lovelace");

		fireEvent.click(screen.getByTestId("toast-open-outbox"));
		const row = await screen.findByTestId("outbox-item");
		expect(within(row).getByTestId("outbox-subject").textContent).toBe("Engines");
	});

	it("previews a template with its missing fields, and refuses a suppressed address at the To field", async () => {
		await openAdaCompose(async (b) => {
			await unwrap(b.commands.mailboxCreate(mailbox("Work", "ada@work.example")));
			await unwrap(
				b.commands.templateCreate({
					name: "Intro",
					subject: "Hi {{ contact.first_name }}",
					body_text: "See {{ contact.linkedin }}",
					body_html: null,
				}),
			);
			await unwrap(
				b.commands.suppressionAdd({
					kind: "email",
					value: "blocked@nowhere.example",
					company_id: null,
					reason: null,
					note: null,
				}),
			);
		});
		const template = (await screen.findByTestId("compose-template")) as HTMLSelectElement;
		await waitFor(() => expect(template.options.length).toBe(2));
		fireEvent.change(template, { target: { value: template.options[1]?.value } });
		expect(screen.queryByTestId("compose-subject")).toBeNull();
		await waitFor(() =>
			expect(screen.getByTestId("compose-preview-subject").textContent).toBe("Hi Ada"),
		);
		expect(screen.getByTestId("compose-missing").textContent).toContain("contact.linkedin");

		type("compose-to", "blocked@nowhere.example");
		expect((await screen.findByTestId("compose-suppressed")).textContent).toContain(
			"suppression list",
		);
		fireEvent.click(screen.getByTestId("compose-send"));
		expect((await screen.findByTestId("field-error-to")).textContent).toContain("Not queued");
		expect(screen.getByTestId("compose-dialog")).toBeTruthy();

		// Escape closes it.
		fireEvent.keyDown(document, { key: "Escape" });
		await waitFor(() => expect(screen.queryByTestId("compose-dialog")).toBeNull());
	});
});
