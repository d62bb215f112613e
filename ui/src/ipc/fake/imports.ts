import type {
	Company,
	CompanyInput,
	ContactDetail,
	ContactInput,
	CoreEvent,
	Deal,
	DealInput,
	ImportJobInfo,
	ImportRequest,
	ImportSummary,
	ImportUndone,
	JobState,
	LeadSource,
	LeadStatus,
	Lifecycle,
	Pipeline,
	Value,
} from "../../bindings";
import type { Commands } from "../backend";
import { Failure, type FakeContext, notFound } from "./context";
import type { FakeCustomFields } from "./customFields";
import { fileName, openFakeFile, pickSheet } from "./importFiles";
import {
	allowedTargets,
	type Draft,
	mergeDraft,
	type Pass,
	type PlanWorld,
	plan,
	savePreset,
} from "./importPlan";

type ImportCommands = Pick<
	Commands,
	| "importSheets"
	| "importPreview"
	| "importRun"
	| "importsList"
	| "importUndo"
	| "importRejectsSave"
	| "cancelJob"
>;

/** What the import fake needs from the main fake: its maps and its checked ways to create records. */
export type ImportDeps = {
	contacts: Map<number, ContactDetail>;
	companies: Map<number, Company>;
	deals: Map<number, Deal>;
	pipelines: Pipeline[];
	customFields: FakeCustomFields;
	createContact(input: ContactInput): ContactDetail;
	createCompany(input: CompanyInput): Company;
	createDeal(input: DealInput): Deal;
	emit(event: CoreEvent): void;
};

type Entity = "contact" | "company" | "deal";
type Trace = {
	created: { entity: Entity; id: number }[];
	/** Before-images of the records the import changed, taken before its first change. */
	updated: { entity: Entity; id: number; before: ContactDetail | Company | Deal }[];
	rejects: { row: number; reason: string; cells: string[] }[];
	finishedAt: string;
};

/** Rows per progress step, and the pause between steps, so a big file takes long enough to cancel. */
const CHUNK = 200;
const STEP_MS = 40;

const now = () => new Date().toISOString();
const str = (d: Draft, k: string): string | null => {
	const v = d[k];
	return typeof v === "string" && v !== "" ? v : null;
};
const list = (d: Draft, k: string): string[] => (Array.isArray(d[k]) ? (d[k] as string[]) : []);
const customOf = (d: Draft): { [key: string]: Value } =>
	Object.fromEntries(
		Object.entries(d)
			.filter(([k]) => k.startsWith("custom:"))
			.map(([k, v]) => [k.slice(7), v as string]),
	);

/** A stand-in for the core's SHA-256 of the file: stable per path. */
function fakeHash(path: string): string {
	let h = 0x811c9dc5;
	for (const ch of path) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
	return h.toString(16).padStart(8, "0").repeat(8);
}

