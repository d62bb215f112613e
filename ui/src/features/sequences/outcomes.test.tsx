import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FakeBackend } from "../../ipc/fakeBackend";
import { unwrap } from "../../ipc/unwrap";
import { seedEveryoneView, seedMailAndTemplate } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

/** A running email → wait → email sequence with two contacts enrolled, the first of whom replied. */
async function seedReplied(backend: FakeBackend) {
	const { mb, intro } = await seedMailAndTemplate(backend);
	const seq = await unwrap(
		backend.commands.sequenceCreate({
			name: "Trial follow-up",
			mailbox_id: mb.id,
			status: "active",
			steps: [
				{ kind: "email", template_id: intro.id },
				{ kind: "wait", days: 2 },
				{ kind: "email", template_id: intro.id },
			],
		}),
	);
	const ada = backend.seedContact({
		first_name: "Ada",
		last_name: "Replier",
		emails: ["ada@replier.test"],
	});
	const bob = backend.seedContact({
		first_name: "Bob",
		last_name: "Silent",
		emails: ["bob@silent.test"],
	});
	await unwrap(backend.commands.sequenceEnroll(seq.id, { contacts: [ada.id, bob.id] }));
	backend.advanceSequence(seq.id);
	const [e] = await unwrap(backend.commands.contactEnrollments(ada.id));
	backend.replyToEnrollment(e?.id ?? 0);
	return { seq, ada, bob };
}

async function enrollmentRow(name: string): Promise<HTMLElement> {
	return waitFor(() => {
		const row = screen.getAllByTestId("enrollment-row").find((r) => r.textContent?.includes(name));
		if (!row) throw new Error(`no row for ${name}`);
		return row;
	});
}

describe("A reply, one click from the pipeline", () => {
	it("turns a replied enrollment into a deal, once, and counts it in the report", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const { seq, ada } = await seedReplied(backend);
		fireEvent.click(await screen.findByTestId("seq-tab-enrollments"));

		// Only the reply offers it; the silent contact's row shows what was sent.
		const bobRow = await enrollmentRow("Bob Silent");
		expect(within(bobRow).queryByTestId("enrollment-to-deal")).toBeNull();
		expect(within(bobRow).getByTestId("enrollment-emails").textContent).toBe("1 sent");

		const adaRow = await enrollmentRow("Ada Replier");
		expect(within(adaRow).getByTestId("enrollment-why").textContent).toContain(
			"The contact replied",
		);
		fireEvent.click(within(adaRow).getByTestId("enrollment-to-deal"));
		const toast = await screen.findByTestId("toast");
		expect(toast.textContent).toContain("Opened a deal for Ada Replier");

		const row = await enrollmentRow("Ada Replier");
		await waitFor(() =>
			expect(within(row).getByTestId("enrollment-converted").textContent).toBe("Deal created"),
		);
		expect(within(row).queryByTestId("enrollment-to-deal")).toBeNull();
		expect(within(row).queryByTestId("enrollment-to-lead")).toBeNull();

		const [e] = await unwrap(backend.commands.contactEnrollments(ada.id));
		const deal = await unwrap(backend.commands.dealGet(e?.converted_deal_id ?? 0));
		expect(deal).toMatchObject({ contact_id: ada.id, title: "Ada Replier — Trial follow-up" });
		// A second click (from a stale window, say) is refused rather than making a second deal.
		const again = await backend.commands.enrollmentConvert(e?.id ?? 0, "deal");
		expect(again.status).toBe("error");

		fireEvent.click(screen.getByTestId("seq-tab-report"));
		await waitFor(() =>
			expect(screen.getByTestId("seq-stat-Deals created").textContent).toContain("1"),
		);
		const bars = await screen.findAllByTestId("seq-funnel-bar");
		expect(bars.at(-1)?.textContent).toContain("Deals created");
		expect(bars.at(-1)?.querySelector(".legend-value")?.textContent).toBe("1");
		expect((await unwrap(backend.commands.sequenceStats(seq.id))).deals_created).toBe(1);
	});

	it("makes a replied contact an engaged lead", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const { ada } = await seedReplied(backend);
		fireEvent.click(await screen.findByTestId("seq-tab-enrollments"));
		fireEvent.click(within(await enrollmentRow("Ada Replier")).getByTestId("enrollment-to-lead"));
		expect((await screen.findByTestId("toast")).textContent).toContain(
			"Ada Replier is now an engaged lead",
		);
		await waitFor(async () =>
			expect(await unwrap(backend.commands.contactGet(ada.id))).toMatchObject({
				lifecycle: "lead",
				lead_status: "engaged",
			}),
		);
		const row = await enrollmentRow("Ada Replier");
		await waitFor(() =>
			expect(within(row).getByTestId("enrollment-converted").textContent).toBe("Made a lead"),
		);
	});
});

