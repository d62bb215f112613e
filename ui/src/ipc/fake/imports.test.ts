import { describe, expect, it } from "vitest";
import type { ImportRequest, ImportSummary } from "../../bindings";
import { createFakeBackend } from "../fakeBackend";
import { IpcError, unwrap } from "../unwrap";

const request = (path: string, patch: Partial<ImportRequest> = {}): ImportRequest => ({
	path,
	sheet: null,
	entity: "contacts",
	mapping: {},
	policy: "skip",
	header_row: null,
	...patch,
});

const counts = (s: ImportSummary) => [
	s.rows_in,
	s.created,
	s.updated,
	s.merged,
	s.skipped,
	s.rejected,
];

describe("fake spreadsheet import", () => {
	it("finds LinkedIn's header under its preamble and merges the same email in another case", async () => {
		const fake = createFakeBackend();
		const preview = await unwrap(
			fake.commands.importPreview(request("/tmp/x/linkedin_connections.csv")),
		);
		expect(preview.header_row).toBe(4);
		expect(preview.columns.map((c) => c.target)).toEqual([
			"first_name",
			"last_name",
			"linkedin",
			"email",
			"company",
			"title",
			"ignore",
		]);
		// The same outcome as the core's test of its own fixture.
		const run = await unwrap(fake.commands.importRun(request("/tmp/x/linkedin_connections.csv")));
		expect(counts(run)).toEqual([5, 4, 0, 1, 0, 0]);
		expect(await unwrap(fake.commands.contactsCount(null))).toBe(4);
	});

	it("skips or updates records already in the book, and undo restores them", async () => {
		const fake = createFakeBackend({ withSampleData: true });
		const skip = await unwrap(fake.commands.importPreview(request("crm_export.xlsx")));
		expect(skip.counts).toMatchObject({ rows_in: 5, created: 2, skipped: 1, rejected: 2 });
		expect(skip.problems.map((p) => p.row)).toEqual([6, 8]);
		expect(skip.problems[0]?.reason).toContain("Email: “mary(at)langley”");

		const ada = (
			await unwrap(fake.commands.contactsList({ search: "ada", cursor: null, limit: 5 }))
		).items[0];
		if (!ada) throw new Error("no sample Ada");
		const run = await unwrap(
			fake.commands.importRun(request("crm_export.xlsx", { policy: "update" })),
		);
		expect(counts(run)).toEqual([5, 2, 1, 0, 0, 2]);
		expect((await unwrap(fake.commands.contactGet(ada.id))).title).toBe("CTO");

		const undone = await unwrap(fake.commands.importUndo(run.import_id));
		expect(undone).toMatchObject({ restored: 1, edited_since: 0 });
		expect((await unwrap(fake.commands.contactGet(ada.id))).title).toBe("Head of Engineering");
		expect(await unwrap(fake.commands.contactsCount(null))).toBe(12);
		const again = await fake.commands.importUndo(run.import_id);
		expect(again.status === "error" && again.error.code).toBe("conflict");
	});

	it("refuses a broken file and a mapping to a field twice", async () => {
		const fake = createFakeBackend();
		await expect(unwrap(fake.commands.importPreview(request("broken.xlsx")))).rejects.toMatchObject(
			{
				code: "bad_file",
			},
		);
		const twice = await unwrap(
			fake.commands.importPreview(request("crm_export.xlsx", { mapping: { "#7": "title" } })),
		).catch((e: unknown) => e);
		expect(twice).toBeInstanceOf(IpcError);
		expect(twice).toMatchObject({ code: "validation", field: "mapping" });
	});

	it("reports progress and writes nothing when cancelled", async () => {
		const fake = createFakeBackend();
		const jobs: number[] = [];
		await fake.onCoreEvent((e) => {
			if (e.type === "job_progress" && e.kind === "import" && e.state === "running")
				jobs.push(e.job_id);
		});
		const running = fake.commands.importRun(request("large_export.csv"));
		await new Promise((r) => setTimeout(r, 120));
		expect(jobs.length).toBeGreaterThan(1);
		expect(await unwrap(fake.commands.cancelJob(jobs[0] ?? -1))).toBe(true);
		const result = await running;
		expect(result.status === "error" && result.error.code).toBe("cancelled");
		expect(await unwrap(fake.commands.contactsCount(null))).toBe(0);
		expect((await unwrap(fake.commands.importsList()))[0]?.status).toBe("cancelled");
	});
});
