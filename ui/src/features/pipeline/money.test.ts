import { afterEach, describe, expect, it, vi } from "vitest";
import { displayLocale, formatMoney, formatWeightedTotals } from "./money";

describe("money formatting", () => {
	afterEach(() => vi.unstubAllGlobals());

	it.each([
		["c", "the C locale (Xvfb)"],
		["", "an empty language"],
		["not a locale!", "a malformed tag"],
	])("falls back to en-US grouping for %j (%s)", (language) => {
		vi.stubGlobal("navigator", { language });
		expect(displayLocale()).toBe("en-US");
		expect(formatMoney(249_580_000, "USD")).toBe("$2,495,800");
	});

	it("falls back to en-US when navigator.language is missing", () => {
		vi.stubGlobal("navigator", {});
		expect(formatMoney(1_234_500, "USD")).toBe("$12,345");
	});

	it("uses the user's locale when it is a real one", () => {
		vi.stubGlobal("navigator", { language: "de-DE" });
		expect(displayLocale()).toBe("de-DE");
		expect(formatMoney(249_580_000, "EUR")).toMatch(/^2\.495\.800\s€$/);
	});

	it("weights values by probability", () => {
		vi.stubGlobal("navigator", { language: "en-US" });
		const text = formatWeightedTotals([
			{ value_cents: 100_000_00, currency: "USD", probability: 25 },
			{ value_cents: 10_000_00, currency: "USD", probability: 50 },
		]);
		expect(text).toBe("$30,000");
	});
});
