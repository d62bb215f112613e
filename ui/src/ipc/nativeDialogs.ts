import { open, save } from "@tauri-apps/plugin-dialog";
import type { ExportFormat } from "../bindings";

/**
 * The native file dialogs the backups section and the export button use, in one module so tests can
 * replace it (`vi.mock`). They exist only inside the desktop shell, not in the plain-browser preview.
 */
export function dialogsAvailable(): boolean {
	return typeof window !== "undefined" && window.__TAURI_INTERNALS__ !== undefined;
}

const needsDesktop = () => new Error("Choosing a file needs the Outpost desktop app.");

/** Asks for a backup file to restore; null when the rep closes the dialog. */
export async function chooseBackupFile(): Promise<string | null> {
	if (!dialogsAvailable()) throw needsDesktop();
	const picked = await open({
		title: "Restore from a backup file",
		multiple: false,
		directory: false,
		filters: [{ name: "Outpost backups", extensions: ["db"] }],
	});
	return typeof picked === "string" ? picked : null;
}

const formatFilters: Record<ExportFormat, { name: string; extensions: string[] }> = {
	csv: { name: "CSV", extensions: ["csv"] },
	xlsx: { name: "Excel workbook", extensions: ["xlsx"] },
};

/** Asks where to write an export; null when the rep closes the dialog. */
export async function chooseExportTarget(
	defaultName: string,
	format: ExportFormat,
): Promise<string | null> {
	if (!dialogsAvailable()) throw needsDesktop();
	return save({ title: "Export", defaultPath: defaultName, filters: [formatFilters[format]] });
}

/** Asks where to save an email attachment (its sanitized name proposed); null when the rep closes it. */
export async function chooseAttachmentTarget(name: string): Promise<string | null> {
	if (!dialogsAvailable()) throw needsDesktop();
	return save({ title: "Save attachment", defaultPath: name });
}
