import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AppProviders } from "../../AppProviders";
import { createFakeBackend, type FakeBackend } from "../../ipc/fakeBackend";
import { createQueryClient } from "../../ipc/queryClient";
import { unwrap } from "../../ipc/unwrap";
import { seedEveryoneView, seedMailAndTemplate, seedTemplate } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { EnrollDialog } from "./EnrollDialog";

/** A mailbox and two templates, Intro and Bump. */
async function seedMail(backend: FakeBackend) {
	const { mb, intro } = await seedMailAndTemplate(backend);
	const bump = await seedTemplate(backend, {
		name: "Bump",
		subject: "Re: hi",
		body_text: "Following up.",
	});
	return { mb, intro, bump };
}

/** A running three-step sequence made through the commands, for the views that show one. */
async function seedSequence(backend: FakeBackend) {
	const { mb, intro, bump } = await seedMail(backend);
	return unwrap(
		backend.commands.sequenceCreate({
			name: "Trial follow-up",
			mailbox_id: mb.id,
			status: "active",
			steps: [
				{ kind: "email", template_id: intro.id },
				{ kind: "wait", days: 2, business_days: true },
				{ kind: "email", template_id: bump.id },
			],
		}),
	);
}

describe("Sequences", () => {
	it("explains sequences when there are none, then creates one with reordered steps", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		await seedMail(backend);
		const empty = await screen.findByTestId("sequences-empty");
		expect(empty.textContent).toContain("reply");
		fireEvent.click(within(empty).getByText("Create your first sequence"));

		fireEvent.change(await screen.findByTestId("seq-name"), { target: { value: "Outreach" } });
		// The starter is email → wait → email, on the first mailbox and template once they load.
		await waitFor(() =>
			expect((screen.getAllByTestId("seq-step-template")[0] as HTMLSelectElement).value).not.toBe(
				"",
			),
		);
		fireEvent.click(screen.getByTestId("seq-add-task"));
		fireEvent.change(screen.getAllByTestId("seq-step-task")[0] as HTMLElement, {
			target: { value: "linkedin" },
		});
		// Move the new task (step 4) above the last email.
		fireEvent.click(screen.getByLabelText("Move step 4 up"));
		fireEvent.change(screen.getByTestId("seq-step-days"), { target: { value: "4" } });
		fireEvent.click(screen.getByTestId("seq-step-business"));
		fireEvent.click(screen.getByTestId("seq-save"));

		const item = await screen.findByTestId("seq-item");
		expect(item.textContent).toContain("Outreach");
		expect(within(item).getByTestId("seq-item-status").textContent).toBe("Draft");
		expect(within(item).getByTestId("seq-item-counts").textContent).toContain("4 steps");
		const [summary] = await unwrap(backend.commands.sequencesList());
		const saved = await unwrap(backend.commands.sequenceGet(summary?.id ?? 0));
		expect(saved.steps.map((s) => s.kind)).toEqual(["email", "wait", "task", "email"]);
		expect(saved.steps[1]).toMatchObject({ wait_days: 4, business_days: false });
		expect(saved.steps[2]?.task_kind).toBe("linkedin");
	});

	it("shows the core's complaint at the step it is about and saves nothing", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		await seedMail(backend);
		fireEvent.click(await screen.findByTestId("seq-new"));
		fireEvent.change(await screen.findByTestId("seq-name"), { target: { value: "Calls" } });
		fireEvent.click(screen.getByTestId("seq-add-task"));
		fireEvent.change(screen.getByTestId("seq-step-task"), { target: { value: "custom" } });
		fireEvent.click(screen.getByTestId("seq-save"));
		const error = await screen.findByTestId("seq-step-error");
		expect(error.textContent).toBe("Write what the task is.");
		expect(error.closest("[data-testid=seq-step]")).toBe(screen.getAllByTestId("seq-step")[3]);
		expect(await unwrap(backend.commands.sequencesList())).toEqual([]);
	});

	it("pauses a running sequence and resumes it", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const seq = await seedSequence(backend);
		fireEvent.click(await screen.findByTestId("seq-pause"));
		await waitFor(() => expect(screen.getByTestId("seq-status").textContent).toBe("Paused"));
		expect((await unwrap(backend.commands.sequenceGet(seq.id))).status).toBe("paused");
		fireEvent.click(screen.getByTestId("seq-activate"));
		await waitFor(() => expect(screen.getByTestId("seq-status").textContent).toBe("Active"));
	});

	it("enrolls a saved view after showing who is skipped and why, then stops one with a reason", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const seq = await seedSequence(backend);
		const nobody = backend.seedContact({ first_name: "Nell", last_name: "Noemail" });
		const all = await seedEveryoneView(backend);

		fireEvent.click(await screen.findByTestId("seq-enroll"));
		const dialog = await screen.findByTestId("enroll-dialog");
		const skip = await within(dialog).findByTestId("enroll-skip");
		expect(skip.textContent).toContain("Nell Noemail");
		expect(skip.textContent).toContain("No email address");
		expect(within(dialog).getByTestId("enroll-count").textContent).toBe(String(all.length - 1));
		// A preview writes nothing.
		expect(await unwrap(backend.commands.sequenceEnrollments(seq.id, 50))).toEqual([]);

		fireEvent.click(within(dialog).getByTestId("enroll-confirm"));
		await waitFor(() => expect(screen.queryByTestId("enroll-dialog")).toBeNull());
		const enrolled = await unwrap(backend.commands.sequenceEnrollments(seq.id, 500));
		expect(enrolled).toHaveLength(all.length - 1);
		expect(enrolled.map((e) => e.contact_id)).not.toContain(nobody.id);

		fireEvent.click(screen.getByTestId("seq-tab-enrollments"));
		const rows = await screen.findAllByTestId("enrollment-row");
		expect(rows).toHaveLength(all.length - 1);
		fireEvent.click(within(rows[0] as HTMLElement).getByTestId("enrollment-stop"));
		fireEvent.change(await screen.findByTestId("stop-reason"), {
			target: { value: "Talked on the phone" },
		});
		fireEvent.click(screen.getByTestId("stop-confirm"));
		await waitFor(() =>
			expect(screen.getAllByTestId("enrollment-why")[0]?.textContent).toBe(
				"Stopped by hand: Talked on the phone",
			),
		);
	});

	it("draws the funnel: enrolled, sent per email step, replied, deals", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const seq = await seedSequence(backend);
		const ids = (
			await unwrap(backend.commands.listIds("contact", { search: null, cursor: null, limit: null }))
		).slice(0, 4);
		await unwrap(backend.commands.sequenceEnroll(seq.id, { contacts: ids }));
		backend.advanceSequence(seq.id); // step 1 email to all four
		const [first] = await unwrap(backend.commands.sequenceEnrollments(seq.id, 10));
		backend.replyToEnrollment(first?.id ?? 0);
		backend.advanceSequence(seq.id); // the wait
		backend.advanceSequence(seq.id); // step 3 email to the three still running

		fireEvent.click(await screen.findByTestId("seq-tab-report"));
		const bars = await screen.findAllByTestId("seq-funnel-bar");
		expect(
			bars.map((b) => [
				b.querySelector(".legend-name")?.textContent,
				b.querySelector(".legend-value")?.textContent,
			]),
		).toEqual([
			["Enrolled", "4"],
			["Email 1 sent", "4"],
			["Email 2 sent", "3"],
			["Replied", "1"],
			["Deals created", "0"],
		]);
		expect(screen.getByTestId("seq-stat-Replied").textContent).toContain("25% reply rate");
	});
});

