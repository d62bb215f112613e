import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { seedMailAndTemplate } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { formatMoney } from "./money";

/**
 * jsdom has no layout, so dnd-kit's keyboard sensor would find no droppable "to the right".
 * This lays the board out on a grid: columns 300px apart, cards 100px apart, Won/Lost at the right
 * (the real layout is checked in a browser by e2e-browser/keyboard-drag.mjs).
 */
function fakeLayout() {
	const rect = (left: number, top: number, width: number, height: number) =>
		({
			left,
			top,
			width,
			height,
			right: left + width,
			bottom: top + height,
			x: left,
			y: top,
			toJSON: () => ({}),
		}) as DOMRect;
	const spy = vi.spyOn(Element.prototype, "getBoundingClientRect");
	spy.mockImplementation(function (this: Element): DOMRect {
		// The drag overlay starts where the picked-up card is. It is drawn rotated (styles.css),
		// so, as in a real browser, its bounding box is a little larger than the card's and
		// starts left of and above it: "to the right of the overlay" includes its own column.
		if (this.classList.contains("deal-card-overlay")) {
			const dragged = document.querySelector(".deal-card-dragging");
			if (!dragged) return rect(0, 0, 0, 0);
			const r = dragged.getBoundingClientRect();
			return rect(r.left - 3, r.top - 3, r.width + 6, r.height + 6);
		}
		const columns = [...document.querySelectorAll("[data-testid=pipeline-column]")];
		const testId = this.getAttribute("data-testid");
		if (testId === "pipeline-column") return rect(columns.indexOf(this) * 300, 0, 280, 800);
		if (testId === "deal-card") {
			const column = this.closest("[data-testid=pipeline-column]");
			const cards = [...(column?.querySelectorAll("[data-testid=deal-card]") ?? [])];
			return rect(
				columns.indexOf(column as Element) * 300 + 10,
				60 + cards.indexOf(this) * 100,
				260,
				90,
			);
		}
		if (testId === "drop-won") return rect(1200, 0, 120, 390);
		if (testId === "drop-lost") return rect(1200, 410, 120, 390);
		return rect(0, 0, 0, 0);
	});
	return spy;
}

const column = (name: string) => screen.getByRole("region", { name });
const cards = (name: string) => within(column(name)).queryAllByTestId("deal-card");
const titles = (name: string) =>
	cards(name).map((c) => c.querySelector(".deal-title")?.textContent);
const card = (title: string) => {
	const el = screen.getAllByTestId("deal-card").find((c) => c.textContent?.includes(title));
	if (!el) throw new Error(`no card ${title}`);
	return el;
};
// Each key in act(): dnd-kit activates and measures in effects, which must settle between keys.
const press = (el: Element, code: string) =>
	act(() => {
		fireEvent.keyDown(el, { code, key: code === "Space" ? " " : code });
	});

/** Space to pick up, arrows, Space to drop: what a keyboard user (and the e2e test) does. */
async function keyboardDrag(title: string, arrows: string[]) {
	const el = card(title);
	el.focus();
	await press(el, "Space");
	for (const code of arrows) await press(document.activeElement ?? el, code);
	await press(document.activeElement ?? el, "Space");
}

async function openBoard() {
	const app = renderApp({ withSampleData: true, view: "pipeline" });
	await waitFor(() => expect(screen.getAllByTestId("deal-card")).toHaveLength(8));
	return app;
}

