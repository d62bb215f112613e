import type { CompanyInput, ContactInput, LeadSource, LeadStatus, Lifecycle } from "../bindings";

/** Sample records for the fake backend: a small but believable book of business. */
export const sampleCompanies: CompanyInput[] = [
	company("Northwind Traders", "northwind.example", "Wholesale", "Seattle", "US"),
	company("Globex Corporation", "globex.example", "Manufacturing", "Springfield", "US"),
	company("Initech", "initech.example", "Software", "Austin", "US"),
	company("Umbrella Health", "umbrella-health.example", "Healthcare", "London", "GB"),
	company("Stark Logistics", "starklogistics.example", "Logistics", "Rotterdam", "NL"),
	company("Blue Fjord Energy", "bluefjord.example", "Energy", "Oslo", "NO"),
];

type SampleContact = [
	first: string,
	last: string,
	title: string,
	companyIndex: number,
	lifecycle: Lifecycle,
	city: string,
];

const people: SampleContact[] = [
	["Ada", "Lovelace", "Head of Engineering", 2, "customer", "Austin"],
	["Grace", "Hopper", "CTO", 1, "customer", "Springfield"],
	["Alan", "Turing", "Research Lead", 3, "contact", "London"],
	["Katherine", "Johnson", "Operations Director", 4, "lead", "Rotterdam"],
	["Linus", "Nakamura", "Procurement Manager", 0, "contact", "Seattle"],
	["Margaret", "Hamilton", "VP Product", 2, "customer", "Austin"],
	["Tim", "Berners", "IT Manager", 5, "lead", "Oslo"],
	["Hedy", "Lamarr", "Founder", 1, "contact", "Springfield"],
	["Radia", "Perlman", "Network Architect", 4, "contact", "Rotterdam"],
	["Barbara", "Liskov", "Chief Architect", 3, "customer", "London"],
	["Dennis", "Ritchie", "Buyer", 0, "lead", "Seattle"],
	["Frances", "Allen", "COO", 5, "contact", "Oslo"],
];

/** The sample leads' status and source, so the Leads view (and its scores) show a spread. */
const leadFacts: Record<string, [LeadStatus, LeadSource]> = {
	Johnson: ["engaged", "referral"],
	Berners: ["new", "website"],
	Ritchie: ["contacted", "event"],
};

export const sampleContacts: ContactInput[] = people.map(
	([first, last, title, ci, lifecycle, city]) => {
		const co = sampleCompanies[ci];
		const domain = co?.website ?? "example.com";
		return {
			first_name: first,
			last_name: last,
			title,
			company_id: null,
			company_name: co?.name ?? null,
			lifecycle,
			lead_status: lifecycle === "lead" ? (leadFacts[last]?.[0] ?? "new") : null,
			lead_source: lifecycle === "lead" ? (leadFacts[last]?.[1] ?? null) : null,
			emails: [`${first.toLowerCase()}.${last.toLowerCase()}@${domain}`],
			phones: [`+1 555 01${String(people.findIndex((p) => p[1] === last)).padStart(2, "0")}`],
			city,
			country: co?.country ?? null,
			linkedin: null,
		};
	},
);

export const sampleStages = [
	{ name: "Qualified", probability: 20, color: "#6366f1", kind: "open" },
	{ name: "Discovery", probability: 40, color: "#0ea5e9", kind: "open" },
	{ name: "Proposal", probability: 60, color: "#f59e0b", kind: "open" },
	{ name: "Negotiation", probability: 80, color: "#f97316", kind: "open" },
	{ name: "Won", probability: 100, color: "#22c55e", kind: "won" },
	{ name: "Lost", probability: 0, color: "#94a3b8", kind: "lost" },
] as const;

/** [title, stage index, company index, contact index, value in whole units] */
export const sampleDeals: [string, number, number, number, number][] = [
	["Initech platform renewal", 3, 2, 0, 48000],
	["Globex line automation", 2, 1, 1, 125000],
	["Umbrella pilot", 0, 3, 2, 12000],
	["Stark fleet tracking", 1, 4, 3, 36000],
	["Northwind wholesale portal", 0, 0, 4, 22500],
	["Blue Fjord grid analytics", 1, 5, 6, 64000],
	["Initech seat expansion", 2, 2, 5, 18000],
	["Umbrella data migration", 3, 3, 9, 27500],
];

function company(
	name: string,
	website: string,
	industry: string,
	city: string,
	country: string,
): CompanyInput {
	return {
		name,
		website,
		industry,
		size: null,
		phone: null,
		city,
		country,
		description: null,
	};
}
