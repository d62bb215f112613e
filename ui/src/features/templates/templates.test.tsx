import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

const type = (testId: string, value: string) =>
	fireEvent.change(screen.getByTestId(testId), { target: { value } });

async function createTemplate(name: string, subject: string, body: string) {
	fireEvent.click(await screen.findByTestId("template-new"));
	type("template-name", name);
	type("template-subject", subject);
	type("template-body_text", body);
	fireEvent.click(screen.getByTestId("template-save"));
	await waitFor(() =>
		expect(screen.getAllByTestId("template-item").map((i) => i.textContent)).toContainEqual(
			expect.stringContaining(name),
		),
	);
}

describe("Templates", () => {
	it("explains the library when empty and starts a template with a live preview", async () => {
		renderApp({ withSampleData: true, view: "templates" });
		const empty = await screen.findByTestId("templates-empty");
		expect(empty.textContent).toContain("merge fields");
		fireEvent.click(within(empty).getByText("Write your first template"));
		// The starter draft previews for the first contact, with their first name merged in.
		const subject = await screen.findByTestId("template-preview-subject");
		await waitFor(() => expect(subject.textContent).toMatch(/^Quick question, [A-Z][a-z]+$/));
		expect(subject.textContent).not.toContain("{{");
	});

	it("saves a template and previews it for a chosen contact", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "templates" });
		await createTemplate("Hello", "Hi {{ contact.first_name }}", "At {{ company.name }}");
		expect((await unwrap(backend.commands.templatesList()))[0]?.name).toBe("Hello");

		fireEvent.change(screen.getByTestId("record-chooser-input"), { target: { value: "ada" } });
		fireEvent.click(
			await screen.findByText("Ada Lovelace", { selector: "[data-testid=record-option] span" }),
		);
		expect((await screen.findByTestId("record-chosen")).textContent).toContain("Ada Lovelace");
		await waitFor(() =>
			expect(screen.getByTestId("template-preview-subject").textContent).toBe("Hi Ada"),
		);
		expect(screen.getByTestId("template-preview-text").textContent).toBe("At Initech");
	});

	it("warns about fields the chosen record has no value for", async () => {
		renderApp({ withSampleData: true, view: "templates" });
		await createTemplate("Social", "Hi", "Saw your profile: {{ contact.linkedin }}");
		const missing = await screen.findByTestId("template-missing");
		expect(missing.textContent).toContain("contact.linkedin");
		expect(missing.textContent).toContain("default(");
	});

	it("shows an unknown merge field at its field and line, and saves nothing", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "templates" });
		fireEvent.click(await screen.findByTestId("template-new"));
		type("template-name", "Typo");
		type("template-body_text", "Hello\n{{ contact.frist_name }}");
		expect((await screen.findByTestId("template-problems")).textContent).toContain(
			"Text body, line 2",
		);
		fireEvent.click(screen.getByTestId("template-save"));
		const error = await screen.findByTestId("field-error-body_text");
		expect(error.textContent).toContain("Line 2");
		expect(error.textContent).toContain("contact.frist_name");
		expect(await unwrap(backend.commands.templatesList())).toEqual([]);
	});

	it("inserts a merge field where the caret is", async () => {
		renderApp({ withSampleData: true, view: "templates" });
		fireEvent.click(await screen.findByTestId("template-new"));
		const body = screen.getByTestId("template-body_text") as HTMLTextAreaElement;
		type("template-body_text", "Dear ,");
		fireEvent.focus(body);
		body.setSelectionRange(5, 5);
		const picker = screen.getByTestId("merge-picker");
		const field = await within(picker).findByText("Last name");
		fireEvent.click(field);
		expect(body.value).toBe("Dear {{ contact.last_name }},");
	});

	it("deletes a template with an undo", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "templates" });
		await createTemplate("Old", "Hi", "Bye");
		fireEvent.click(screen.getByTestId("template-delete"));
		expect(await screen.findByTestId("templates-empty")).toBeTruthy();
		fireEvent.click(await screen.findByTestId("template-undo-delete"));
		await waitFor(() => expect(screen.getAllByTestId("template-item")).toHaveLength(1));
		expect((await unwrap(backend.commands.templatesList())).map((t) => t.name)).toEqual(["Old"]);
	});
});
