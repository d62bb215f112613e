import { describe, expect, it } from "vitest";
import { mailboxInput } from "../../test/fixtures";
import { createFakeBackend } from "../fakeBackend";
import { unwrap } from "../unwrap";

const mailbox = mailboxInput();

describe("fake outbox", () => {
	it("queues with a Message-ID, lists the sender, cancels and retries like the core", async () => {
		const { commands } = createFakeBackend();
		const mb = await unwrap(commands.mailboxCreate(mailbox));
		const queued = await unwrap(
			commands.outboxSend({
				mailbox_id: mb.id,
				to: "grace@example.org",
				subject: "Hello",
				body_text: "Shall we talk?",
			}),
		);
		expect(queued.message_id).toMatch(/^<.+@example\.com>$/);
		const outbox = await unwrap(commands.outboxList(null, 50));
		expect(outbox.items.map((i) => [i.id, i.status])).toEqual([[queued.id, "queued"]]);
		expect(outbox.senders[0]).toMatchObject({ name: "Work", queued: 1, state: "active" });

		await unwrap(commands.outboxCancel(queued.id));
		await expect(unwrap(commands.outboxCancel(queued.id))).rejects.toMatchObject({
			code: "conflict",
		});
		const again = await unwrap(commands.outboxRetry(queued.id));
		expect(again.item.status).toBe("queued");
	});

	it("refuses what the core refuses: no subject, a suppressed address", async () => {
		const { commands } = createFakeBackend();
		const mb = await unwrap(commands.mailboxCreate(mailbox));
		const noSubject = unwrap(
			commands.outboxSend({ mailbox_id: mb.id, to: "x@example.org", body_text: "Hi" }),
		);
		await expect(noSubject).rejects.toMatchObject({ field: "subject" });
		await unwrap(
			commands.suppressionAdd({
				kind: "domain",
				value: "gone.example",
				company_id: null,
				reason: null,
				note: null,
			}),
		);
		const preview = await unwrap(
			commands.outboxPreview({
				mailbox_id: mb.id,
				to: "a@gone.example",
				subject: "Hi",
				body_text: "Hi",
			}),
		);
		expect(preview.suppressed).toContain("suppression list");
		const refused = await commands.outboxSend({
			mailbox_id: mb.id,
			to: "a@gone.example",
			subject: "Hi",
			body_text: "Hi",
		});
		expect(refused.status === "error" && refused.error.field).toBe("to");
	});
});
