import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FakeBackend } from "../../ipc/fakeBackend";
import { unwrap } from "../../ipc/unwrap";
import { seedMailAndTemplate } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";

/** A running email → wait → email sequence with `contactIds` enrolled. */
async function seedRunning(backend: FakeBackend, name: string, contactIds: number[], stop = true) {
	const { mb, intro } = await seedMailAndTemplate(backend);
	const seq = await unwrap(
		backend.commands.sequenceCreate({
			name,
			mailbox_id: mb.id,
			status: "active",
			settings: { stop_on_deal_closed: stop },
			steps: [
				{ kind: "email", template_id: intro.id },
				{ kind: "wait", days: 2 },
				{ kind: "email", template_id: intro.id },
			],
		}),
	);
	await unwrap(backend.commands.sequenceEnroll(seq.id, { contacts: contactIds }));
	return seq;
}

/** Creates a deal for `contactId` in the default pipeline and moves it to its won or lost stage. */
async function closeDeal(
	backend: FakeBackend,
	title: string,
	contactId: number,
	kind: "won" | "lost",
	reason: string | null = null,
) {
	const deal = await unwrap(
		backend.commands.dealCreate({
			title,
			pipeline_id: null,
			stage_id: null,
			company_id: null,
			contact_id: contactId,
			value_cents: 0,
			currency: null,
			probability: null,
			expected_close: null,
			custom: {},
		}),
	);
	const stage = (await unwrap(backend.commands.pipelines()))
		.flatMap((p) => p.stages)
		.find((s) => s.pipeline_id === deal.pipeline_id && s.kind === kind);
	return unwrap(
		backend.commands.dealMove({
			deal_id: deal.id,
			stage_id: stage?.id ?? 0,
			position: null,
			reason,
		}),
	);
}

describe("A deal won or lost", () => {
	it("stops its contact's enrollment at once, and the list says why", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const ada = backend.seedContact({
			first_name: "Ada",
			last_name: "Closer",
			emails: ["ada@closer.test"],
		});
		const bob = backend.seedContact({
			first_name: "Bob",
			last_name: "Open",
			emails: ["bob@open.test"],
		});
		await seedRunning(backend, "Trial follow-up", [ada.id, bob.id]);
		const moved = await closeDeal(backend, "Closer expansion", ada.id, "lost", "Budget cut");
		expect(moved.enrollments_stopped).toBe(1);

		fireEvent.click(await screen.findByTestId("seq-tab-enrollments"));
		const row = await waitFor(() => {
			const r = screen
				.getAllByTestId("enrollment-row")
				.find((x) => x.textContent?.includes("Ada Closer"));
			if (!r) throw new Error("no row for Ada");
			return r;
		});
		expect(within(row).getByTestId("enrollment-why").textContent).toBe(
			"The deal “Closer expansion” was lost",
		);
		const bobRow = screen
			.getAllByTestId("enrollment-row")
			.find((x) => x.textContent?.includes("Bob Open"));
		expect(bobRow?.textContent).not.toContain("was lost");
	});

	it("leaves a sequence that turned the rule off running", async () => {
		const { backend } = renderApp({ withSampleData: true, view: "sequences" });
		const ada = backend.seedContact({ first_name: "Ada", last_name: "K", emails: ["ada@k.test"] });
		await seedRunning(backend, "Onboarding", [ada.id], false);
		const moved = await closeDeal(backend, "K deal", ada.id, "won");
		expect(moved.enrollments_stopped).toBe(0);
		const [e] = await unwrap(backend.commands.contactEnrollments(ada.id));
		expect(e?.status).toBe("active");
	});
});
