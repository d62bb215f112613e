import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

async function renderPipelines() {
	const app = renderApp({ withSampleData: true, view: "settings" });
	await waitFor(() => expect(screen.getAllByTestId("stage-row")).toHaveLength(6));
	return app;
}

const stageRows = () => screen.getAllByTestId("stage-row");
const stageNames = () =>
	stageRows().map((r) => (within(r).getByTestId("stage-name") as HTMLInputElement).value);
const row = (name: string) =>
	stageRows().find(
		(r) => (within(r).getByTestId("stage-name") as HTMLInputElement).value === name,
	) as HTMLElement;

describe("pipeline settings", () => {
	it("renames a stage, and the board shows the new name", async () => {
		const { backend } = await renderPipelines();
		const name = within(row("Discovery")).getByTestId("stage-name");
		fireEvent.change(name, { target: { value: "Demo booked" } });
		fireEvent.keyDown(name, { key: "Enter" });
		await waitFor(async () => {
			const [p] = await unwrap(backend.commands.pipelines());
			expect(p?.stages.map((s) => s.name)).toContain("Demo booked");
		});

		fireEvent.click(screen.getByTestId("nav-pipeline"));
		await waitFor(() => expect(screen.getAllByTestId("pipeline-column").length).toBeGreaterThan(0));
		const columns = screen
			.getAllByTestId("pipeline-column")
			.map((c) => c.getAttribute("aria-label"));
		expect(columns).toContain("Demo booked");
		expect(columns).not.toContain("Discovery");
	});

	it("refuses a duplicate stage name with the core's message on the row", async () => {
		await renderPipelines();
		const name = within(row("Discovery")).getByTestId("stage-name");
		fireEvent.change(name, { target: { value: "proposal" } });
		fireEvent.blur(name);
		const error = await screen.findByTestId("stage-error");
		expect(error.textContent).toContain("already has a stage called");
		// The row shows the name the stage still has.
		expect(stageNames()).toContain("Discovery");
	});

	it("adds a stage, reorders stages and changes a probability", async () => {
		const { backend } = await renderPipelines();
		fireEvent.change(screen.getByTestId("stage-new-name"), { target: { value: "Trial" } });
		fireEvent.change(screen.getByTestId("stage-new-probability"), { target: { value: "35" } });
		fireEvent.click(screen.getByTestId("stage-new-save"));
		await waitFor(() => expect(stageNames()).toContain("Trial"));
		expect(stageNames()[6]).toBe("Trial");

		fireEvent.click(within(row("Trial")).getByTestId("stage-up"));
		await waitFor(() => expect(stageNames()[5]).toBe("Trial"));
		expect(stageNames()[6]).toBe("Lost");

		const probability = within(row("Qualified")).getByTestId("stage-probability");
		fireEvent.change(probability, { target: { value: "15" } });
		fireEvent.blur(probability);
		await waitFor(async () => {
			const [p] = await unwrap(backend.commands.pipelines());
			expect(p?.stages.find((s) => s.name === "Qualified")?.probability).toBe(15);
		});
	});

	it("deletes a stage only by moving its deals to another stage", async () => {
		const { backend } = await renderPipelines();
		const [before] = await unwrap(backend.commands.pipelines());
		const proposal = before?.stages.find((s) => s.name === "Proposal");
		const negotiation = before?.stages.find((s) => s.name === "Negotiation");
		const heldIds = (await unwrap(backend.commands.dealsOpen(before?.id ?? 0)))
			.filter((d) => d.stage_id === proposal?.id)
			.map((d) => d.id);
		const held = heldIds.length;
		expect(held).toBeGreaterThan(0);
		await waitFor(() =>
			expect(within(row("Proposal")).getByTestId("stage-deals").textContent).toContain(
				`${held} deal`,
			),
		);

		fireEvent.click(within(row("Proposal")).getByTestId("stage-delete"));
		const dialog = await screen.findByTestId("stage-delete-dialog");
		fireEvent.change(within(dialog).getByTestId("stage-delete-target"), {
			target: { value: String(negotiation?.id) },
		});
		fireEvent.click(within(dialog).getByTestId("stage-delete-confirm"));
		await waitFor(() => expect(stageNames()).not.toContain("Proposal"));
		const deals = await unwrap(backend.commands.dealsOpen(before?.id ?? 0));
		expect(deals.filter((d) => d.stage_id === proposal?.id)).toHaveLength(0);
		expect(deals.filter((d) => d.stage_name === "Negotiation").length).toBeGreaterThanOrEqual(held);
		const moved = deals.find((d) => d.id === heldIds[0]);
		expect(moved?.stage_name).toBe("Negotiation");
		const timeline = await unwrap(
			backend.commands.timeline({ entity: "deal", id: moved?.id ?? 0 }, null, 20),
		);
		expect(timeline.some((t) => t.kind === "stage_change")).toBe(true);

		// Undo brings the stage back in its place, and its deals with it.
		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(stageNames()).toContain("Proposal"));
		expect(stageNames().indexOf("Proposal")).toBe(stageNames().indexOf("Negotiation") - 1);
		const back = await unwrap(backend.commands.dealsOpen(before?.id ?? 0));
		expect(
			back
				.filter((d) => d.stage_id === proposal?.id)
				.map((d) => d.id)
				.sort(),
		).toEqual([...heldIds].sort());
		await waitFor(() =>
			expect(
				screen.getAllByTestId("toast").some((t) => t.textContent?.includes(`${held} deal`)),
			).toBe(true),
		);
	});

	it("adds a pipeline, which brings the switcher to the board, and deletes it again", async () => {
		const { backend } = await renderPipelines();
		fireEvent.click(screen.getByTestId("pipeline-new"));
		fireEvent.change(screen.getByTestId("pipeline-new-name"), { target: { value: "Partners" } });
		fireEvent.click(screen.getByTestId("pipeline-new-save"));
		await waitFor(() => expect(screen.getAllByTestId("pipeline-tab")).toHaveLength(2));
		// The new pipeline opens in the editor with its starter stages.
		await waitFor(() =>
			expect((screen.getByTestId("pipeline-name") as HTMLInputElement).value).toBe("Partners"),
		);
		expect(stageNames()).toEqual(["Qualified", "Proposal", "Negotiation", "Won", "Lost"]);

		fireEvent.click(screen.getByTestId("nav-pipeline"));
		const switcher = (await screen.findByTestId("pipeline-switcher")) as HTMLSelectElement;
		expect([...switcher.options].map((o) => o.text)).toEqual(["Sales", "Partners"]);

		fireEvent.click(screen.getByTestId("nav-settings"));
		const tab = (await screen.findAllByTestId("pipeline-tab")).find(
			(t) => t.textContent === "Partners",
		);
		fireEvent.click(tab as HTMLElement);
		fireEvent.click(await screen.findByTestId("pipeline-delete"));
		fireEvent.click(
			within(await screen.findByTestId("pipeline-delete-dialog")).getByTestId(
				"pipeline-delete-confirm",
			),
		);
		await waitFor(() => expect(screen.getAllByTestId("pipeline-tab")).toHaveLength(1));
		expect(await unwrap(backend.commands.pipelines())).toHaveLength(1);

		fireEvent.click(screen.getByTestId("toast-undo"));
		await waitFor(() => expect(screen.getAllByTestId("pipeline-tab")).toHaveLength(2));
		expect((await unwrap(backend.commands.pipelines())).map((p) => p.name)).toEqual([
			"Sales",
			"Partners",
		]);
	});
});