describe("EnrollDialog", () => {
	it("enrolls the selected contacts, skipping a suppressed one with the list's reason", async () => {
		const backend = createFakeBackend({ withSampleData: true });
		const seq = await seedSequence(backend);
		const a = backend.seedContact({
			first_name: "Ann",
			last_name: "Able",
			emails: ["ann@able.test"],
		});
		const b = backend.seedContact({
			first_name: "Bo",
			last_name: "Blocked",
			emails: ["bo@blocked.test"],
		});
		await unwrap(
			backend.commands.suppressionAdd({
				kind: "domain",
				value: "blocked.test",
				company_id: null,
				reason: "manual",
				note: null,
			}),
		);
		render(
			<AppProviders backend={backend} queryClient={createQueryClient()}>
				<EnrollDialog
					sequenceId={seq.id}
					sequenceName={seq.name}
					selection={[a.id, b.id]}
					onClose={() => {}}
				/>
			</AppProviders>,
		);
		const skip = await screen.findByTestId("enroll-skip");
		expect(skip.textContent).toContain("Bo Blocked");
		expect(skip.textContent).toContain("Suppressed");
		expect(screen.getByTestId("enroll-count").textContent).toBe("1");
		fireEvent.click(screen.getByTestId("enroll-confirm"));
		await waitFor(async () =>
			expect(
				(await unwrap(backend.commands.sequenceEnrollments(seq.id, 10))).map((e) => e.contact_id),
			).toEqual([a.id]),
		);
	});
});

