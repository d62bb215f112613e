import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FakeBackend } from "../../ipc/fakeBackend";
import { unwrap } from "../../ipc/unwrap";
import { mailboxInput } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const mailbox = (name: string, email: string, daily_limit = 0) =>
	mailboxInput({ name, email, daily_limit });

async function queue(backend: FakeBackend, mailboxId: number, subject: string) {
	return unwrap(
		backend.commands.outboxSend({
			mailbox_id: mailboxId,
			to: `${subject.toLowerCase().replace(/\W+/g, "")}@example.com`,
			subject,
			body_text: "Hello",
		}),
	);
}

const item = (subject: string) =>
	screen
		.getAllByTestId("outbox-item")
		.find((r) => within(r).getByTestId("outbox-subject").textContent === subject) as HTMLElement;

describe("Outbox", () => {
	it("explains what to do when there is no mailbox, and is reached from the sidebar", async () => {
		renderApp({ withSampleData: true, view: "contacts" });
		fireEvent.click(await screen.findByTestId("nav-outbox"));
		const empty = await screen.findByTestId("outbox-empty");
		expect(empty.textContent).toContain("Settings → Mailboxes");
		fireEvent.click(screen.getByTestId("outbox-add-mailbox"));
		expect(await screen.findByTestId("mailboxes-settings")).toBeTruthy();
	});

	it("shows each sender's state and limit, the messages by status, and refreshes on outbox events", async () => {
		const { backend } = renderApp({ view: "outbox" });
		const work = await unwrap(
			backend.commands.mailboxCreate(mailbox("Work", "ada@work.example", 50)),
		);
		const old = await unwrap(backend.commands.mailboxCreate(mailbox("Old", "ada@old.example")));
		await unwrap(backend.commands.mailboxSetState(old.id, "auth_failed"));
		const a = await queue(backend, work.id, "Quarterly numbers");
		const b = await queue(backend, work.id, "Bounced offer");
		const c = await queue(backend, work.id, "Delivered note");
		await queue(backend, old.id, "Stuck behind a password");

		const senders = await screen.findAllByTestId("outbox-sender");
		const workCard = senders.find((s) => s.dataset.mailboxId === String(work.id)) as HTMLElement;
		const oldCard = senders.find((s) => s.dataset.mailboxId === String(old.id)) as HTMLElement;
		expect(within(workCard).getByTestId("outbox-sender-state").textContent).toBe("Sending");
		expect(within(workCard).getByTestId("outbox-sender-today").textContent).toBe("0 of 50");
		expect(within(workCard).getByTestId("outbox-sender-next").textContent).toBe("now");
		expect(oldCard.dataset.state).toBe("auth_failed");
		expect(within(oldCard).getByTestId("outbox-sender-state").textContent).toBe("Password refused");
		expect(within(oldCard).getByTestId("outbox-sender-reason").textContent).toContain(
			"Settings → Mailboxes",
		);
		// The queued message behind the refused password says why it waits.
		expect(
			within(item("Stuck behind a password")).getByTestId("outbox-waiting").textContent,
		).toContain("refused the password");
		expect(within(item("Quarterly numbers")).getByTestId("outbox-when").textContent).toContain(
			"Goes now",
		);

		// The sender works in the background: the view follows its events without a reload.
		const sentAt = new Date().toISOString();
		act(() => {
			backend.setOutboxStatus(b.id, "failed", {
				last_error: "The server refused the address.",
				server_reply: "550 5.1.1 No such user",
			});
			backend.setOutboxStatus(c.id, "sent", { sent_at: sentAt });
		});
		await waitFor(() => expect(item("Bounced offer").dataset.status).toBe("failed"));
		expect(within(item("Bounced offer")).getByTestId("outbox-server-reply").textContent).toBe(
			"550 5.1.1 No such user",
		);
		expect(within(item("Delivered note")).getByTestId("outbox-status").textContent).toBe("Sent");
		expect(within(workCard).getByTestId("outbox-sender-today").textContent).toBe("1 of 50");
		expect(item("Quarterly numbers").dataset.status).toBe("queued");
		expect(a.id).toBeGreaterThan(0);

		// A failed message can be retried: back in the queue.
		fireEvent.click(within(item("Bounced offer")).getByTestId("outbox-retry"));
		await waitFor(() => expect(item("Bounced offer").dataset.status).toBe("queued"));
		expect(within(item("Bounced offer")).queryByTestId("outbox-server-reply")).toBeNull();
	});

	it("cancels a queued message with an undo that queues it again", async () => {
		const { backend } = renderApp({ view: "outbox" });
		const work = await unwrap(backend.commands.mailboxCreate(mailbox("Work", "ada@work.example")));
		await queue(backend, work.id, "Hello there");
		await waitFor(() => expect(item("Hello there").dataset.status).toBe("queued"));

		fireEvent.click(within(item("Hello there")).getByTestId("outbox-cancel"));
		await waitFor(() => expect(item("Hello there").dataset.status).toBe("cancelled"));
		const [stored] = (await unwrap(backend.commands.outboxList(null, 10))).items;
		expect(stored?.status).toBe("cancelled");
		expect(within(item("Hello there")).queryByTestId("outbox-cancel")).toBeNull();

		fireEvent.click(await screen.findByTestId("toast-undo"));
		await waitFor(() => expect(item("Hello there").dataset.status).toBe("queued"));
	});

	it("says the outbox is empty when a mailbox exists but nothing was written", async () => {
		const { backend } = renderApp({ view: "outbox" });
		await unwrap(backend.commands.mailboxCreate(mailbox("Work", "ada@work.example")));
		await waitFor(() => expect(screen.getAllByTestId("outbox-sender")).toHaveLength(1));
		expect(screen.getByTestId("outbox-empty").textContent).toContain(
			"write from a contact, company or deal",
		);
		expect(screen.getByTestId("outbox-sender-next").textContent).toBe("Nothing queued");
	});
});
