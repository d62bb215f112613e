import type { Company, ContactDetail, DuplicatePair } from "../../bindings";
import type { Commands } from "../backend";
import { type FakeContext, notFound, validation } from "./context";

type MergeCommands = Pick<Commands, "duplicatesList" | "recordsMerge">;

/** Duplicate finding (same email/phone, same name at a company) and merging, over the fake's records. */
export function fakeMerge(
	ctx: FakeContext,
	state: { contacts: Map<number, ContactDetail>; companies: Map<number, Company> },
): { commands: MergeCommands } {
	const live = () => [...state.contacts.values()].filter((c) => c.deleted_at === null);
	const label = (c: ContactDetail) =>
		`${c.first_name} ${c.last_name}`.trim() || (c.emails[0]?.value ?? "");
	return {
		commands: {
			duplicatesList: (entity) =>
				ctx.run(() => {
					const out: DuplicatePair[] = [];
					if (entity !== "contact") return out;
					const people = live();
					for (const [i, a] of people.entries()) {
						for (const b of people.slice(i + 1)) {
							const shared = (k: "emails" | "phones") =>
								a[k].some((p) => b[k].some((q) => q.value.toLowerCase() === p.value.toLowerCase()));
							const reason = shared("emails")
								? "same email"
								: shared("phones")
									? "same phone"
									: a.company_id !== null &&
											a.company_id === b.company_id &&
											label(a).toLowerCase() === label(b).toLowerCase()
										? "same name at the same company"
										: null;
							if (reason)
								out.push({
									entity,
									a_id: a.id,
									a_label: label(a),
									b_id: b.id,
									b_label: label(b),
									reason,
								});
						}
					}
					return out;
				}),
			recordsMerge: (req) =>
				ctx.run(() => {
					if (req.keep_id === req.drop_id)
						throw validation("drop_id", "Choose two different records to merge.");
					const keep = state.contacts.get(req.keep_id);
					const drop = state.contacts.get(req.drop_id);
					if (!keep) throw notFound("contact", req.keep_id);
					if (!drop) throw notFound("contact", req.drop_id);
					const take = (f: keyof ContactDetail) =>
						(req.take_from_drop ?? []).includes(f as string) || !keep[f];
					for (const f of [
						"first_name",
						"last_name",
						"title",
						"city",
						"country",
						"linkedin",
					] as const) {
						if (take(f)) (keep as Record<string, unknown>)[f] = drop[f];
					}
					keep.emails = [
						...keep.emails,
						...drop.emails.filter((e) => !keep.emails.some((k) => k.value === e.value)),
					];
					keep.phones = [
						...keep.phones,
						...drop.phones.filter((e) => !keep.phones.some((k) => k.value === e.value)),
					];
					drop.deleted_at = new Date().toISOString();
					ctx.changed("contact", [keep.id, drop.id]);
					return { kept_id: keep.id, dropped_id: drop.id, relinked: 0 };
				}),
		},
	};
}
