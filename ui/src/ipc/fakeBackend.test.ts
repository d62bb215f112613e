import { describe, expect, it } from "vitest";
import { commands } from "../bindings";
import { createFakeBackend } from "./fakeBackend";
import { IpcError, unwrap } from "./unwrap";

describe("fake backend", () => {
	it("implements every generated command", () => {
		const fake = createFakeBackend();
		expect(Object.keys(fake.commands).sort()).toEqual(Object.keys(commands).sort());
	});

	it("pages with next_cursor until the last page", async () => {
		const fake = createFakeBackend({ withSampleData: true });
		const first = await unwrap(
			fake.commands.contactsList({ search: null, cursor: null, limit: 5 }),
		);
		expect(first.items).toHaveLength(5);
		expect(first.total).toBeNull(); // like the core: contact pages never wait for a count
		expect(await unwrap(fake.commands.contactsCount(null))).toBe(12);
		expect(first.next_cursor).not.toBeNull();
		const rest = await unwrap(
			fake.commands.contactsList({ search: null, cursor: first.next_cursor, limit: 100 }),
		);
		expect(rest.items).toHaveLength(7);
		expect(rest.next_cursor).toBeNull();
		const ids = new Set([...first.items, ...rest.items].map((c) => c.id));
		expect(ids.size).toBe(12);
	});

	it("rejects an email without @ as a validation error on the emails field", async () => {
		const fake = createFakeBackend();
		const result = await fake.commands.contactCreate({
			first_name: "Bad",
			last_name: "Email",
			title: null,
			company_id: null,
			company_name: null,
			lifecycle: null,
			lead_status: null,
			lead_source: null,
			emails: ["nobody.example.com"],
			phones: [],
			city: null,
			country: null,
			linkedin: null,
		});
		expect(result.status).toBe("error");
		const error = await unwrap(Promise.resolve(result)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(IpcError);
		expect(error).toMatchObject({ code: "validation", field: "emails" });
	});

	it("reports is_empty until data exists", async () => {
		const fake = createFakeBackend();
		expect((await unwrap(fake.commands.appInfo())).is_empty).toBe(true);
		const loaded = await unwrap(fake.commands.loadSampleData());
		expect(loaded.loaded).toBe(true);
		expect((await unwrap(fake.commands.appInfo())).is_empty).toBe(false);
		expect((await unwrap(fake.commands.loadSampleData())).loaded).toBe(false);
	});
});
