import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { mailboxInput } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

describe("A message removed from the server", () => {
	it("stays in the thread with a quiet note; the others have none", async () => {
		const { backend } = renderApp({ view: "inbox" });
		const mb = await unwrap(
			backend.commands.mailboxCreate(mailboxInput({ email: "me@example.com" })),
		);
		backend.seedContact({ first_name: "Ada", last_name: "Lovelace", emails: ["ada@acme.example"] });
		const first = backend.deliverEmail({
			mailbox_id: mb.id,
			from_addr: "ada@acme.example",
			from_name: "Ada Lovelace",
			subject: "Re: Proposal",
			body_text: "Deleted on my phone later.",
			sent_at: "2025-03-01T10:00:00Z",
			removed_at: "2025-03-03T08:00:00Z",
		});
		backend.deliverEmail({
			mailbox_id: mb.id,
			thread_id: first.thread_id,
			from_addr: "ada@acme.example",
			from_name: "Ada Lovelace",
			subject: "Re: Proposal",
			body_text: "Still on the server.",
			sent_at: "2025-03-02T10:00:00Z",
		});

		fireEvent.click(await screen.findByTestId("inbox-thread"));
		await waitFor(() => expect(screen.getAllByTestId("mail-message")).toHaveLength(2));
		const [gone, kept] = screen.getAllByTestId("mail-message");
		expect(gone?.textContent).toContain("Deleted on my phone later.");
		expect(gone?.querySelector("[data-testid=mail-removed]")?.textContent).toBe(
			"Removed from the server",
		);
		expect(kept?.querySelector("[data-testid=mail-removed]")).toBeNull();
	});
});
