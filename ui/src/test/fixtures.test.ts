import { describe, expect, it } from "vitest";
import { createFakeBackend } from "../ipc/fakeBackend";
import { unwrap } from "../ipc/unwrap";
import { mailboxInput, seedMailAndTemplate } from "./fixtures";

describe("test fixtures", () => {
	it("makes a mailbox whose username follows its address unless given", () => {
		expect(mailboxInput()).toMatchObject({ email: "ada@example.com", username: "ada@example.com" });
		expect(mailboxInput({ email: "me@example.com" }).username).toBe("me@example.com");
		expect(mailboxInput({ email: "me@example.com", username: "me" }).username).toBe("me");
	});

	it("seeds a mailbox and a template the fake backend lists", async () => {
		const backend = createFakeBackend();
		const { mb, intro } = await seedMailAndTemplate(backend);
		expect((await unwrap(backend.commands.mailboxesList())).map((m) => m.id)).toEqual([mb.id]);
		const [template] = await unwrap(backend.commands.templatesList());
		expect(template).toMatchObject({ id: intro.id, name: "Intro", body_html: null });
	});
});
