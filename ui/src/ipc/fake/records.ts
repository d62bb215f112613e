import type {
	Company,
	CompanyInput,
	ContactDetail,
	Deal,
	StageHistoryEntry,
	TimelineItem,
	TrashItem,
	Value,
} from "../../bindings";
import type { Commands } from "../backend";
import { Failure, type FakeContext, notFound, validation } from "./context";
import type { FakeCustomFields } from "./customFields";

/** The main fake's record maps, shared with this module. */
export type RecordMaps = {
	contacts: Map<number, ContactDetail>;
	companies: Map<number, Company>;
	deals: Map<number, Deal>;
	dealCreatedAt: Map<number, string>;
	timeline: TimelineItem[];
	customFields: FakeCustomFields;
};

type RecordCommands = Pick<
	Commands,
	| "companyGet"
	| "companyUpdate"
	| "companyRelated"
	| "companiesDelete"
	| "companiesRestore"
	| "dealUpdate"
	| "dealsDelete"
	| "dealsRestore"
	| "dealStageHistory"
	| "trashList"
	| "trashRestore"
	| "trashDeleteForever"
>;

const now = () => new Date().toISOString();
const text = (s: string | null | undefined) => {
	const t = s?.trim() ?? "";
	return t === "" ? null : t;
};
type Custom = { [key: string]: Value };