describe("Campaigns", () => {
	it("writes, checks who is skipped, starts, and shows the same report", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		await seedMailAndTemplate(backend);
		backend.seedContact({ first_name: "Nell", last_name: "Noemail" });
		const all = await seedEveryoneView(backend);

		fireEvent.click(await screen.findByTestId("seq-new-campaign"));
		const wizard = await screen.findByTestId("campaign-wizard");
		// Nothing is saved without a name.
		fireEvent.click(within(wizard).getByTestId("campaign-next"));
		expect((await screen.findByTestId("field-error-name")).textContent).toContain("name");
		expect(await unwrap(backend.commands.sequencesList())).toEqual([]);

		fireEvent.change(within(wizard).getByTestId("campaign-name"), {
			target: { value: "Spring launch" },
		});
		await waitFor(() =>
			expect((within(wizard).getByTestId("campaign-view") as HTMLSelectElement).value).not.toBe(""),
		);
		fireEvent.click(within(wizard).getByTestId("campaign-next"));
		const preview = await screen.findByTestId("campaign-preview");
		expect(within(preview).getByTestId("campaign-count").textContent).toBe(String(all.length - 1));
		const skip = within(preview).getByTestId("enroll-skip");
		expect(skip.textContent).toContain("Nell Noemail");
		expect(skip.textContent).toContain("No email address");
		// Checking wrote a draft, enrolled no one.
		const [draft] = await unwrap(backend.commands.sequencesList());
		expect(draft).toMatchObject({ name: "Spring launch", kind: "campaign", status: "draft" });
		expect(await unwrap(backend.commands.sequenceEnrollments(draft?.id ?? 0, 10))).toEqual([]);

		fireEvent.click(screen.getByTestId("campaign-start"));
		await waitFor(() => expect(screen.queryByTestId("campaign-wizard")).toBeNull());
		const campaign = await unwrap(backend.commands.sequenceGet(draft?.id ?? 0));
		expect(campaign.status).toBe("active");
		expect(campaign.steps.map((s) => s.kind)).toEqual(["email"]);
		expect(await unwrap(backend.commands.sequenceEnrollments(campaign.id, 500))).toHaveLength(
			all.length - 1,
		);

		// A running campaign opens on its report: the same cards and funnel as a sequence.
		expect(await screen.findByTestId("seq-stats")).toBeTruthy();
		await waitFor(() =>
			expect(screen.getByTestId("seq-stat-Enrolled").textContent).toContain(String(all.length - 1)),
		);
		expect(screen.getByTestId("seq-tab-steps").textContent).toBe("Email");
		fireEvent.click(screen.getByTestId("seq-tab-steps"));
		expect(screen.queryByTestId("seq-add-wait")).toBeNull();
		expect(within(screen.getByTestId("seq-item")).getByTestId("seq-item-kind").textContent).toBe(
			"Campaign",
		);
	});
});

describe("Archiving", () => {
	it("hides an archived sequence from the list, keeps its report, and undoes", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const { seq } = await seedReplied(backend);
		fireEvent.click(await screen.findByTestId("seq-archive"));
		await waitFor(() => expect(screen.queryByTestId("seq-item")).toBeNull());
		expect((await unwrap(backend.commands.sequenceGet(seq.id))).status).toBe("archived");

		fireEvent.click(await screen.findByTestId("seq-show-archived"));
		fireEvent.click(await screen.findByTestId("seq-item"));
		fireEvent.click(await screen.findByTestId("seq-tab-report"));
		await waitFor(() => expect(screen.getByTestId("seq-stat-Enrolled").textContent).toContain("2"));
		expect(screen.queryByTestId("seq-enroll")).toBeNull();

		fireEvent.click(screen.getByTestId("seq-restore"));
		await waitFor(async () =>
			expect((await unwrap(backend.commands.sequenceGet(seq.id))).status).toBe("paused"),
		);
	});

	it("puts an archived sequence back as it was from the toast", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const { seq } = await seedReplied(backend);
		fireEvent.click(await screen.findByTestId("seq-archive"));
		const toast = await screen.findByTestId("toast");
		fireEvent.click(within(toast).getByText("Undo"));
		await waitFor(async () =>
			expect((await unwrap(backend.commands.sequenceGet(seq.id))).status).toBe("active"),
		);
		expect(await screen.findByTestId("seq-item")).toBeTruthy();
	});
});

describe("Stop rules in the editor", () => {
	it("saves the out-of-office delay and the deal rule with the sequence", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const { seq } = await seedReplied(backend);
		const delay = (await screen.findByTestId("seq-auto-reply-delay")) as HTMLInputElement;
		expect(delay.value).toBe("2");
		fireEvent.change(delay, { target: { value: "5" } });
		fireEvent.click(screen.getByTestId("seq-stop-on-deal"));
		fireEvent.click(screen.getByTestId("seq-save"));
		await waitFor(async () =>
			expect((await unwrap(backend.commands.sequenceGet(seq.id))).settings).toMatchObject({
				auto_reply_delay_days: 5,
				stop_on_deal_closed: false,
			}),
		);
	});
});
