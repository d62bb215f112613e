import { FolderOpen } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { errorMessage } from "../../ipc/unwrap";
import { chooseSpreadsheet, dialogsAvailable } from "./fileDialogs";

/** The system file dialog, or a pasted path for people who have it at hand (and for tests). */
export function FileChooser({
	path,
	onChoose,
}: {
	path: string | null;
	onChoose: (path: string) => void;
}) {
	const [typed, setTyped] = useState(path ?? "");
	const [dialogError, setDialogError] = useState<string | null>(null);
	const inputId = useId();
	const native = dialogsAvailable();

	const pick = async () => {
		setDialogError(null);
		try {
			const picked = await chooseSpreadsheet();
			if (picked) {
				setTyped(picked);
				onChoose(picked);
			}
		} catch (e) {
			setDialogError(
				`The file dialog did not open: ${errorMessage(e)}. Paste the file's path instead.`,
			);
		}
	};
	const submit = (e: FormEvent) => {
		e.preventDefault();
		const p = typed.trim();
		if (p) onChoose(p);
	};

	return (
		<div className="import-file">
			{native && (
				<button
					type="button"
					className="button button-primary"
					data-testid="import-choose-file"
					onClick={() => void pick()}
				>
					<FolderOpen size={14} aria-hidden="true" />
					Choose a file…
				</button>
			)}
			<form className="import-path" onSubmit={submit}>
				<label htmlFor={inputId}>{native ? "…or paste a file path" : "Paste a file path"}</label>
				<div className="import-path-row">
					<input
						id={inputId}
						data-testid="import-path"
						value={typed}
						onChange={(e) => setTyped(e.target.value)}
						placeholder="/home/you/Downloads/contacts.xlsx"
						spellCheck={false}
						autoComplete="off"
					/>
					<button
						type="submit"
						className="button"
						data-testid="import-path-open"
						disabled={typed.trim() === ""}
					>
						Open
					</button>
				</div>
			</form>
			{dialogError && (
				<p className="field-error" role="alert">
					{dialogError}
				</p>
			)}
			<p className="hint">
				Excel (.xlsx, .xlsm, .xlsb, .xls), OpenDocument (.ods), CSV, TSV or text, and vCard (.vcf).
				Nothing is saved until you press Import.
			</p>
		</div>
	);
}
