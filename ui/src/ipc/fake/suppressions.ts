import type { Company, Suppression, SuppressionKind } from "../../bindings";
import type { Commands } from "../backend";
import { type FakeContext, notFound, validation } from "./context";

type SuppressionCommands = Pick<
	Commands,
	"suppressionsList" | "suppressionAdd" | "suppressionRemove" | "suppressionCheck"
>;

const reasonLabel: Record<Suppression["reason"], string> = {
	manual: "added by hand",
	hard_bounce: "hard bounce",
	unsubscribe: "unsubscribed",
	complaint: "spam complaint",
};

/** The suppression list in memory, matching like the core: email, domain (and subdomains), company. */
export function fakeSuppressions(
	ctx: FakeContext,
	companies: Map<number, Company>,
): { commands: SuppressionCommands } {
	const entries: Suppression[] = [];

	function target(kind: SuppressionKind, raw: string, companyId: number | null) {
		if (kind === "email") {
			const email = raw.toLowerCase();
			if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
				throw validation("value", `“${raw}” is not an email address.`);
			return { value: email, label: email };
		}
		if (kind === "domain") {
			const domain = raw.replace(/^@/, "").toLowerCase();
			if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))
				throw validation("value", `“${raw}” is not a domain like example.com.`);
			return { value: domain, label: domain };
		}
		const company = companyId === null ? undefined : companies.get(companyId);
		if (!company) throw validation("company_id", "Choose a company.");
		return { value: String(company.id), label: company.name };
	}

	return {
		commands: {
			suppressionsList: () => ctx.run(() => [...entries]),
			suppressionAdd: (input) =>
				ctx.run(() => {
					const raw = input.value.trim();
					const kind: SuppressionKind =
						input.kind ??
						(input.company_id !== null
							? "company"
							: raw.includes("@") && !raw.startsWith("@")
								? "email"
								: "domain");
					const { value, label } = target(kind, raw, input.company_id);
					if (entries.some((e) => e.kind === kind && e.value === value))
						throw validation("value", `${label} is already on the suppression list.`);
					const entry: Suppression = {
						id: ctx.newId(),
						kind,
						value,
						label,
						reason: input.reason ?? "manual",
						note: input.note?.trim() || null,
						created_at: new Date().toISOString(),
					};
					entries.unshift(entry);
					ctx.changed("settings", [entry.id]);
					return entry;
				}),
			suppressionRemove: (id) =>
				ctx.run(() => {
					const at = entries.findIndex((e) => e.id === id);
					const [removed] = at < 0 ? [] : entries.splice(at, 1);
					if (!removed) throw notFound("suppression", id);
					ctx.changed("settings", [id]);
					return removed;
				}),
			suppressionCheck: (email) =>
				ctx.run(() => {
					const address = email.trim().toLowerCase();
					const domain = address.split("@")[1] ?? "";
					const hit = entries.find(
						(e) =>
							(e.kind === "email" && e.value === address) ||
							(e.kind === "domain" && (domain === e.value || domain.endsWith(`.${e.value}`))) ||
							(e.kind === "company" && companies.get(Number(e.value))?.domain === domain),
					);
					if (!hit) return null;
					const what =
						hit.kind === "email"
							? hit.label
							: hit.kind === "domain"
								? `the domain ${hit.label}`
								: `the company ${hit.label}`;
					return `${what} is on the suppression list (${reasonLabel[hit.reason]})`;
				}),
		},
	};
}