describe("Enroll from a list selection", () => {
	it("enrolls the contacts selected in the Contacts list into the chosen sequence", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "contacts" });
		const seq = await seedSequence(backend);
		const rowOf = async (name: string) =>
			(await screen.findAllByTestId("contact-row")).find((r) =>
				r.textContent?.includes(name),
			) as HTMLElement;
		fireEvent.click(within(await rowOf("Ada Lovelace")).getByTestId("row-select"));
		fireEvent.click(within(await rowOf("Alan Turing")).getByTestId("row-select"));
		fireEvent.click(screen.getByTestId("bulk-enroll"));
		const next = await screen.findByTestId("enroll-choose-next");
		await waitFor(() => expect((next as HTMLButtonElement).disabled).toBe(false));
		fireEvent.click(next);
		const dialog = await screen.findByTestId("enroll-dialog");
		await waitFor(() => expect(within(dialog).getByTestId("enroll-count").textContent).toBe("2"));
		expect(dialog.textContent).toContain("The 2 selected contacts");
		fireEvent.click(within(dialog).getByTestId("enroll-confirm"));
		await waitFor(async () =>
			expect(
				(await unwrap(backend.commands.sequenceEnrollments(seq.id, 10)))
					.map((e) => e.contact_name)
					.sort(),
			).toEqual(["Ada Lovelace", "Alan Turing"]),
		);
	});
});

describe("Sequences on a contact's record", () => {
	it("lists the contact's sequences with why each stopped, and enrolls from the record", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "contacts" });
		const seq = await seedSequence(backend);
		const other = await unwrap(
			backend.commands.sequenceCreate({
				name: "Webinar",
				mailbox_id: seq.mailbox_id,
				steps: [{ kind: "task", task: "call" }],
			}),
		);
		const row = await waitFor(() => {
			const found = screen
				.getAllByTestId("contact-row")
				.find((r) => r.textContent?.includes("Ada Lovelace"));
			if (!found) throw new Error("no row");
			return found;
		});
		const adaId = (
			await unwrap(backend.commands.contactsList({ search: "Ada", cursor: null, limit: 5 }))
		).items[0]?.id as number;
		const [enrolled] = (
			await unwrap(backend.commands.sequenceEnroll(seq.id, { contacts: [adaId] }))
		).contact_ids;
		expect(enrolled).toBe(adaId);
		const [e] = await unwrap(backend.commands.contactEnrollments(adaId));
		await unwrap(backend.commands.enrollmentStop(e?.id ?? 0, "Met at the conference"));

		fireEvent.click(row);
		const panel = await screen.findByTestId("contact-sequences");
		const item = await within(panel).findByTestId("contact-enrollment");
		expect(item.textContent).toContain("Trial follow-up");
		expect(item.textContent).toContain("Stopped by hand: Met at the conference");

		fireEvent.click(within(panel).getByTestId("bulk-enroll"));
		const choose = await screen.findByTestId("enroll-choose-sequence");
		await waitFor(() => expect((choose as HTMLSelectElement).options.length).toBe(2));
		fireEvent.change(choose, { target: { value: String(other.id) } });
		fireEvent.click(screen.getByTestId("enroll-choose-next"));
		const confirm = await screen.findByTestId("enroll-confirm");
		await waitFor(() => expect((confirm as HTMLButtonElement).disabled).toBe(false));
		fireEvent.click(confirm);
		await waitFor(() => expect(within(panel).getAllByTestId("contact-enrollment")).toHaveLength(2));
	});
});
