import type {
	Company,
	ContactDetail,
	ContactPoint,
	Deal,
	DuplicatePair,
	MergeRequest,
	Task,
	TimelineItem,
	Value,
} from "../../bindings";
import type { Commands } from "../backend";
import { Failure, type FakeContext, notFound, validation } from "./context";

type MergeCommands = Pick<Commands, "duplicatesList" | "recordsMerge" | "recordsMergeUndo">;

/** The main fake's maps, plus the two things other fake modules own (the company Trash, tags). */
export type MergeMaps = {
	contacts: Map<number, ContactDetail>;
	companies: Map<number, Company>;
	deals: Map<number, Deal>;
	tasks: Map<number, Task>;
	timeline: TimelineItem[];
	/** Moves a live company to the Trash, restorable from there. */
	trashCompany: (id: number) => void;
	/** Gives `keep` the tags of `drop`, which loses them (as the core's merge does). */
	unionTags: (entity: "contact" | "company", keep: number, drop: number) => void;
};

// Legal forms the core ignores when comparing company names (crates/core/src/import/writer/matching.rs).
const legalForms = new Set(
	"inc incorporated ltd limited llc llp gmbh ag sa sas sarl bv nv plc corp corporation co company the oy ab as srl spa kg pty pte".split(
		" ",
	),
);

/** "The Acme Company, Inc." → "acme", like the core's `company_key`. */
export function companyKey(name: string): string {
	const lower = name.toLowerCase();
	const words = lower.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !legalForms.has(w));
	return words.length > 0 ? words.join(" ") : lower.replace(/[^\p{L}\p{N}]/gu, "");
}

const reasonRank = ["same email", "same phone", "same name at the same company"];

const personName = (c: ContactDetail) => `${c.first_name} ${c.last_name}`.trim();
const normalized = (kind: "emails" | "phones", v: string) =>
	kind === "emails" ? v.trim().toLowerCase() : v.replace(/[^\d+]/g, "");
const isEmpty = (v: unknown) => v === null || v === undefined || v === "";

/**
 * Duplicate finding and field-by-field merging over the fake's records, following the core
 * (crates/core/src/ops/merge.rs): a field keeps the kept record's value unless it is listed in
 * `take_from_drop` or empty on the kept record; emails, phones and tags are unioned; deals, tasks and
 * timeline entries move over; the dropped record goes to the Trash.
 */
