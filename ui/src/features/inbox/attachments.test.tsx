import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { chooseAttachmentTarget, dialogsAvailable } from "../../ipc/nativeDialogs";
import { unwrap } from "../../ipc/unwrap";
import { mailboxInput } from "../../test/fixtures";
import { renderApp } from "../../test/renderApp";
import { fileSize } from "./Attachments";

vi.mock("../../ipc/nativeDialogs", () => ({
	dialogsAvailable: vi.fn(() => true),
	chooseBackupFile: vi.fn(),
	chooseExportTarget: vi.fn(),
	chooseAttachmentTarget: vi.fn(),
}));
const chooseTarget = vi.mocked(chooseAttachmentTarget);
const inDesktop = vi.mocked(dialogsAvailable);

const mailbox = mailboxInput({ email: "me@example.com" });

async function withAttachment() {
	const app = renderApp({ view: "inbox" });
	const mb = await unwrap(app.backend.commands.mailboxCreate(mailbox));
	app.backend.seedContact({
		first_name: "Ada",
		last_name: "Lovelace",
		emails: ["ada@acme.example"],
	});
	const mail = app.backend.deliverEmail({
		mailbox_id: mb.id,
		from_addr: "ada@acme.example",
		subject: "The contract",
		body_text: "Signed copy attached.",
		attachments: [
			{ name: "contract.pdf", content_type: "application/pdf", size: 48_213, part: 2 },
			{ name: "evil.sh", content_type: "application/x-sh", size: 21, part: 3 },
		],
	});
	fireEvent.click(await screen.findByText("The contract"));
	const list = await screen.findByTestId("mail-attachments");
	return { ...app, mail, list };
}

const saveButton = (list: HTMLElement, part: number) =>
	within(list)
		.getAllByTestId("mail-attachment-save")
		.find((b) => b.dataset.part === String(part)) as HTMLElement;

beforeEach(() => {
	chooseTarget.mockReset();
	inDesktop.mockReturnValue(true);
});

describe("Inbox attachments", () => {
	it("lists each attachment with its size and saves one where the rep chooses", async () => {
		const { list } = await withAttachment();
		expect(list.textContent).toContain("contract.pdf");
		expect(list.textContent).toContain("47 KB");
		chooseTarget.mockResolvedValue("/home/rep/Documents/contract.pdf");
		fireEvent.click(saveButton(list, 2));
		await waitFor(() => expect(chooseTarget).toHaveBeenCalledWith("contract.pdf"));
		expect(
			(await screen.findByText("Saved contract.pdf to /home/rep/Documents/contract.pdf."))
				.textContent,
		).toBeTruthy();
	});

	it("does nothing when the save dialog is closed", async () => {
		const { list } = await withAttachment();
		chooseTarget.mockResolvedValue(null);
		fireEvent.click(saveButton(list, 3));
		await waitFor(() => expect(chooseTarget).toHaveBeenCalledWith("evil.sh"));
		await waitFor(() => expect(saveButton(list, 3).hasAttribute("disabled")).toBe(false));
		expect(screen.queryByText(/^Saved /)).toBeNull();
	});

	it("outside the desktop app downloads into Outpost's attachments folder and says where", async () => {
		inDesktop.mockReturnValue(false);
		const { list } = await withAttachment();
		fireEvent.click(saveButton(list, 3));
		expect(
			(await screen.findByText(/^Saved evil\.sh to \/fake\/attachments\/\d+\/3\/evil\.sh\.$/))
				.textContent,
		).toBeTruthy();
		expect(chooseTarget).not.toHaveBeenCalled();
	});

	it("says sizes as people read them", () => {
		expect([fileSize(900), fileSize(48_213), fileSize(5_400_000)]).toEqual([
			"900 B",
			"47 KB",
			"5.1 MB",
		]);
	});
});
