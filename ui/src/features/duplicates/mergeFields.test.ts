import { describe, expect, it } from "vitest";
import type { Company, CustomField } from "../../bindings";
import { chosenSide, companyRows, differs, takeFromDrop } from "./mergeFields";

const company = (id: number, more: Partial<Company>): Company => ({
	id,
	name: "Acme",
	domain: null,
	website: null,
	industry: null,
	size: null,
	phone: null,
	city: null,
	country: null,
	description: null,
	custom: {},
	created_at: "2024-01-01T00:00:00Z",
	updated_at: "2024-01-01T00:00:00Z",
	...more,
});

const tier: CustomField = {
	id: 1,
	entity: "company",
	key: "tier",
	label: "Tier",
	field_type: "select",
	options: ["Gold", "Silver"],
	required: false,
	position: 0,
};

describe("merge fields", () => {
	const a = company(1, {
		website: "https://www.acme.com/",
		domain: "acme.com",
		city: "Oslo",
		custom: { tier: "Gold" },
	});
	const b = company(2, {
		name: "ACME Inc",
		website: "acme.com",
		domain: "acme.com",
		industry: "Retail",
		custom: { tier: "Silver" },
	});
	const rows = companyRows(a, b, [tier]);
	const row = (name: string) => {
		const r = rows.find((x) => x.name === name);
		if (!r) throw new Error(name);
		return r;
	};

	it("compares websites by domain and custom fields by value", () => {
		expect(differs(row("website"))).toBe(false);
		expect(rows.filter(differs).map((r) => r.name)).toEqual([
			"name",
			"industry",
			"city",
			"custom.tier",
		]);
		expect(row("custom.tier").b.display).toBe("Silver");
	});

	it("never lets an empty value win, whichever record stays", () => {
		expect(chosenSide(row("industry"), "a", undefined)).toBe("b");
		expect(chosenSide(row("industry"), "a", "a")).toBe("b");
		expect(chosenSide(row("city"), "b", undefined)).toBe("a");
		expect(takeFromDrop(rows, "a", {})).toEqual(["industry"]);
		expect(takeFromDrop(rows, "a", { "custom.tier": "b", name: "b" })).toEqual([
			"name",
			"industry",
			"custom.tier",
		]);
		// Kept b: a's city fills b's empty one; the picked tier is b's own, so not listed.
		expect(takeFromDrop(rows, "b", { "custom.tier": "b" })).toEqual(["city"]);
	});
});
