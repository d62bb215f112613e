import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../../ipc/unwrap";
import { mailboxInput } from "../../../test/fixtures";
import { renderApp } from "../../../test/renderApp";

const type = (testId: string, value: string) =>
	fireEvent.change(screen.getByTestId(testId), { target: { value } });

const base = mailboxInput();

describe("Settings → Mailboxes", () => {
	it("adds a Gmail mailbox from its preset, tests it, and never shows the password again", async () => {
		const { backend, container } = renderApp({ view: "settings" });
		expect((await screen.findByTestId("mailboxes-empty")).textContent).toContain("keychain");

		fireEvent.click(screen.getByTestId("mailbox-add"));
		const dialog = await screen.findByTestId("mailbox-dialog");
		expect((screen.getByTestId("mailbox-smtp_host") as HTMLInputElement).value).toBe(
			"smtp.gmail.com",
		);
		expect(screen.getByTestId("mailbox-password-help").textContent).toContain("app password");

		fireEvent.change(screen.getByTestId("mailbox-preset"), { target: { value: "outlook" } });
		expect((screen.getByTestId("mailbox-smtp_host") as HTMLInputElement).value).toBe(
			"smtp.office365.com",
		);
		expect((screen.getByTestId("mailbox-smtp_security") as HTMLSelectElement).value).toBe(
			"starttls",
		);
		fireEvent.change(screen.getByTestId("mailbox-preset"), { target: { value: "gmail" } });

		type("mailbox-email", "ada@gmail.com");
		// The username follows the address until typed.
		expect((screen.getByTestId("mailbox-username") as HTMLInputElement).value).toBe(
			"ada@gmail.com",
		);
		type("mailbox-password", "abcd efgh ijkl mnop");
		fireEvent.click(within(dialog).getByTestId("mailbox-form-test"));
		expect((await screen.findByTestId("mailbox-check-smtp")).dataset.ok).toBe("true");
		expect(screen.getByTestId("mailbox-check-imap").dataset.ok).toBe("true");

		fireEvent.click(screen.getByTestId("mailbox-save"));
		const row = await screen.findByTestId("mailbox-row");
		expect(within(row).getByTestId("mailbox-name").textContent).toBe("ada@gmail.com");
		expect(within(row).getByTestId("mailbox-state").textContent).toBe("Sending");
		expect(screen.queryByTestId("mailbox-dialog")).toBeNull();

		const [saved] = await unwrap(backend.commands.mailboxesList());
		expect(saved?.smtp_host).toBe("smtp.gmail.com");
		expect(JSON.stringify(saved)).not.toContain("abcd efgh");
		expect(container.innerHTML).not.toContain("abcd efgh");

		// Editing leaves the password empty: it stays in the keychain unless replaced.
		fireEvent.click(within(row).getByTestId("mailbox-edit"));
		expect((screen.getByTestId("mailbox-password") as HTMLInputElement).value).toBe("");
		fireEvent.click(screen.getByTestId("mailbox-form-test"));
		expect((await screen.findByTestId("mailbox-check-smtp")).dataset.ok).toBe("true");
	});

	it("says per protocol what failed, and puts a bad field's error at the field", async () => {
		renderApp({ view: "settings" });
		await screen.findByTestId("mailboxes-empty");
		fireEvent.click(screen.getByTestId("mailbox-add"));
		await screen.findByTestId("mailbox-dialog");
		fireEvent.change(screen.getByTestId("mailbox-preset"), { target: { value: "custom" } });
		type("mailbox-email", "ada@example.com");
		type("mailbox-smtp_host", "smtp.example.com");
		type("mailbox-imap_host", "mail.example.invalid");
		type("mailbox-password", "wrong");
		fireEvent.click(screen.getByTestId("mailbox-form-test"));
		const smtp = await screen.findByTestId("mailbox-check-smtp");
		expect(smtp.dataset.code).toBe("mail_auth");
		expect(smtp.textContent).toContain("Sign-in refused");
		expect(smtp.textContent).toContain("535");
		expect(screen.getByTestId("mailbox-check-imap").dataset.code).toBe("mail_dns");

		type("mailbox-email", "not-an-address");
		fireEvent.click(screen.getByTestId("mailbox-save"));
		expect((await screen.findByTestId("field-error-email")).textContent).toContain("not an email");
	});

	it("warns before an unencrypted connection and needs it confirmed", async () => {
		const { backend } = renderApp({ view: "settings" });
		await screen.findByTestId("mailboxes-empty");
		fireEvent.click(screen.getByTestId("mailbox-add"));
		await screen.findByTestId("mailbox-dialog");
		type("mailbox-email", "test@example.com");
		type("mailbox-password", "pw");
		expect(screen.queryByTestId("mailbox-insecure-warning")).toBeNull();
		fireEvent.change(screen.getByTestId("mailbox-smtp_security"), { target: { value: "none" } });
		expect(screen.getByTestId("mailbox-insecure-warning").textContent).toContain("Not encrypted");
		fireEvent.click(screen.getByTestId("mailbox-save"));
		expect((await screen.findByTestId("mailbox-form-error")).textContent).toContain("Confirm");
		expect(await unwrap(backend.commands.mailboxesList())).toEqual([]);

		fireEvent.click(screen.getByTestId("mailbox-insecure-ok"));
		fireEvent.click(screen.getByTestId("mailbox-save"));
		const row = await screen.findByTestId("mailbox-row");
		expect(row.textContent).toContain("Unencrypted");
	});

	it("shows state at a glance, tests a saved mailbox, pauses it and removes it after confirming", async () => {
		const { backend } = renderApp({ view: "settings" });
		await screen.findByTestId("mailboxes-empty");
		const m = await unwrap(backend.commands.mailboxCreate(base));
		await unwrap(backend.commands.mailboxSetState(m.id, "auth_failed"));
		const row = await screen.findByTestId("mailbox-row");
		await waitFor(() => expect(row.dataset.state).toBe("auth_failed"));
		expect(within(row).getByTestId("mailbox-state").textContent).toBe("Password refused");
		expect(within(row).getByTestId("mailbox-state-reason").textContent).toContain("Edit");

		// A new password makes it send again.
		fireEvent.click(within(row).getByTestId("mailbox-edit"));
		await screen.findByTestId("mailbox-dialog");
		type("mailbox-password", "new-app-pw");
		fireEvent.click(screen.getByTestId("mailbox-save"));
		await waitFor(() => expect(screen.getByTestId("mailbox-row").dataset.state).toBe("active"));

		fireEvent.click(within(screen.getByTestId("mailbox-row")).getByTestId("mailbox-test"));
		const result = await screen.findByTestId("mailbox-test-result");
		expect(within(result).getByTestId("mailbox-check-smtp").dataset.ok).toBe("true");
		expect(within(result).getByTestId("mailbox-check-imap").dataset.ok).toBe("true");

		fireEvent.click(screen.getByTestId("mailbox-pause"));
		await waitFor(() => expect(screen.getByTestId("mailbox-state").textContent).toBe("Paused"));

		fireEvent.click(screen.getByTestId("mailbox-remove"));
		const confirm = await screen.findByTestId("mailbox-remove-dialog");
		expect(confirm.textContent).toContain("keychain");
		fireEvent.click(screen.getByTestId("mailbox-remove-confirm"));
		await screen.findByTestId("mailboxes-empty");
		expect(await unwrap(backend.commands.mailboxesList())).toEqual([]);
		expect((await backend.commands.mailboxTest(m.id)).status).toBe("error");
	});
});