describe("pipeline board", () => {
	beforeEach(() => {
		fakeLayout();
	});
	afterEach(() => vi.restoreAllMocks());

	it("updates column counts and sums when a deal moves in the core", async () => {
		const { backend } = await openBoard();
		const qualified = column("Qualified");
		const discovery = column("Discovery");
		expect(within(qualified).getByTestId("column-count").textContent).toBe("2");
		// Umbrella pilot 12,000 + Northwind portal 22,500
		expect(within(qualified).getByTestId("column-sum").textContent).toBe(
			formatMoney(3_450_000, "USD"),
		);
		expect(within(qualified).getByTestId("column-weighted").textContent).toContain(
			formatMoney(690_000, "USD"),
		);
		const pilot = Number(card("Umbrella pilot").dataset.dealId);
		const discoveryStage = Number(discovery.dataset.stageId);
		await unwrap(
			backend.commands.dealMove({
				deal_id: pilot,
				stage_id: discoveryStage,
				position: null,
				reason: null,
			}),
		);
		await waitFor(() =>
			expect(within(qualified).getByTestId("column-count").textContent).toBe("1"),
		);
		expect(within(qualified).getByTestId("column-sum").textContent).toBe(
			formatMoney(2_250_000, "USD"),
		);
		expect(within(discovery).getByTestId("column-count").textContent).toBe("3");
		// Stark 36,000 + Blue Fjord 64,000 + Umbrella pilot 12,000, at the end of the column
		expect(within(discovery).getByTestId("column-sum").textContent).toBe(
			formatMoney(11_200_000, "USD"),
		);
		expect(cards("Discovery").at(-1)?.textContent).toContain("Umbrella pilot");
		expect(cards("Discovery").at(-1)?.textContent).toContain("0 days in stage");
	});

	it("moves a card to the top of the next stage with the keyboard, and Undo moves it back", async () => {
		await openBoard();
		expect(card("Umbrella pilot").tabIndex).toBe(0);
		await keyboardDrag("Umbrella pilot", ["ArrowRight"]);
		await waitFor(() => expect(cards("Qualified")).toHaveLength(1));
		expect(titles("Qualified")).toEqual(["Northwind wholesale portal"]);
		expect(titles("Discovery")).toEqual([
			"Umbrella pilot",
			"Stark fleet tracking",
			"Blue Fjord grid analytics",
		]);
		const toast = await screen.findByText("Moved “Umbrella pilot” to Discovery");
		expect(toast).toBeTruthy();
		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(cards("Qualified")).toHaveLength(2));
		expect(cards("Qualified")[0]?.textContent).toContain("Umbrella pilot");
		expect(cards("Discovery")).toHaveLength(2);
	});

	it("steps one column per arrow: right twice is two stages on, left comes back", async () => {
		await openBoard();
		await keyboardDrag("Umbrella pilot", ["ArrowRight", "ArrowRight"]);
		await waitFor(() => expect(titles("Proposal")[0]).toBe("Umbrella pilot"));
		expect(titles("Qualified")).toEqual(["Northwind wholesale portal"]);

		await keyboardDrag("Stark fleet tracking", ["ArrowRight", "ArrowRight", "ArrowLeft"]);
		await waitFor(() => expect(titles("Proposal")[0]).toBe("Stark fleet tracking"));
		expect(titles("Discovery")).toEqual(["Blue Fjord grid analytics"]);
	});

	it("goes down a card at a time in another column, and into an empty column", async () => {
		await openBoard();
		await keyboardDrag("Umbrella pilot", ["ArrowRight", "ArrowDown"]);
		await waitFor(() =>
			expect(titles("Discovery")).toEqual([
				"Stark fleet tracking",
				"Umbrella pilot",
				"Blue Fjord grid analytics",
			]),
		);
		await keyboardDrag("Northwind wholesale portal", ["ArrowRight"]);
		await waitFor(() => expect(cards("Qualified")).toHaveLength(0));
		// Qualified is empty now: Left from Discovery lands on the column itself.
		await keyboardDrag("Blue Fjord grid analytics", ["ArrowLeft"]);
		await waitFor(() => expect(titles("Qualified")).toEqual(["Blue Fjord grid analytics"]));
	});

	it("goes from the last open column to Won, and back with left", async () => {
		await openBoard();
		await keyboardDrag("Umbrella pilot", ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight"]);
		const dialog = await screen.findByTestId("close-deal-dialog");
		expect(within(dialog).getByRole("heading").textContent).toContain("as won");
		fireEvent.click(within(dialog).getByTestId("close-deal-cancel"));
		await waitFor(() => expect(screen.queryByTestId("close-deal-dialog")).toBeNull());

		await keyboardDrag("Initech platform renewal", ["ArrowRight", "ArrowDown", "ArrowLeft"]);
		expect(screen.queryByTestId("close-deal-dialog")).toBeNull();
		expect(titles("Negotiation")).toEqual(["Initech platform renewal", "Umbrella data migration"]);
	});

	it("reorders within a column with up and down arrows", async () => {
		const { backend } = await openBoard();
		expect(cards("Qualified")[0]?.textContent).toContain("Umbrella pilot");
		await keyboardDrag("Umbrella pilot", ["ArrowDown"]);
		await waitFor(() => expect(cards("Qualified")[0]?.textContent).toContain("Northwind"));
		expect(cards("Qualified")[1]?.textContent).toContain("Umbrella pilot");
		// The core has the new order too, and no stage change means no Undo toast.
		const open = await unwrap(backend.commands.dealsOpen(1));
		expect(open.filter((d) => d.stage_name === "Qualified").map((d) => d.title)).toEqual([
			"Northwind wholesale portal",
			"Umbrella pilot",
		]);
		expect(screen.queryByTestId("toast-undo")).toBeNull();
	});

	it("asks why a deal was lost, shows the core's error at the field, and moves nothing until told", async () => {
		const { backend } = await openBoard();
		// Negotiation is the last open column; right of it are Won (top) and Lost (below).
		await keyboardDrag("Umbrella data migration", ["ArrowRight", "ArrowDown"]);
		const dialog = await screen.findByTestId("close-deal-dialog");
		fireEvent.click(within(dialog).getByTestId("close-deal-confirm"));
		expect((await screen.findByTestId("field-error-reason")).textContent).toBe(
			"Say why the deal was lost.",
		);
		expect(cards("Negotiation")).toHaveLength(2);
		const deal = await unwrap(
			backend.commands.dealGet(Number(card("Umbrella data migration").dataset.dealId)),
		);
		expect(deal.status).toBe("open");

		fireEvent.change(screen.getByTestId("close-deal-reason"), { target: { value: "Budget cut" } });
		fireEvent.click(screen.getByTestId("close-deal-confirm"));
		await waitFor(() => expect(screen.queryByTestId("close-deal-dialog")).toBeNull());
		await waitFor(() => expect(cards("Negotiation")).toHaveLength(1));
		const lost = await unwrap(backend.commands.dealGet(deal.id));
		expect(lost).toMatchObject({ status: "lost", loss_reason: "Budget cut", stage_name: "Lost" });
		expect(await screen.findByText("Moved “Umbrella data migration” to Lost")).toBeTruthy();

		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(cards("Negotiation")).toHaveLength(2));
		expect(await unwrap(backend.commands.dealGet(deal.id))).toMatchObject({
			status: "open",
			loss_reason: null,
			stage_name: "Negotiation",
		});
	});

	it("asks before marking a deal won; Cancel leaves it where it was", async () => {
		const { backend } = await openBoard();
		const id = Number(card("Initech platform renewal").dataset.dealId);
		await keyboardDrag("Initech platform renewal", ["ArrowRight"]);
		const dialog = await screen.findByTestId("close-deal-dialog");
		expect(within(dialog).getByRole("heading").textContent).toContain("as won");
		fireEvent.click(within(dialog).getByTestId("close-deal-cancel"));
		await waitFor(() => expect(screen.queryByTestId("close-deal-dialog")).toBeNull());
		expect(cards("Negotiation")).toHaveLength(2);

		await keyboardDrag("Initech platform renewal", ["ArrowRight"]);
		fireEvent.click(await screen.findByTestId("close-deal-confirm"));
		await waitFor(() => expect(cards("Negotiation")).toHaveLength(1));
		expect(await unwrap(backend.commands.dealGet(id))).toMatchObject({
			title: "Initech platform renewal",
			status: "won",
			stage_name: "Won",
		});
	});

	it("says what marking a deal won stopped, and that Undo leaves it stopped", async () => {
		const { backend } = await openBoard();
		const deal = await unwrap(
			backend.commands.dealGet(Number(card("Initech platform renewal").dataset.dealId)),
		);
		const contactId = deal.contact_id ?? 0;
		const { mb, intro } = await seedMailAndTemplate(backend);
		const seq = await unwrap(
			backend.commands.sequenceCreate({
				name: "Renewal nudges",
				mailbox_id: mb.id,
				status: "active",
				steps: [{ kind: "email", template_id: intro.id }],
			}),
		);
		await unwrap(backend.commands.sequenceEnroll(seq.id, { contacts: [contactId] }));

		await keyboardDrag("Initech platform renewal", ["ArrowRight"]);
		fireEvent.click(await screen.findByTestId("close-deal-confirm"));
		expect(
			await screen.findByText(
				"Moved “Initech platform renewal” to Won and stopped 1 sequence enrollment",
			),
		).toBeTruthy();
		const [stopped] = await unwrap(backend.commands.contactEnrollments(contactId));
		expect(stopped).toMatchObject({
			status: "stopped",
			stop_reason: "The deal “Initech platform renewal” was won",
		});

		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(cards("Negotiation")).toHaveLength(2));
		expect(
			await screen.findByText(
				"“Initech platform renewal” is back in Negotiation; its sequence enrollment stays stopped",
			),
		).toBeTruthy();
		const [after] = await unwrap(backend.commands.contactEnrollments(contactId));
		expect(after).toMatchObject({
			status: "stopped",
			stop_reason:
				"The deal “Initech platform renewal” was won, then reopened; the enrollment stays stopped",
		});
	});

	it("rolls back an optimistic move the core refuses, with a toast", async () => {
		const { backend } = await openBoard();
		vi.spyOn(backend.commands, "dealMove").mockResolvedValue({
			status: "error",
			error: { code: "conflict", message: "The deal changed elsewhere.", field: null },
		});
		await keyboardDrag("Umbrella pilot", ["ArrowRight"]);
		expect(
			await screen.findByText(/Could not move “Umbrella pilot”: The deal changed elsewhere/),
		).toBeTruthy();
		await waitFor(() => expect(cards("Qualified")).toHaveLength(2));
		expect(cards("Discovery")).toHaveLength(2);
	});
});
