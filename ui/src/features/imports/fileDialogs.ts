import { open, save } from "@tauri-apps/plugin-dialog";

/** What the importer reads (the core judges a file by its bytes; the filter only helps people find it). */
export const importExtensions = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv", "txt", "vcf"];

/** The native dialogs exist only inside the desktop shell, not in the plain-browser preview. */
export function dialogsAvailable(): boolean {
	return typeof window !== "undefined" && window.__TAURI_INTERNALS__ !== undefined;
}

/** Asks for the spreadsheet to import; null when the rep closes the dialog. */
export async function chooseSpreadsheet(): Promise<string | null> {
	const picked = await open({
		title: "Import a spreadsheet",
		multiple: false,
		directory: false,
		filters: [{ name: "Spreadsheets and contact files", extensions: importExtensions }],
	});
	return typeof picked === "string" ? picked : null;
}

/** Asks where to save an import's rejected rows; null when the rep closes the dialog. */
export async function chooseRejectsTarget(importedFile: string): Promise<string | null> {
	const stem = importedFile.replace(/\.[^.]+$/, "") || "import";
	return save({
		title: "Save the rejected rows",
		defaultPath: `${stem} - rejected rows.csv`,
		filters: [{ name: "CSV", extensions: ["csv"] }],
	});
}
