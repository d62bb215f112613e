import { describe, expect, it } from "vitest";
import type { Deal, Stage } from "../../bindings";
import { applyMove, cardId, daysInStage, planDrop, positionBetween, stageDropId } from "./board";

const stage = (id: number, kind: Stage["kind"] = "open"): Stage => ({
	id,
	pipeline_id: 1,
	name: `S${id}`,
	position: id,
	probability: 50,
	color: "#000",
	kind,
});
const stages = [stage(10), stage(11), stage(12, "won"), stage(13, "lost")];

const deal = (id: number, stageId: number, position: number | null): Deal => ({
	id,
	title: `D${id}`,
	pipeline_id: 1,
	stage_id: stageId,
	stage_name: `S${stageId}`,
	company_id: null,
	company_name: null,
	contact_id: null,
	contact_name: null,
	value_cents: 100_00,
	currency: "USD",
	probability: 50,
	expected_close: null,
	status: "open",
	position,
	loss_reason: null,
	stage_changed_at: "2020-01-01T00:00:00Z",
	updated_at: "2020-01-01T00:00:00Z",
	custom: {},
	stage_probability: 50,
	probability_set: false,
});
// Column 10: D1 (1), D2 (2), D3 (3); column 11: D4 (5), D5 (6).
const deals = [deal(2, 10, 2), deal(1, 10, 1), deal(3, 10, 3), deal(4, 11, 5), deal(5, 11, 6)];

describe("positionBetween", () => {
	it("takes the midpoint between two neighbours", () => {
		expect(positionBetween(1, 2)).toBe(1.5);
		expect(positionBetween(-3, 5)).toBe(1);
	});
	it("goes one before the first and one after the last", () => {
		expect(positionBetween(null, 4)).toBe(3);
		expect(positionBetween(7.5, undefined)).toBe(8.5);
	});
	it("leaves an empty column to the core (its end)", () => {
		expect(positionBetween(undefined, undefined)).toBeNull();
	});
});

describe("planDrop", () => {
	const plan = (activeId: string, overId: string | null, placeAfter = false) =>
		planDrop({ activeId, overId, stages, deals, placeAfter });

	it("reorders within a column like a sortable list", () => {
		// D1 dropped on D2 (moving down) goes after D2: between D2 (2) and D3 (3).
		expect(plan(cardId(1), cardId(2))).toMatchObject({ position: 2.5, stageChanged: false });
		// D3 dropped on D1 (moving up) goes before D1.
		expect(plan(cardId(3), cardId(1))).toMatchObject({ position: 0, stageChanged: false });
		// D3 dropped on D2 goes between D1 and D2.
		expect(plan(cardId(3), cardId(2))?.position).toBe(1.5);
	});

	it("moves across columns before or after the card it lands on", () => {
		const before = plan(cardId(1), cardId(5));
		expect(before).toMatchObject({ position: 5.5, stageChanged: true });
		expect(before?.stage.id).toBe(11);
		expect(plan(cardId(1), cardId(5), true)?.position).toBe(7);
		expect(plan(cardId(1), cardId(4))?.position).toBe(4);
	});

	it("drops on a column's empty space at its end", () => {
		expect(plan(cardId(1), stageDropId(11))).toMatchObject({ position: 7, stageChanged: true });
		expect(plan(cardId(1), stageDropId(10))).toMatchObject({ position: 4, stageChanged: false });
	});

	it("closes deals on Won and Lost without a position", () => {
		const won = plan(cardId(2), stageDropId(12));
		expect(won).toMatchObject({ position: null, stageChanged: true });
		expect(won?.stage.kind).toBe("won");
		expect(plan(cardId(2), stageDropId(13))?.stage.kind).toBe("lost");
	});

	it("ignores drops that change nothing", () => {
		expect(plan(cardId(1), null)).toBeNull();
		expect(plan(cardId(1), cardId(1))).toBeNull();
		expect(plan(cardId(3), stageDropId(10))).toBeNull();
		expect(plan(cardId(99), cardId(1))).toBeNull();
		expect(plan("garbage", cardId(1))).toBeNull();
	});
});

describe("applyMove", () => {
	it("moves the deal to its new stage and place, restarting its days in stage", () => {
		const p = planDrop({ activeId: cardId(1), overId: cardId(5), stages, deals });
		if (!p) throw new Error("no plan");
		const after = applyMove(deals, p, "2024-05-01T00:00:00Z");
		expect(after.find((d) => d.id === 1)).toMatchObject({
			stage_id: 11,
			position: 5.5,
			stage_changed_at: "2024-05-01T00:00:00Z",
		});
	});
	it("takes won and lost deals off the open board", () => {
		const p = planDrop({ activeId: cardId(1), overId: stageDropId(13), stages, deals });
		if (!p) throw new Error("no plan");
		expect(applyMove(deals, p, "x").map((d) => d.id)).not.toContain(1);
	});
});

describe("daysInStage", () => {
	it("counts whole days since the last stage change", () => {
		const now = Date.parse("2024-01-23T12:00:00Z");
		expect(daysInStage("2024-01-01T13:00:00Z", now)).toBe(21);
		expect(daysInStage("2024-01-23T11:00:00Z", now)).toBe(0);
		expect(daysInStage("not a date", now)).toBe(0);
	});
});