/** Spreadsheet import over the fake's records: preview, a cancellable run with progress, history, undo. */
export function fakeImports(ctx: FakeContext, deps: ImportDeps) {
	const jobs: ImportJobInfo[] = [];
	const traces = new Map<number, Trace>();
	const presets = new Map<string, string[]>();
	const running = new Map<number, { cancelled: boolean }>();
	let nextJob = 1000;

	function world(): PlanWorld {
		const pipeline = deps.pipelines.find((p) => p.is_default) ?? deps.pipelines[0];
		return {
			contacts: deps.contacts,
			companies: deps.companies,
			deals: deps.deals,
			stages: pipeline?.stages ?? [],
			pipelineName: pipeline?.name ?? "the pipeline",
			customFields: deps.customFields,
			presets,
		};
	}

	function progress(jobId: number, kind: string, state: JobState, done: number, started: number) {
		const secs = (Date.now() - started) / 1000;
		deps.emit({
			type: "job_progress",
			job_id: jobId,
			kind,
			state,
			done,
			total: state === "running" ? null : done,
			rate: secs > 0 ? done / secs : 0,
			message: null,
		});
	}

	function passFor(req: ImportRequest) {
		const sheets = openFakeFile(req.path);
		const sheet = pickSheet(sheets, req.sheet);
		return { sheets, sheet, pass: plan(req, sheet, world()) };
	}

	function record(
		req: ImportRequest,
		status: string,
		pass: Pass | null,
		started: number,
		error: string | null,
	): ImportJobInfo {
		const job: ImportJobInfo = {
			id: ctx.newId(),
			file_name: fileName(req.path),
			file_hash: fakeHash(req.path),
			sheet: req.sheet,
			entity: req.entity,
			policy: req.policy,
			status,
			rows_in: pass && status === "completed" ? pass.counts.rows_in : 0,
			created: pass && status === "completed" ? pass.counts.created : 0,
			updated: pass && status === "completed" ? pass.counts.updated : 0,
			merged: pass && status === "completed" ? pass.counts.merged : 0,
			skipped: pass && status === "completed" ? pass.counts.skipped : 0,
			rejected: pass && status === "completed" ? pass.counts.rejected : 0,
			error,
			started_at: new Date(started).toISOString(),
			duration_ms: Date.now() - started,
			undone_at: null,
		};
		jobs.unshift(job);
		return job;
	}

	function companyFor(name: string | null, domain: string | null, trace: Trace): Company | null {
		if (!name && !domain) return null;
		const found = [...deps.companies.values()].find(
			(c) =>
				(domain !== null && c.domain === domain) ||
				(name !== null && c.name.toLowerCase() === name.toLowerCase()),
		);
		if (found) return found;
		const company = deps.createCompany({
			name: name ?? domain ?? "",
			website: domain,
			industry: null,
			size: null,
			phone: null,
			city: null,
			country: null,
			description: null,
		});
		trace.created.push({ entity: "company", id: company.id });
		return company;
	}

	function create(entity: ImportRequest["entity"], d: Draft, trace: Trace) {
		if (entity === "contacts") {
			const company = companyFor(str(d, "company"), str(d, "website"), trace);
			const contact = deps.createContact({
				first_name: str(d, "first_name") ?? "",
				last_name: str(d, "last_name") ?? "",
				title: str(d, "title"),
				company_id: company?.id ?? null,
				company_name: company?.name ?? null,
				lifecycle: (str(d, "lifecycle") as Lifecycle | null) ?? "contact",
				lead_status: str(d, "lead_status") as LeadStatus | null,
				lead_source: (str(d, "lead_source") as LeadSource | null) ?? "import",
				emails: list(d, "email"),
				phones: list(d, "phone"),
				city: str(d, "city"),
				country: str(d, "country"),
				linkedin: str(d, "linkedin"),
				custom: customOf(d),
			});
			trace.created.push({ entity: "contact", id: contact.id });
		} else if (entity === "companies") {
			const company = deps.createCompany({
				name: str(d, "company") ?? "",
				website: str(d, "website"),
				industry: str(d, "industry"),
				size: str(d, "size"),
				phone: str(d, "phone"),
				city: str(d, "city"),
				country: str(d, "country"),
				description: str(d, "description"),
				custom: customOf(d),
			});
			trace.created.push({ entity: "company", id: company.id });
		} else {
			const stage = world().stages.find((s) => s.name === str(d, "stage"));
			const company = companyFor(str(d, "company"), null, trace);
			const value = str(d, "deal_value");
			const deal = deps.createDeal({
				title: str(d, "deal_title") ?? "",
				pipeline_id: null,
				stage_id: stage?.id ?? null,
				company_id: company?.id ?? null,
				contact_id: null,
				value_cents: value === null ? 0 : Math.round(Number(value) * 100),
				currency: str(d, "currency"),
				probability: null,
				expected_close: str(d, "expected_close"),
				custom: customOf(d),
			});
			trace.created.push({ entity: "deal", id: deal.id });
		}
	}

	/** Applies a row to a record already in the book, keeping its before-image for undo. */
	function update(
		entity: ImportRequest["entity"],
		id: number,
		d: Draft,
		overwrite: boolean,
		trace: Trace,
	) {
		const kind: Entity =
			entity === "contacts" ? "contact" : entity === "companies" ? "company" : "deal";
		const map = (
			kind === "contact" ? deps.contacts : kind === "company" ? deps.companies : deps.deals
		) as Map<number, ContactDetail | Company | Deal>;
		const current = map.get(id);
		if (!current) return;
		if (!trace.updated.some((u) => u.entity === kind && u.id === id))
			trace.updated.push({ entity: kind, id, before: structuredClone(current) });
		const fields: Record<string, string> = {
			contact: "first_name last_name title city country linkedin lifecycle lead_status lead_source",
			company: "industry size phone city country description",
			deal: "currency expected_close",
		};
		const record = current as unknown as Record<string, unknown>;
		for (const f of fields[kind]?.split(" ") ?? []) {
			const v = str(d, f);
			if (v !== null && (overwrite || !record[f])) record[f] = v;
		}
		if (kind === "contact") {
			const c = current as ContactDetail;
			const company = str(d, "company");
			if (company !== null && (overwrite || !c.company_name)) c.company_name = company;
			for (const [key, points] of [
				["email", c.emails],
				["phone", c.phones],
			] as const) {
				const have = new Set(points.map((p) => p.value.toLowerCase()));
				for (const value of list(d, key).filter((v) => !have.has(v.toLowerCase())))
					points.push({ id: ctx.newId(), value, label: null, is_primary: points.length === 0 });
			}
		}
		if (kind === "deal" && str(d, "deal_value") !== null && overwrite)
			(current as Deal).value_cents = Math.round(Number(str(d, "deal_value")) * 100);
		const custom = customOf(d);
		if (Object.keys(custom).length > 0) {
			const mine = (record.custom ?? {}) as Record<string, Value>;
			const merged: Draft = { ...(mine as Draft) };
			mergeDraft(merged, custom as Draft, overwrite);
			record.custom = merged;
		}
		record.updated_at = now();
	}

	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

	const commands: ImportCommands = {
		importSheets: (path) =>
			ctx.run(() => openFakeFile(path).map(({ name, hidden }) => ({ name, hidden }))),
		importPreview: (req) =>
			ctx.run(() => {
				const job = nextJob++;
				const started = Date.now();
				progress(job, "import-preview", "running", 0, started);
				const { sheets, sheet, pass } = passFor(req);
				progress(job, "import-preview", "completed", pass.counts.rows_in, started);
				return {
					file_name: fileName(req.path),
					sheets: sheets.map(({ name, hidden }) => ({ name, hidden })),
					sheet: sheet.name,
					header_row: req.header_row ?? sheet.headerRow,
					columns: pass.headers.map((header, i) => ({
						index: i + 1,
						header,
						target: pass.targets[i] ?? "ignore",
						samples: pass.samples.map((r) => r[i] ?? ""),
					})),
					rows: pass.preview,
					counts: pass.counts,
					problems: pass.problems.slice(0, 100),
					unknown_stages: pass.unknownStages,
					targets: allowedTargets(req.entity, deps.customFields),
					preset_used: pass.presetUsed,
				};
			}),
		importRun: async (req) => {
			const started = Date.now();
			// Filled inside the checked body; a holder because TypeScript does not follow closures.
			const box: { pass?: Pass; rejects: Trace["rejects"] } = { rejects: [] };
			const checked = await ctx.run(() => {
				const { sheet, pass } = passFor(req);
				const cellsOf = new Map(sheet.rows.map((cells, i) => [i + 1, cells]));
				box.pass = pass;
				box.rejects = pass.problems.map((p) => ({ ...p, cells: cellsOf.get(p.row) ?? [] }));
				return null;
			});
			if (checked.status === "error") return checked;
			const planned = box.pass;
			if (!planned) throw new Error("the import was planned without a result");
			const job = nextJob++;
			const flag = { cancelled: false };
			running.set(job, flag);
			const total = planned.counts.rows_in;
			progress(job, "import", "running", 0, started);
			for (let done = 0; done < total; ) {
				if (total > CHUNK) await sleep(STEP_MS);
				if (flag.cancelled) {
					running.delete(job);
					progress(job, "import", "cancelled", done, started);
					record(req, "cancelled", planned, started, "cancelled");
					return ctx.run(() => {
						throw new Failure({ code: "cancelled", message: "cancelled", field: null });
					});
				}
				done = Math.min(total, done + CHUNK);
				if (done < total) progress(job, "import", "running", done, started);
			}
			running.delete(job);
			return ctx.run((): ImportSummary => {
				const trace: Trace = { created: [], updated: [], rejects: box.rejects, finishedAt: "" };
				for (const op of planned.ops) {
					if (op.kind === "create") create(req.entity, op.values, trace);
					else update(req.entity, op.id, op.values, op.overwrite, trace);
				}
				savePreset(world(), req.entity, planned);
				const info = record(req, "completed", planned, started, null);
				trace.finishedAt = now();
				traces.set(info.id, trace);
				progress(job, "import", "completed", total, started);
				for (const entity of ["contact", "company", "deal"] as const) ctx.changed(entity, []);
				return {
					import_id: info.id,
					file_name: info.file_name,
					...planned.counts,
					errors: planned.problems,
					duration_ms: info.duration_ms ?? 0,
					dry_run: false,
				};
			});
		},
		importsList: () => ctx.run(() => jobs),
		importUndo: (id) =>
			ctx.run((): ImportUndone => {
				const job = jobs.find((j) => j.id === id);
				if (!job) throw notFound("import", id);
				if (job.status === "undone")
					throw new Failure({
						code: "conflict",
						message: `Import ${id} was already undone.`,
						field: null,
					});
				const trace = traces.get(id);
				if (job.status !== "completed" || !trace)
					throw new Failure({
						code: "conflict",
						message: `Import ${id} ${job.status}; it wrote nothing, so there is nothing to undo.`,
						field: null,
					});
				const maps = {
					contact: deps.contacts,
					company: deps.companies,
					deal: deps.deals,
				} as Record<Entity, Map<number, ContactDetail | Company | Deal>>;
				const edited_since = [...trace.created, ...trace.updated].filter(
					(r) => (maps[r.entity].get(r.id)?.updated_at ?? "") > trace.finishedAt,
				).length;
				for (const u of trace.updated) maps[u.entity].set(u.id, u.before);
				// Deals first: they point at contacts and companies.
				const order: Entity[] = ["deal", "contact", "company"];
				let removed = 0;
				for (const entity of order)
					for (const r of trace.created.filter((c) => c.entity === entity))
						if (maps[entity].delete(r.id)) removed++;
				job.status = "undone";
				job.undone_at = now();
				for (const entity of ["contact", "company", "deal"] as const) ctx.changed(entity, []);
				return { import_id: id, removed, restored: trace.updated.length, edited_since };
			}),
		importRejectsSave: (id) =>
			ctx.run(() => {
				if (!jobs.some((j) => j.id === id)) throw notFound("import", id);
				return traces.get(id)?.rejects.length ?? 0;
			}),
		cancelJob: (jobId) =>
			ctx.run(() => {
				const job = running.get(jobId);
				if (!job) return false;
				job.cancelled = true;
				return true;
			}),
	};
	return { commands };
}