/** "https://www.Acme.com/x" → "acme.com", like the core's domain normalization (simplified). */
export function fakeDomain(website: string | null): string | null {
	const w = text(website);
	if (w === null) return null;
	const host =
		w
			.toLowerCase()
			.replace(/^[a-z]+:\/\//, "")
			.replace(/^www\./, "")
			.split(/[/?#:]/)[0] ?? "";
	if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host))
		throw validation("website", `“${w}” is not a website or domain.`);
	return host;
}

/**
 * Editing companies and deals, the Trash, and deal history, over the main fake's maps. Deleted companies
 * and deals leave the live maps (so the board, lists, search and dashboard skip them) for a Trash map here;
 * contacts keep their own `deleted_at`, as the main fake already handles.
 */
export function fakeRecords(ctx: FakeContext, maps: RecordMaps) {
	const { contacts, companies, deals } = maps;
	const trashedCompanies = new Map<number, { company: Company; deleted_at: string }>();
	const trashedDeals = new Map<number, { deal: Deal; deleted_at: string }>();

	function getCompany(id: number): Company {
		const c = companies.get(id);
		if (!c) throw notFound("company", id);
		return c;
	}

	function getDeal(id: number): Deal {
		const d = deals.get(id);
		if (!d) throw notFound("deal", id);
		return d;
	}

	/** Checks a company's fields; `id` is the company being edited, whose own domain is no duplicate. */
	function checkCompany(
		input: CompanyInput,
		id: number | null,
		previous: Value,
	): Omit<Company, "id" | "created_at" | "updated_at"> {
		const name = input.name.trim();
		if (!name) throw validation("name", "A company needs a name.");
		const domain = fakeDomain(input.website);
		if (domain && [...companies.values()].some((c) => c.domain === domain && c.id !== id))
			throw validation("website", `A company with the domain ${domain} already exists.`);
		const custom = maps.customFields.check("company", input.custom, previous);
		return {
			name,
			domain,
			website: text(input.website),
			industry: text(input.industry),
			size: text(input.size),
			phone: text(input.phone),
			city: text(input.city),
			country: text(input.country),
			description: text(input.description),
			custom,
		};
	}

	const personName = (c: ContactDetail) => `${c.first_name} ${c.last_name}`.trim();

	function history(deal: Deal): StageHistoryEntry[] {
		const moves = maps.timeline
			.filter((t) => t.deal_id === deal.id && t.kind === "stage_change")
			.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at) || a.id - b.id);
		const meta = (t: TimelineItem, key: string) => {
			const m = t.meta as Custom | null;
			const v = m && typeof m === "object" ? m[key] : null;
			return typeof v === "string" ? v : null;
		};
		const first = moves[0] ? meta(moves[0], "from_stage") : null;
		return [
			{
				from_stage: null,
				to_stage: first ?? deal.stage_name,
				changed_at: maps.dealCreatedAt.get(deal.id) ?? deal.updated_at,
				seconds_in_from: null,
			},
			...moves.map((t) => ({
				from_stage: meta(t, "from_stage"),
				to_stage: meta(t, "to_stage") ?? "",
				changed_at: t.occurred_at,
				seconds_in_from: null,
			})),
		];
	}

	function trashItems(): TrashItem[] {
		const items: TrashItem[] = [
			...[...contacts.values()]
				.filter((c) => c.deleted_at !== null)
				.map((c) => ({
					record: { entity: "contact" as const, id: c.id },
					title: personName(c) || c.emails[0]?.value || "Unnamed",
					subtitle: c.emails[0]?.value ?? c.company_name,
					deleted_at: c.deleted_at ?? "",
				})),
			...[...trashedCompanies.values()].map(({ company, deleted_at }) => ({
				record: { entity: "company" as const, id: company.id },
				title: company.name,
				subtitle: company.domain,
				deleted_at,
			})),
			...[...trashedDeals.values()].map(({ deal, deleted_at }) => ({
				record: { entity: "deal" as const, id: deal.id },
				title: deal.title,
				subtitle: [deal.stage_name, deal.company_name].filter(Boolean).join(" · ") || null,
				deleted_at,
			})),
		];
		return items.sort((a, b) => b.deleted_at.localeCompare(a.deleted_at));
	}

	function restoreCompany(id: number) {
		const t = trashedCompanies.get(id);
		if (!t) throw notFound("company", id);
		const { domain, name } = t.company;
		if (domain && [...companies.values()].some((c) => c.domain === domain))
			throw new Failure({
				code: "conflict",
				message: `${name} can't be restored: another company now has the domain ${domain}. Change that company's website first.`,
				field: null,
			});
		trashedCompanies.delete(id);
		companies.set(id, { ...t.company, updated_at: now() });
	}

	function restoreDeal(id: number) {
		const t = trashedDeals.get(id);
		if (!t) throw notFound("deal", id);
		trashedDeals.delete(id);
		deals.set(id, { ...t.deal, updated_at: now() });
	}

	function restoreContact(id: number) {
		const c = contacts.get(id);
		if (!c || c.deleted_at === null) throw notFound("contact", id);
		c.deleted_at = null;
	}

	const commands: RecordCommands = {
		companyGet: (id) => ctx.run(() => getCompany(id)),
		companyUpdate: (id, input) =>
			ctx.run(() => {
				const current = getCompany(id);
				const next: Company = {
					...current,
					...checkCompany(input, id, current.custom),
					updated_at: now(),
				};
				companies.set(id, next);
				// Contacts and deals show their company's name.
				for (const c of contacts.values()) if (c.company_id === id) c.company_name = next.name;
				for (const d of deals.values()) if (d.company_id === id) d.company_name = next.name;
				ctx.changed("company", [id]);
				return next;
			}),
		companyRelated: (id) =>
			ctx.run(() => {
				getCompany(id);
				const people = [...contacts.values()]
					.filter((c) => c.company_id === id && c.deleted_at === null)
					.sort((a, b) => a.last_name.localeCompare(b.last_name) || a.id - b.id);
				const own = [...deals.values()]
					.filter((d) => d.company_id === id)
					.sort(
						(a, b) =>
							Number(a.status !== "open") - Number(b.status !== "open") ||
							b.updated_at.localeCompare(a.updated_at),
					);
				return {
					contacts: people.map((c) => ({
						id: c.id,
						name: personName(c),
						title: c.title,
						email: c.emails[0]?.value ?? null,
						lifecycle: c.lifecycle,
					})),
					contacts_total: people.length,
					deals: own,
					deals_total: own.length,
				};
			}),
		companiesDelete: (ids) =>
			ctx.run(() => {
				for (const id of ids) {
					const company = getCompany(id);
					companies.delete(id);
					trashedCompanies.set(id, { company, deleted_at: now() });
				}
				ctx.changed("company", ids);
				return null;
			}),
		companiesRestore: (ids) =>
			ctx.run(() => {
				ids.forEach(restoreCompany);
				ctx.changed("company", ids);
				return null;
			}),
		dealUpdate: (id, input) =>
			ctx.run(() => {
				const deal = getDeal(id);
				const title = input.title.trim();
				if (!title) throw validation("title", "A deal needs a title.");
				if (!Number.isInteger(input.value_cents) || input.value_cents < 0)
					throw validation("value_cents", "The value cannot be negative.");
				if (
					input.probability !== null &&
					(!Number.isInteger(input.probability) || input.probability < 0 || input.probability > 100)
				)
					throw validation("probability", "Probability is a percentage from 0 to 100.");
				const currency = (text(input.currency) ?? "USD").toUpperCase();
				if (!/^[A-Z]{3}$/.test(currency))
					throw validation("currency", `“${currency}” is not a currency code like USD or EUR.`);
				const close = text(input.expected_close);
				if (
					close !== null &&
					(!/^\d{4}-\d{2}-\d{2}$/.test(close) || Number.isNaN(Date.parse(close)))
				)
					throw validation("expected_close", `“${close}” is not a date (YYYY-MM-DD).`);
				const company =
					input.company_id === null || input.company_id === deal.company_id
						? null
						: companies.get(input.company_id);
				if (company === undefined) throw validation("company_id", "That company no longer exists.");
				const person =
					input.contact_id === null || input.contact_id === deal.contact_id
						? null
						: contacts.get(input.contact_id);
				if (person === undefined || person?.deleted_at)
					throw validation("contact_id", "That contact no longer exists.");
				const custom = maps.customFields.check("deal", input.custom, deal.custom);
				const contactName = (cid: number | null) => {
					const c = cid === null ? undefined : contacts.get(cid);
					return c ? personName(c) : null;
				};
				Object.assign(deal, {
					title,
					value_cents: input.value_cents,
					currency,
					expected_close: close,
					company_id: input.company_id,
					company_name:
						input.company_id === null
							? null
							: (companies.get(input.company_id)?.name ?? deal.company_name),
					contact_id: input.contact_id,
					contact_name: contactName(input.contact_id),
					probability: input.probability ?? deal.stage_probability,
					probability_set: input.probability !== null,
					custom,
					updated_at: now(),
				} satisfies Partial<Deal>);
				ctx.changed("deal", [id]);
				return deal;
			}),
		dealsDelete: (ids) =>
			ctx.run(() => {
				for (const id of ids) {
					const deal = getDeal(id);
					deals.delete(id);
					trashedDeals.set(id, { deal, deleted_at: now() });
				}
				ctx.changed("deal", ids);
				return null;
			}),
		dealsRestore: (ids) =>
			ctx.run(() => {
				ids.forEach(restoreDeal);
				ctx.changed("deal", ids);
				return null;
			}),
		dealStageHistory: (id) => ctx.run(() => history(getDeal(id))),
		trashList: (limit) =>
			ctx.run(() => {
				const all = trashItems();
				return { items: all.slice(0, Math.min(Math.max(limit, 1), 1000)), total: all.length };
			}),
		trashRestore: (records) =>
			ctx.run(() => {
				for (const r of records) {
					if (r.entity === "company") restoreCompany(r.id);
					else if (r.entity === "deal") restoreDeal(r.id);
					else restoreContact(r.id);
				}
				for (const entity of ["contact", "company", "deal"] as const) {
					const ids = records.filter((r) => r.entity === entity).map((r) => r.id);
					if (ids.length > 0) ctx.changed(entity, ids);
				}
				return null;
			}),
		trashDeleteForever: (records) =>
			ctx.run(() => {
				// All or none, like the core's one transaction: check everything first.
				for (const r of records) {
					const inTrash =
						r.entity === "company"
							? trashedCompanies.has(r.id)
							: r.entity === "deal"
								? trashedDeals.has(r.id)
								: (contacts.get(r.id)?.deleted_at ?? null) !== null;
					if (!inTrash)
						throw new Failure({
							code: "conflict",
							message: `Only a ${r.entity} in the Trash can be deleted for good.`,
							field: null,
						});
				}
				for (const r of records) {
					if (r.entity === "company") {
						const name = trashedCompanies.get(r.id)?.company.name ?? null;
						trashedCompanies.delete(r.id);
						for (const c of contacts.values())
							if (c.company_id === r.id) Object.assign(c, { company_id: null, company_name: name });
						for (const d of [...deals.values(), ...[...trashedDeals.values()].map((t) => t.deal)])
							if (d.company_id === r.id) Object.assign(d, { company_id: null, company_name: null });
					} else if (r.entity === "deal") {
						trashedDeals.delete(r.id);
					} else {
						contacts.delete(r.id);
						for (const d of deals.values())
							if (d.contact_id === r.id) Object.assign(d, { contact_id: null, contact_name: null });
					}
					// Timeline entries of that record alone go; shared ones stay with the other records.
					const key = `${r.entity}_id` as "contact_id" | "company_id" | "deal_id";
					for (let i = maps.timeline.length - 1; i >= 0; i--) {
						const item = maps.timeline[i];
						if (!item || item[key] !== r.id) continue;
						item[key] = null;
						if (item.contact_id === null && item.company_id === null && item.deal_id === null)
							maps.timeline.splice(i, 1);
					}
				}
				for (const entity of ["contact", "company", "deal"] as const) {
					const ids = records.filter((r) => r.entity === entity).map((r) => r.id);
					if (ids.length > 0) ctx.changed(entity, ids);
				}
				return null;
			}),
	};

	/** Moves a live company to the Trash (a merge drops one this way). */
	function trashCompany(id: number) {
		const company = getCompany(id);
		companies.delete(id);
		trashedCompanies.set(id, { company, deleted_at: now() });
	}

	return { commands, trashCompany };
}
