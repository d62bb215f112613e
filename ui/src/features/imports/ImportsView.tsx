import { FileSpreadsheet, Upload } from "lucide-react";
import { useEffect, useState } from "react";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate, useNavTarget } from "../../navigation";
import { ImportHistory } from "./ImportHistory";
import { ImportWizard } from "./ImportWizard";
import { useImportHistory } from "./queries";
import { UndoImportDialog, type UndoTarget } from "./UndoImportDialog";
import "./imports.css";

/** Past imports with undo, and the way in to a new one (`#imports/new` opens the wizard). */
export function ImportsView() {
	const target = useNavTarget();
	const navigate = useNavigate();
	const [wizard, setWizard] = useState(target?.id === "new");
	const [undoing, setUndoing] = useState<UndoTarget | null>(null);
	const history = useImportHistory();

	// Arriving from the first-run screen (or a link) with "new" opens the wizard, each time it is asked.
	useEffect(() => {
		if (target?.id === "new") setWizard(true);
	}, [target]);

	if (wizard) {
		return (
			<ImportWizard
				onClose={() => {
					setWizard(false);
					// Drop "/new" from the address, so a reload lands on the history.
					if (target?.id === "new") navigate("imports");
				}}
			/>
		);
	}

	const jobs = history.data ?? [];
	const start = (
		<button
			type="button"
			className="button button-primary"
			data-testid="import-start"
			onClick={() => setWizard(true)}
		>
			<Upload size={14} aria-hidden="true" />
			Import a spreadsheet
		</button>
	);
	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Imports</h1>
					{history.data && history.data.length > 0 && (
						<span className="count" data-testid="imports-total">
							{history.data.length}
						</span>
					)}
				</div>
				{jobs.length > 0 && <div className="toolbar">{start}</div>}
			</header>
			<div className="view-body">
				{history.isPending ? (
					<div className="centered">
						<Spinner label="Loading past imports" />
					</div>
				) : history.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(history.error)}
					</p>
				) : jobs.length === 0 ? (
					<EmptyState
						icon={FileSpreadsheet}
						title="Bring in the spreadsheets you already keep"
						testId="imports-empty"
						actions={start}
					>
						<p>
							Import contacts, companies or deals from Excel (.xlsx, .xlsm, .xlsb, .xls),
							OpenDocument (.ods), CSV, TSV or text files, and vCards (.vcf) — including exports
							from LinkedIn, Google Contacts, Outlook and HubSpot.
						</p>
						<p className="import-empty-more">
							You match columns to fields and see exactly what will be created, updated or skipped
							before anything is saved. Every import can be undone.
						</p>
					</EmptyState>
				) : (
					<ImportHistory
						jobs={jobs}
						onUndo={(job) =>
							setUndoing({
								id: job.id,
								file_name: job.file_name,
								entity: job.entity,
								created: job.created,
								updated: job.updated,
							})
						}
					/>
				)}
			</div>
			{undoing && <UndoImportDialog target={undoing} onClose={() => setUndoing(null)} />}
		</div>
	);
}