export function fakeMerge(ctx: FakeContext, maps: MergeMaps): { commands: MergeCommands } {
	const { contacts, companies } = maps;
	const live = () => [...contacts.values()].filter((c) => c.deleted_at === null);
	const label = (c: ContactDetail) => {
		const name = personName(c);
		if (!name) return c.emails[0]?.value ?? "";
		return c.company_name ? `${name} (${c.company_name})` : name;
	};

	function contactPairs(): DuplicatePair[] {
		const out: DuplicatePair[] = [];
		const people = live().sort((a, b) => a.id - b.id);
		for (const [i, a] of people.entries()) {
			for (const b of people.slice(i + 1)) {
				const shared = (k: "emails" | "phones") =>
					a[k].some((p) => b[k].some((q) => normalized(k, q.value) === normalized(k, p.value)));
				const reason = shared("emails")
					? "same email"
					: shared("phones")
						? "same phone"
						: a.company_id !== null &&
								a.company_id === b.company_id &&
								personName(a) !== "" &&
								personName(a).toLowerCase() === personName(b).toLowerCase()
							? "same name at the same company"
							: null;
				if (reason)
					out.push({
						entity: "contact",
						a_id: a.id,
						a_label: label(a),
						b_id: b.id,
						b_label: label(b),
						reason,
					});
			}
		}
		return out.sort((x, y) => reasonRank.indexOf(x.reason) - reasonRank.indexOf(y.reason));
	}

	function companyPairs(): DuplicatePair[] {
		const out: DuplicatePair[] = [];
		const first = new Map<string, Company>();
		for (const c of [...companies.values()].sort((a, b) => a.id - b.id)) {
			const key = companyKey(c.name);
			if (!key) continue;
			const earlier = first.get(key);
			if (!earlier) first.set(key, c);
			else
				out.push({
					entity: "company",
					a_id: earlier.id,
					a_label: earlier.name,
					b_id: c.id,
					b_label: c.name,
					reason: "same company name",
				});
		}
		return out;
	}

	const takes = (req: MergeRequest, field: string) => (req.take_from_drop ?? []).includes(field);
	/** The core's `choose`: the kept value, or the dropped one when listed (and not empty) or the kept one is empty. */
	function choose<T>(req: MergeRequest, field: string, keep: T, drop: T): T {
		if (takes(req, field) || isEmpty(keep)) return isEmpty(drop) ? keep : drop;
		return keep;
	}

	function mergeCustom(req: MergeRequest, keep: Value, drop: Value): Value {
		const out: { [key: string]: Value } =
			keep && typeof keep === "object" && !Array.isArray(keep) ? { ...keep } : {};
		if (drop && typeof drop === "object" && !Array.isArray(drop)) {
			for (const [k, v] of Object.entries(drop)) {
				if (takes(req, `custom.${k}`) || !(k in out)) out[k] = v;
			}
		}
		return out;
	}

	function unionPoints(keep: ContactPoint[], drop: ContactPoint[], kind: "emails" | "phones") {
		const have = new Set(keep.map((p) => normalized(kind, p.value)));
		const moved = drop
			.filter((p) => !have.has(normalized(kind, p.value)))
			.map((p) => ({ ...p, is_primary: false }));
		const all = [...keep, ...moved];
		// The kept contact may have had none of this kind: the first one becomes primary.
		return all.map((p, i) =>
			i === 0 && !all.some((q) => q.is_primary) ? { ...p, is_primary: true } : p,
		);
	}

	function logMerge(into: { contact_id: number | null; company_id: number | null }, name: string) {
		maps.timeline.push({
			source: "activity",
			id: ctx.newId(),
			kind: "merge",
			subject: `Merged ${name} into this ${into.contact_id !== null ? "contact" : "company"}`,
			body: null,
			occurred_at: new Date().toISOString(),
			deal_id: null,
			...into,
			meta: { merged: name },
		});
	}

	function mergeContacts(req: MergeRequest): number {
		const keep = contacts.get(req.keep_id);
		const drop = contacts.get(req.drop_id);
		if (!keep) throw notFound("contact", req.keep_id);
		if (!drop) throw notFound("contact", req.drop_id);
		if (keep.deleted_at !== null || drop.deleted_at !== null)
			throw new Failure({
				code: "conflict",
				message: "One of these contacts is in the Trash; restore it first.",
				field: null,
			});
		const companyId = choose(req, "company_id", keep.company_id, drop.company_id);
		const companyName = choose(req, "company_id", keep.company_name, drop.company_name);
		Object.assign(keep, {
			first_name: choose(req, "first_name", keep.first_name, drop.first_name),
			last_name: choose(req, "last_name", keep.last_name, drop.last_name),
			title: choose(req, "title", keep.title, drop.title),
			company_id: companyId,
			company_name:
				companyId !== null ? (companies.get(companyId)?.name ?? companyName) : companyName,
			lifecycle: takes(req, "lifecycle") ? drop.lifecycle : keep.lifecycle,
			lead_status: choose(req, "lead_status", keep.lead_status, drop.lead_status),
			lead_source: choose(req, "lead_source", keep.lead_source, drop.lead_source),
			city: choose(req, "city", keep.city, drop.city),
			country: choose(req, "country", keep.country, drop.country),
			linkedin: choose(req, "linkedin", keep.linkedin, drop.linkedin),
			custom: mergeCustom(req, keep.custom, drop.custom),
			emails: unionPoints(keep.emails, drop.emails, "emails"),
			phones: unionPoints(keep.phones, drop.phones, "phones"),
			updated_at: new Date().toISOString(),
		});
		// The dropped contact's emails and phones moved (or were the same); it keeps none in the Trash.
		Object.assign(drop, { emails: [], phones: [], deleted_at: new Date().toISOString() });
		let relinked = 0;
		const keepName = personName(keep);
		for (const d of maps.deals.values())
			if (d.contact_id === drop.id) {
				Object.assign(d, { contact_id: keep.id, contact_name: keepName });
				relinked++;
			}
		for (const t of maps.tasks.values())
			if (t.contact_id === drop.id) {
				Object.assign(t, { contact_id: keep.id, contact_name: keepName });
				relinked++;
			}
		for (const item of maps.timeline)
			if (item.contact_id === drop.id) {
				item.contact_id = keep.id;
				relinked++;
			}
		maps.unionTags("contact", keep.id, drop.id);
		logMerge({ contact_id: keep.id, company_id: null }, personName(drop));
		return relinked;
	}

	function mergeCompanies(req: MergeRequest): number {
		const keep = companies.get(req.keep_id);
		const drop = companies.get(req.drop_id);
		if (!keep) throw notFound("company", req.keep_id);
		if (!drop) throw notFound("company", req.drop_id);
		const domain = choose(req, "website", keep.domain, drop.domain);
		const website = domain === keep.domain ? keep.website : drop.website;
		// The dropped company leaves first: domains are unique among live companies.
		maps.trashCompany(drop.id);
		const pick = (f: "industry" | "size" | "phone" | "city" | "country" | "description") =>
			choose(req, f, keep[f], drop[f]);
		Object.assign(keep, {
			name: choose(req, "name", keep.name, drop.name),
			domain,
			website,
			industry: pick("industry"),
			size: pick("size"),
			phone: pick("phone"),
			city: pick("city"),
			country: pick("country"),
			description: pick("description"),
			custom: mergeCustom(req, keep.custom, drop.custom),
			updated_at: new Date().toISOString(),
		});
		let relinked = 0;
		for (const c of contacts.values())
			if (c.company_id === drop.id) {
				Object.assign(c, { company_id: keep.id, company_name: keep.name });
				relinked++;
			}
		for (const d of maps.deals.values())
			if (d.company_id === drop.id) {
				Object.assign(d, { company_id: keep.id, company_name: keep.name });
				relinked++;
			}
		for (const t of maps.tasks.values())
			if (t.company_id === drop.id) {
				t.company_id = keep.id;
				relinked++;
			}
		for (const item of maps.timeline)
			if (item.company_id === drop.id) {
				item.company_id = keep.id;
				relinked++;
			}
		maps.unionTags("company", keep.id, drop.id);
		logMerge({ contact_id: null, company_id: keep.id }, drop.name);
		return relinked;
	}

	// What each merge's undo puts back: the records, deals, tasks and timeline as they were (tags and the
	// company Trash live in other fake modules and are not rolled back here).
	const undos = new Map<number, () => void>();
	let nextToken = 1;
	const snapshot = () => {
		const saved = {
			contacts: structuredClone([...contacts]),
			companies: structuredClone([...companies]),
			deals: structuredClone([...maps.deals]),
			tasks: structuredClone([...maps.tasks]),
			timeline: structuredClone(maps.timeline),
		};
		return () => {
			for (const [map, entries] of [
				[contacts, saved.contacts],
				[companies, saved.companies],
				[maps.deals, saved.deals],
				[maps.tasks, saved.tasks],
			] as const) {
				map.clear();
				for (const [k, v] of entries as [number, never][]) (map as Map<number, unknown>).set(k, v);
			}
			maps.timeline.splice(0, maps.timeline.length, ...saved.timeline);
		};
	};

	return {
		commands: {
			duplicatesList: (entity) =>
				ctx.run(() =>
					entity === "contact" ? contactPairs() : entity === "company" ? companyPairs() : [],
				),
			recordsMerge: (req) =>
				ctx.run(() => {
					if (req.keep_id === req.drop_id)
						throw validation("drop_id", "Choose two different records to merge.");
					if (req.entity === "deal")
						throw validation("entity", "Deals can't be merged; delete the extra one.");
					const restore = snapshot();
					const relinked = req.entity === "contact" ? mergeContacts(req) : mergeCompanies(req);
					const undo_token = nextToken++;
					undos.set(undo_token, () => {
						restore();
						ctx.changed(req.entity, [req.keep_id, req.drop_id]);
						ctx.changed("deal", []);
					});
					ctx.changed(req.entity, [req.keep_id, req.drop_id]);
					ctx.changed("deal", []);
					return { kept_id: req.keep_id, dropped_id: req.drop_id, relinked, undo_token };
				}),
			recordsMergeUndo: (token) =>
				ctx.run(() => {
					const undo = undos.get(token);
					if (!undo) throw notFound("merge", token);
					undos.delete(token);
					undo();
					return { kept_id: 0, dropped_id: 0, relinked: 0, undo_token: token };
				}),
		},
	};
}
