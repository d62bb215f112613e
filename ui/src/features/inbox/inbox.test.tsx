import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { mailboxInput } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

const mailbox = mailboxInput({ email: "me@example.com" });

async function withMail() {
	const app = renderApp({ view: "inbox" });
	const { backend } = app;
	const mb = await unwrap(backend.commands.mailboxCreate(mailbox));
	const ada = backend.seedContact({
		first_name: "Ada",
		last_name: "Lovelace",
		emails: ["ada@acme.example"],
	});
	const reply = backend.deliverEmail({
		mailbox_id: mb.id,
		from_addr: "ada@acme.example",
		from_name: "Ada Lovelace",
		subject: "Re: Proposal",
		body_text: "Sounds good, let's talk Tuesday.",
		sent_at: "2025-03-02T10:00:00Z",
	});
	const stranger = backend.deliverEmail({
		mailbox_id: mb.id,
		from_addr: "grace@navy.example",
		from_name: "Grace Hopper",
		subject: "Hello from the Navy",
		body_html:
			'<p onclick="steal()">Hi!</p><script>alert(1)</script><img src="https://tracker.example/p.gif">',
		sent_at: "2025-03-01T10:00:00Z",
	});
	return { ...app, mb, ada, reply, stranger };
}

describe("Inbox", () => {
	it("explains how to connect a mailbox when there is none", async () => {
		renderApp({ view: "inbox" });
		const empty = await screen.findByTestId("inbox-no-mailbox");
		expect(empty.textContent).toContain("IMAP");
		fireEvent.click(screen.getByTestId("inbox-open-mailboxes"));
		expect(await screen.findByTestId("mailbox-add")).toBeTruthy();
	});

	it("lists linked threads with unread counts and chips; All mail adds strangers", async () => {
		await withMail();
		const rows = await screen.findAllByTestId("inbox-thread");
		expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining("Re: Proposal")]);
		const row = rows[0]?.closest("li") as HTMLElement;
		expect(within(row).getByTestId("inbox-unread").textContent).toBe("1");
		expect(within(row).getByTestId("mail-class").textContent).toBe("Reply");
		expect(within(row).getByTestId("mail-chip-contact").textContent).toBe("Ada Lovelace");

		fireEvent.click(screen.getByTestId("inbox-filter-all"));
		await waitFor(() => expect(screen.getAllByTestId("inbox-thread")).toHaveLength(2));
	});

	it("opens a thread, marks it read, and shows plain text as text", async () => {
		await withMail();
		fireEvent.click(await screen.findByText("Re: Proposal"));
		const thread = await screen.findByTestId("mail-thread");
		expect(within(thread).getByTestId("mail-text").textContent).toContain("Tuesday");
		await waitFor(() => expect(screen.queryByTestId("inbox-unread")).toBeNull());
	});

	it("shows HTML in a sandboxed iframe with no scripts and remote images blocked until allowed", async () => {
		await withMail();
		fireEvent.click(await screen.findByTestId("inbox-filter-all"));
		fireEvent.click(await screen.findByText("Hello from the Navy"));
		const frame = (await screen.findByTestId("mail-html")) as HTMLIFrameElement;
		expect(frame.getAttribute("sandbox")).toBe("");
		const doc = frame.getAttribute("srcdoc") ?? "";
		expect(doc).toContain("Content-Security-Policy");
		expect(doc).not.toContain("<script");
		expect(doc).not.toContain("onclick");
		expect(doc).not.toContain("tracker.example");

		fireEvent.click(screen.getByTestId("mail-allow-images"));
		await waitFor(() =>
			expect(screen.getByTestId("mail-html").getAttribute("srcdoc")).toContain(
				"https://tracker.example/p.gif",
			),
		);
		expect(screen.queryByTestId("mail-allow-images")).toBeNull();
	});

	it("creates a contact from an unknown sender and links the thread", async () => {
		const { backend } = await withMail();
		fireEvent.click(await screen.findByTestId("inbox-filter-all"));
		fireEvent.click(await screen.findByText("Hello from the Navy"));
		fireEvent.click(await screen.findByTestId("mail-create-contact"));
		const thread = await screen.findByTestId("mail-thread");
		await waitFor(() =>
			expect(within(thread).getByTestId("mail-chip-contact").textContent).toBe("Grace Hopper"),
		);
		expect(screen.queryByTestId("mail-create-contact")).toBeNull();
		const contacts = await unwrap(
			backend.commands.contactsList({ search: "grace", cursor: null, limit: 5 }),
		);
		expect(contacts.items.map((c) => c.last_name)).toEqual(["Hopper"]);
	});

	it("replies through the outbox with In-Reply-To and References", async () => {
		const { backend, mb, reply } = await withMail();
		fireEvent.click(await screen.findByText("Re: Proposal"));
		const thread = await screen.findByTestId("mail-thread");
		const shown = await unwrap(backend.commands.inboxThread(reply.thread_id));
		fireEvent.change(within(thread).getByTestId("mail-reply-body"), {
			target: { value: "Tuesday it is." },
		});
		fireEvent.click(within(thread).getByTestId("mail-reply-send"));
		await waitFor(async () => {
			const outbox = await unwrap(backend.commands.outboxList(null, 10));
			expect(outbox.items).toHaveLength(1);
		});
		const outbox = await unwrap(backend.commands.outboxList(null, 10));
		const sent = await unwrap(backend.commands.outboxMessage(outbox.items[0]?.id ?? 0));
		const last = shown.messages.at(-1)?.message.message_id;
		expect(sent).toMatchObject({ in_reply_to: last, references: last });
		expect(sent.item).toMatchObject({
			mailbox_id: mb.id,
			to_addr: "ada@acme.example",
			subject: "Re: Proposal",
		});
	});

	it("syncs on demand and says when it last did", async () => {
		await withMail();
		fireEvent.click(await screen.findByTestId("mail-sync-now"));
		await waitFor(() =>
			expect(screen.getByTestId("mail-sync-status").textContent).toMatch(/^Synced/),
		);
	});
});
