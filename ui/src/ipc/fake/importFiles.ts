import { Failure } from "./context";

/** A sheet as the fake "reads" it: every row as written, preamble included. */
export type FakeSheet = { name: string; hidden: boolean; headerRow: number; rows: string[][] };

/**
 * The files the fake can open, by file name (any folder): enough shapes to exercise the import
 * UI in tests and in the browser preview. Anything else does not exist.
 */
const files: Record<string, () => FakeSheet[]> = {
	// LinkedIn's export starts with a note before the header; Ada appears twice, in two cases.
	"linkedin_connections.csv": () => [
		{
			name: "linkedin_connections",
			hidden: false,
			headerRow: 4,
			rows: [
				["Notes:"],
				[
					"When exporting your connection data, you may notice that some of the email addresses are missing.",
				],
				[],
				["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
				[
					"Ada",
					"Lovelace",
					"https://www.linkedin.com/in/adalovelace",
					"ada@analytical.example",
					"Analytical Engines",
					"CTO",
					"21 Nov 2026",
				],
				[
					"Grace",
					"Hopper",
					"https://www.linkedin.com/in/gracehopper",
					"",
					"US Navy",
					"Rear Admiral",
					"03 Oct 2025",
				],
				[
					"Alan",
					"Turing",
					"https://www.linkedin.com/in/alanturing",
					"alan@bletchley.example",
					"Bletchley Park, Ltd",
					"Cryptanalyst",
					"15 Jan 2024",
				],
				[
					"Katherine",
					"Johnson",
					"https://www.linkedin.com/in/kjohnson",
					"katherine@nasa.example",
					"NASA",
					"Mathematician",
					"01 Feb 2023",
				],
				[
					"Ada",
					"Lovelace",
					"https://www.linkedin.com/in/adalovelace",
					"ADA@analytical.example",
					"Analytical Engines",
					"Chief Technology Officer",
					"21 Nov 2026",
				],
			],
		},
	],
	// A workbook with a title row, three visible sheets and a hidden one. Ada's email is the sample's.
	"crm_export.xlsx": () => [
		{
			name: "People",
			hidden: false,
			headerRow: 3,
			rows: [
				["Q3 contact export"],
				[],
				["Name", "Email", "Phone", "Company", "Job title", "Lifecycle", "Notes"],
				[
					"Ada Lovelace",
					"ada.lovelace@initech.example",
					"+1 555 0100",
					"Initech",
					"CTO",
					"customer",
					"Met at the expo",
				],
				["Joan Clarke", "joan@hut8.example", "", "Hut 8", "Cryptanalyst", "lead", ""],
				["Mary Jackson", "mary(at)langley", "", "Langley", "Engineer", "contact", ""],
				["Dorothy Vaughan", "dorothy@langley.example", "+1 555 0142", "Langley", "", "", ""],
				["Annie Easley", "annie@glenn.example", "", "Glenn Research", "Programmer", "prospect", ""],
			],
		},
		{
			name: "Companies",
			hidden: false,
			headerRow: 1,
			rows: [
				["Company", "Website", "Industry", "City"],
				["Hut 8", "https://www.hut8.example/", "Research", "Bletchley"],
				["Langley", "langley.example", "Aerospace", "Hampton"],
				["", "nameless.example", "", ""],
			],
		},
		{
			name: "Deals",
			hidden: false,
			headerRow: 1,
			rows: [
				["Deal", "Company", "Amount", "Stage", "Close date"],
				["Hut 8 renewal", "Hut 8", "12000", "proposal", "2026-11-30"],
				["Langley pilot", "Langley", "8,500", "Negotiation", "2026-12-15"],
				["Glenn expansion", "Glenn Research", "20000", "Verbal yes", ""],
			],
		},
		{
			name: "Old list",
			hidden: true,
			headerRow: 1,
			rows: [
				["Name", "Email"],
				["Old Timer", "old@example.com"],
			],
		},
	],
	// Big enough that an import takes a moment: progress and Cancel have time to show.
	"large_export.csv": () => [
		{
			name: "large_export",
			hidden: false,
			headerRow: 1,
			rows: [
				["First name", "Last name", "Email", "Company"],
				...Array.from({ length: LARGE_ROWS }, (_, i) => [
					`Person${i + 1}`,
					"Bulk",
					`person${i + 1}@large.example`,
					`Bulk Co ${(i % 20) + 1}`,
				]),
			],
		},
	],
};

export const LARGE_ROWS = 5000;

/** Files that exist but are not usable, with the core's kind of message. */
const broken: Record<string, string> = {
	"broken.xlsx":
		"the workbook could not be opened (it is truncated or not really an .xlsx); open it in your spreadsheet app, save a copy and import that",
	"empty.csv": "the file is empty; there is nothing to import",
	"picture.png":
		"this is not a spreadsheet Outpost can read. Use .xlsx, .xls, .xlsb, .ods, .csv, .tsv, .txt or .vcf",
};

export const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

const badFile = (message: string) => new Failure({ code: "bad_file", message, field: null });

/** The sheets of the file at `path`, or the `bad_file` failure the core would report. */
export function openFakeFile(path: string): FakeSheet[] {
	const name = fileName(path.trim());
	const reason = broken[name];
	if (reason) throw badFile(reason);
	const file = files[name];
	if (!file) throw badFile(`${path} does not exist or is not a file`);
	return file();
}

/** The sheet a request names, or the first visible one. */
export function pickSheet(sheets: FakeSheet[], name: string | null): FakeSheet {
	if (name !== null) {
		const found = sheets.find((s) => s.name === name);
		if (!found)
			throw badFile(
				`there is no sheet named “${name}”; the sheets are: ${sheets.map((s) => s.name).join(", ")}`,
			);
		return found;
	}
	const first = sheets.find((s) => !s.hidden);
	if (!first) throw badFile("the workbook has no visible sheet");
	return first;
}
