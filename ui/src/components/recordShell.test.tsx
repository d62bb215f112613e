import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { MoveDealsDialog } from "../features/settings/pipelines/MoveDealsDialog";
import { useTrashWithUndo } from "../hooks/useTrashWithUndo";
import { IpcError } from "../ipc/unwrap";
import { ConfirmDialog } from "./ConfirmDialog";
import { Fact, RecordPanel } from "./RecordPanel";
import { MoveButtons } from "./RowButtons";
import { ToastProvider } from "./Toast";

type Rec = { name: string };

function Panel({ record }: { record: { data: Rec | undefined; error: unknown } }) {
	return (
		<RecordPanel
			record={record}
			name={(r) => r.name}
			noun="Thing"
			testId="thing-panel"
			loadingLabel="Loading thing"
			onClose={() => {}}
			form={(r, done) => (
				<button type="button" data-testid="form-done" onClick={done}>
					{`form of ${r.name}`}
				</button>
			)}
			details={(r, edit) => (
				<dl>
					<Fact label="Name">{r.name}</Fact>
					<Fact label="Empty">{false}</Fact>
					<button type="button" data-testid="edit" onClick={edit}>
						Edit
					</button>
				</dl>
			)}
		/>
	);
}

describe("record panel", () => {
	it("keeps one dialog from loading to details to form and back", () => {
		const { rerender } = render(<Panel record={{ data: undefined, error: null }} />);
		const dialog = screen.getByTestId("thing-panel");
		expect(screen.getByRole("heading").textContent).toBe("Thing");
		expect(screen.getByLabelText("Loading thing")).toBeTruthy();

		rerender(<Panel record={{ data: { name: "Acme" }, error: null }} />);
		// The same element: what a test or the focus held on to while loading stays valid.
		expect(screen.getByTestId("thing-panel")).toBe(dialog);
		expect(screen.getByRole("heading").textContent).toBe("Acme");
		expect(screen.getAllByRole("definition").map((d) => d.textContent)).toEqual(["Acme", "—"]);

		fireEvent.click(screen.getByTestId("edit"));
		expect(screen.getByRole("heading").textContent).toBe("Edit Acme");
		expect(screen.getByTestId("form-done").textContent).toBe("form of Acme");
		fireEvent.click(screen.getByTestId("form-done"));
		expect(screen.getByRole("heading").textContent).toBe("Acme");
	});

	it("says why a record could not load", () => {
		render(<Panel record={{ data: undefined, error: new Error("No such thing.") }} />);
		expect(screen.getByRole("alert").textContent).toBe("No such thing.");
	});
});

function TrashButton(props: Parameters<typeof useTrashWithUndo>[0] & { onTrashed: () => void }) {
	const trashWithUndo = useTrashWithUndo(props);
	return (
		<button
			type="button"
			onClick={() => trashWithUndo(7, "Acme", { onTrashed: props.onTrashed, onError: () => {} })}
		>
			Delete
		</button>
	);
}

describe("useTrashWithUndo", () => {
	it("trashes the record, then offers Undo, which restores it", async () => {
		const trash = {
			mutate: vi.fn((_ids: number[], o?: { onSuccess?: () => void }) => o?.onSuccess?.()),
		};
		const restore = {
			mutate: vi.fn((_ids: number[], o?: { onSuccess?: () => void }) => o?.onSuccess?.()),
		};
		const onTrashed = vi.fn();
		render(
			<ToastProvider>
				<TrashButton trash={trash} restore={restore} onTrashed={onTrashed} />
			</ToastProvider>,
		);
		fireEvent.click(screen.getByText("Delete"));
		expect(trash.mutate.mock.calls[0]?.[0]).toEqual([7]);
		expect(onTrashed).toHaveBeenCalledOnce();
		expect(screen.getByTestId("toast").textContent).toContain("Acme moved to Trash");
		fireEvent.click(screen.getByTestId("toast-undo"));
		expect(restore.mutate.mock.calls[0]?.[0]).toEqual([7]);
		await waitFor(() =>
			expect(screen.getAllByTestId("toast").at(-1)?.textContent).toContain("Acme restored."),
		);
	});
});

describe("move deals dialog", () => {
	const targets = [1, 2].map((id) => <option key={id} value={id}>{`Stage ${id}`}</option>);
	const dialog = (deals: number, onConfirm: (to: number | null) => Promise<unknown>) => (
		<MoveDealsDialog
			title="Delete it"
			testPrefix="x-delete"
			deals={deals}
			hint="Hint"
			field={{ label: "Move to", name: "move_deals_to" }}
			initialTarget={2}
			targets={targets}
			confirmLabel="Delete"
			onConfirm={onConfirm}
			onClose={() => {}}
		/>
	);

	it("moves the deals to the picked target; the core's refusal shows at the select", async () => {
		const onConfirm = vi.fn(async () => {
			throw new IpcError({ code: "validation", message: "Pick an open stage.", field: null });
		});
		render(dialog(3, onConfirm));
		const select = screen.getByTestId("x-delete-target") as HTMLSelectElement;
		expect(select.value).toBe("2");
		fireEvent.change(select, { target: { value: "1" } });
		fireEvent.click(screen.getByTestId("x-delete-confirm"));
		expect(onConfirm).toHaveBeenCalledWith(1);
		expect((await screen.findByTestId("field-error-move_deals_to")).textContent).toBe(
			"Pick an open stage.",
		);
	});

	it("with no deals, confirms without a target and shows a refusal above the buttons", async () => {
		const onConfirm = vi.fn(async () => {
			throw new Error("It is in use.");
		});
		render(dialog(0, onConfirm));
		expect(screen.queryByTestId("x-delete-target")).toBeNull();
		fireEvent.click(screen.getByTestId("x-delete-confirm"));
		expect(onConfirm).toHaveBeenCalledWith(null);
		expect((await screen.findByTestId("form-error")).textContent).toBe("It is in use.");
	});
});

describe("row buttons and confirm dialog", () => {
	it("move buttons stop at the ends and report the direction", () => {
		const onMove = vi.fn();
		render(<MoveButtons name="Won" testPrefix="s" first last={false} onMove={onMove} />);
		const up = screen.getByTestId("s-up") as HTMLButtonElement;
		expect(up.disabled).toBe(true);
		expect(up.getAttribute("aria-label")).toBe("Move Won up");
		fireEvent.click(screen.getByTestId("s-down"));
		expect(onMove).toHaveBeenCalledWith(1);
	});

	it("a confirm dialog waits while pending", () => {
		const onConfirm = vi.fn();
		const { rerender } = render(
			<ConfirmDialog
				title="Sure?"
				testId="c"
				confirm={{ testId: "c-yes", label: "Delete", pendingLabel: "Deleting" }}
				pending={false}
				onConfirm={onConfirm}
				onCancel={() => {}}
			>
				<p>Gone for good.</p>
			</ConfirmDialog>,
		);
		fireEvent.click(screen.getByTestId("c-yes"));
		expect(onConfirm).toHaveBeenCalledOnce();
		rerender(
			<ConfirmDialog
				title="Sure?"
				testId="c"
				confirm={{ testId: "c-yes", label: "Delete", pendingLabel: "Deleting" }}
				pending
				onConfirm={onConfirm}
				onCancel={() => {}}
			>
				<p>Gone for good.</p>
			</ConfirmDialog>,
		);
		expect((screen.getByTestId("c-yes") as HTMLButtonElement).disabled).toBe(true);
		expect(screen.getByLabelText("Deleting")).toBeTruthy();
	});
});
