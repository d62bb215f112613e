import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../ipc/unwrap";
import { renderApp } from "../../test/renderApp";

function type(testId: string, value: string) {
	fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

const rowsTitled = (title: string) =>
	screen.queryAllByTestId("task-row").filter((r) => r.textContent?.includes(title));

/** Local YYYY-MM-DD of a day relative to today, as a date input gives it. */
function localDate(offsetDays: number): string {
	const d = new Date();
	d.setDate(d.getDate() + offsetDays);
	const pad = (n: number) => String(n).padStart(2, "0");
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function openTasks() {
	const app = renderApp({ withSampleData: true, view: "tasks" });
	await screen.findByTestId("task-count-overdue");
	return app;
}

describe("tasks", () => {
	it("completes a repeating task, shows its next occurrence, and Undo restores it", async () => {
		const { backend } = await openTasks();
		fireEvent.click(screen.getByTestId("new-task"));
		type("task-title", "Send weekly report");
		type("task-due", localDate(-1));
		type("task-due-time", "09:00");
		type("task-repeat", "FREQ=WEEKLY");
		fireEvent.click(screen.getByTestId("task-save"));
		await waitFor(() => expect(screen.queryByTestId("task-dialog")).toBeNull());

		fireEvent.click(screen.getByTestId("task-bucket-overdue"));
		await waitFor(() => expect(rowsTitled("Send weekly report")).toHaveLength(1));
		expect(screen.getByTestId("task-count-overdue").textContent).toBe("2");
		const row = rowsTitled("Send weekly report")[0] as HTMLElement;
		expect(within(row).getByTestId("task-repeats")).toBeTruthy();
		expect(row.dataset.taskId).toMatch(/^\d+$/);

		fireEvent.click(within(row).getByTestId("task-complete"));
		const toast = await waitFor(() => {
			const found = screen
				.getAllByTestId("toast")
				.find((t) => t.textContent?.startsWith("Completed"));
			if (!found) throw new Error("no Completed toast yet");
			return found;
		});
		expect(toast.textContent).toContain("next one in 6 days");
		await waitFor(() => expect(rowsTitled("Send weekly report")).toHaveLength(0));
		expect(screen.getByTestId("task-count-overdue").textContent).toBe("1");

		// The next occurrence, a week after yesterday, is upcoming.
		fireEvent.click(screen.getByTestId("task-bucket-upcoming"));
		await waitFor(() => expect(rowsTitled("Send weekly report")).toHaveLength(1));
		const next = rowsTitled("Send weekly report")[0] as HTMLElement;
		expect(next.dataset.taskId).not.toBe(row.dataset.taskId);
		expect(within(next).getByTestId("task-due-label").textContent).toMatch(/in 6 days/);

		fireEvent.click(within(toast).getByTestId("toast-undo"));
		// Undo reopens it and removes the generated next occurrence.
		await waitFor(() => expect(rowsTitled("Send weekly report")).toHaveLength(0));
		fireEvent.click(screen.getByTestId("task-bucket-overdue"));
		await waitFor(() => expect(rowsTitled("Send weekly report")).toHaveLength(1));
		const done = await unwrap(backend.commands.tasksList("done", 100));
		expect(done.some((t) => t.title === "Send weekly report")).toBe(false);
	});

	it("shows the core's validation error at the repeat field and keeps the dialog open", async () => {
		const { backend } = await openTasks();
		fireEvent.click(screen.getByTestId("new-task"));
		fireEvent.click(screen.getByTestId("task-save"));
		expect((await screen.findByTestId("field-error-title")).textContent).toContain("title");

		type("task-title", "Repeat without a date");
		type("task-repeat", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR");
		fireEvent.click(screen.getByTestId("task-save"));
		const error = await screen.findByTestId("field-error-rrule");
		expect(error.textContent).toContain("needs a due date");
		expect(error.parentElement?.contains(screen.getByTestId("task-repeat"))).toBe(true);
		expect(screen.getByTestId("task-dialog")).toBeTruthy();
		const upcoming = await unwrap(backend.commands.tasksList("upcoming", 100));
		expect(upcoming.some((t) => t.title === "Repeat without a date")).toBe(false);

		type("task-due", localDate(3));
		fireEvent.click(screen.getByTestId("task-save"));
		await waitFor(() => expect(screen.queryByTestId("task-dialog")).toBeNull());
		fireEvent.click(screen.getByTestId("task-bucket-upcoming"));
		await waitFor(() => expect(rowsTitled("Repeat without a date")).toHaveLength(1));
	});
});

describe("fake core: tasks", () => {
	it("refuses to complete a task twice and moves weekday repeats past the weekend", async () => {
		const { createFakeBackend } = await import("../../ipc/fakeBackend");
		const fake = createFakeBackend();
		// A Friday: the next weekday occurrence is the Monday after.
		const task = await unwrap(
			fake.commands.taskCreate({
				title: "Stand-up",
				kind: "meeting",
				priority: null,
				due_at: "2026-11-20T09:00:00Z",
				reminder_at: null,
				rrule: "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
				notes: null,
				contact_id: null,
				company_id: null,
				deal_id: null,
			}),
		);
		const done = await unwrap(fake.commands.taskComplete(task.id));
		expect(done.next?.due_at).toBe("2026-11-23T09:00:00.000Z");
		const again = await fake.commands.taskComplete(task.id);
		expect(again.status === "error" && again.error.code).toBe("conflict");
		await unwrap(fake.commands.taskReopen(task.id));
		const open = [
			...(await unwrap(fake.commands.tasksList("overdue", 10))),
			...(await unwrap(fake.commands.tasksList("upcoming", 10))),
		];
		expect(open.map((t) => t.id)).toEqual([task.id]);
	});
});
