import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, Upload } from "lucide-react";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import type {
	DuplicatePolicy,
	ImportEntity,
	ImportPreview,
	ImportRequest,
	ImportUndone,
} from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { useDebounced } from "../../hooks/useDebounced";
import { useBackend } from "../../ipc/backend";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";
import { useCustomFields } from "../customFields/queries";
import { FileChooser } from "./FileChooser";
import { count } from "./format";
import { ImportResult } from "./ImportResult";
import { ImportRunning } from "./ImportRunning";
import { MappingTable } from "./MappingTable";
import { PolicyChoice } from "./PolicyChoice";
import { PreviewPanel } from "./PreviewPanel";
import { sameSource, useImportPreview, useJobs, useRunImport } from "./queries";
import { SourceOptions } from "./SourceOptions";
import { fieldEntityOf, plural } from "./targets";
import { UndoImportDialog } from "./UndoImportDialog";

/** Everything the rep decides before importing; a request is built from it once there is a file. */
type Setup = {
	path: string | null;
	entity: ImportEntity;
	sheet: string | null;
	headerRow: number | null;
	/** The rep's mapping changes, by "#N" column key (headers may repeat); the rest is suggested. */
	mapping: Record<string, string>;
	policy: DuplicatePolicy;
};

const blank: Setup = {
	path: null,
	entity: "contacts",
	sheet: null,
	headerRow: null,
	mapping: {},
	policy: "skip",
};

/** Mapping and policy edits wait this long before a new dry run, so quick changes cost one. */
const PREVIEW_DELAY_MS = 350;

type Notice = { tone: "info" | "error"; text: string };

/** Choose a file, say what its rows are, map its columns, check the dry run, import, undo if need be. */
export function ImportWizard({ onClose }: { onClose: () => void }) {
	const backend = useBackend();
	const [setup, setSetup] = useState<Setup>(blank);
	const [phase, setPhase] = useState<"setup" | "running" | "done">("setup");
	const [notice, setNotice] = useState<Notice | null>(null);
	const [cancelWanted, setCancelWanted] = useState(false);
	const [undoOpen, setUndoOpen] = useState(false);
	const [undone, setUndone] = useState<ImportUndone | null>(null);
	/** The file being imported and its row count (from the dry run), for the progress bar. */
	const [running, setRunning] = useState<{ fileName: string; total: number } | null>(null);

	const request = useMemo<ImportRequest | null>(
		() =>
			setup.path === null
				? null
				: {
						path: setup.path,
						sheet: setup.sheet,
						entity: setup.entity,
						mapping: setup.mapping,
						policy: setup.policy,
						header_row: setup.headerRow,
					},
		[setup],
	);
	const debounced = useDebounced(request, PREVIEW_DELAY_MS);
	// A new file, kind, sheet or header row previews at once; mapping and policy edits wait.
	const effective = request && debounced && sameSource(request, debounced) ? debounced : request;
	const settled = JSON.stringify(effective) === JSON.stringify(request);

	const sheets = useQuery({
		queryKey: ["imports", "sheets", setup.path],
		queryFn: () => unwrap(backend.commands.importSheets(setup.path ?? "")),
		enabled: setup.path !== null,
		gcTime: 0,
	});
	// Only while setting up: after an import, a dry run of the same file would be wasted work.
	const preview = useImportPreview(phase === "setup" ? effective : null);
	const customFields = useCustomFields(fieldEntityOf[setup.entity]);
	const previewJobs = useJobs("import-preview");
	const importJobs = useJobs("import");
	const run = useRunImport();

	// A dry run nobody will look at only holds up the next one: stop it.
	const previewKey = JSON.stringify(effective);
	useEffect(() => {
		void previewKey;
		void previewJobs.cancelRunning();
	}, [previewKey, previewJobs.cancelRunning]);
	useEffect(() => () => void previewJobs.cancelRunning(), [previewJobs.cancelRunning]);

	// Cancel pressed before the core said which job is the import: stop it as soon as it does.
	useEffect(() => {
		if (cancelWanted && phase === "running" && importJobs.latest?.state === "running")
			void importJobs.cancelRunning();
	}, [cancelWanted, phase, importJobs.latest, importJobs.cancelRunning]);

	// The last good dry run stays on screen while a mapping mistake is being fixed.
	const [lastGood, setLastGood] = useState<{
		request: ImportRequest;
		preview: ImportPreview;
	} | null>(null);
	useEffect(() => {
		if (preview.data && effective && !preview.isPlaceholderData)
			setLastGood({ request: effective, preview: preview.data });
	}, [preview.data, preview.isPlaceholderData, effective]);

	const error = preview.error ?? sheets.error;
	const code = error instanceof IpcError ? error.code : null;
	const field = error instanceof IpcError ? error.field : null;
	const badFile = code === "bad_file" ? errorMessage(error) : null;
	const mappingError = code === "validation" && field === "mapping" ? errorMessage(error) : null;
	const headerError = code === "validation" && field === "header_row" ? errorMessage(error) : null;
	const otherError =
		error && !badFile && !mappingError && !headerError ? errorMessage(error) : null;
	const shown =
		preview.data ??
		(lastGood && request && sameSource(lastGood.request, request) ? lastGood.preview : undefined);

	const change = (patch: Partial<Setup>) => {
		setNotice(null);
		setSetup((s) => ({ ...s, ...patch }));
	};
	const choose = (path: string) => {
		setNotice(null);
		if (path === setup.path) {
			// The same file again: it may have changed on disk since.
			void sheets.refetch();
			void preview.refetch();
		} else setSetup({ ...blank, entity: setup.entity, policy: setup.policy, path });
	};

	const start = () => {
		if (!effective || !shown) return;
		setNotice(null);
		setCancelWanted(false);
		setUndone(null);
		importJobs.reset();
		setRunning({ fileName: shown.file_name, total: shown.counts.rows_in });
		setPhase("running");
		run.mutate(effective, {
			onSuccess: () => setPhase("done"),
			onError: (e) => {
				setPhase("setup");
				setNotice(
					e instanceof IpcError && e.code === "cancelled"
						? { tone: "info", text: "Import cancelled. Nothing was saved." }
						: {
								tone: "error",
								text: `The import failed and nothing was saved: ${errorMessage(e)}`,
							},
				);
			},
		});
	};
	const cancel = () => {
		setCancelWanted(true);
		void importJobs.cancelRunning();
	};
	const another = () => {
		setPhase("setup");
		setUndone(null);
		run.reset();
		setSetup(blank);
	};

	const header = (
		<header className="view-header">
			<div className="view-title">
				<button
					type="button"
					className="icon-button"
					aria-label="Back to past imports"
					data-testid="import-back"
					disabled={phase === "running"}
					onClick={onClose}
				>
					<ArrowLeft size={16} aria-hidden="true" />
				</button>
				<h1>Import a spreadsheet</h1>
			</div>
		</header>
	);

	if (phase === "running" && running) {
		return (
			<div className="view" data-testid="import-wizard">
				{header}
				<div className="view-body import-wizard">
					<ImportRunning
						fileName={running.fileName}
						total={running.total}
						progress={importJobs.latest}
						cancelling={cancelWanted}
						onCancel={cancel}
					/>
				</div>
			</div>
		);
	}

	if (phase === "done" && run.data) {
		const summary = run.data;
		return (
			<div className="view" data-testid="import-wizard">
				{header}
				<div className="view-body import-wizard">
					<ImportResult
						summary={summary}
						entity={setup.entity}
						undone={undone}
						onUndo={() => setUndoOpen(true)}
						onAnother={another}
						onClose={onClose}
					/>
				</div>
				{undoOpen && (
					<UndoImportDialog
						target={{
							id: summary.import_id,
							file_name: summary.file_name,
							entity: setup.entity,
							created: summary.created,
							updated: summary.updated,
						}}
						onClose={() => setUndoOpen(false)}
						onUndone={setUndone}
					/>
				)}
			</div>
		);
	}

	const readable = setup.path !== null && !badFile && sheets.isSuccess;
	const stale = !settled || preview.isFetching || preview.isPlaceholderData;
	const canImport = !!shown && !!preview.data && !error && !stale;
	return (
		<div className="view" data-testid="import-wizard">
			{header}
			<div className="view-body import-wizard">
				{notice && (
					<p
						className={notice.tone === "error" ? "form-error" : "import-notice"}
						role={notice.tone === "error" ? "alert" : "status"}
						data-testid="import-notice"
					>
						{notice.text}
					</p>
				)}
				<Section n={1} title="Choose the file">
					<FileChooser path={setup.path} onChoose={choose} />
					{badFile && (
						<p className="form-error" role="alert" data-testid="import-bad-file">
							{badFile}
						</p>
					)}
				</Section>

				{readable && (
					<Section n={2} title="What is in it">
						<SourceOptions
							entity={setup.entity}
							onEntity={(entity) => change({ entity, mapping: {} })}
							sheets={sheets.data ?? []}
							sheet={setup.sheet ?? shown?.sheet ?? null}
							onSheet={(sheet) => change({ sheet, headerRow: null, mapping: {} })}
							headerRow={setup.headerRow ?? shown?.header_row ?? null}
							onHeaderRow={(headerRow) => change({ headerRow, mapping: {} })}
							headerError={headerError}
							headerChosen={setup.headerRow !== null}
						/>
					</Section>
				)}

				{readable && !shown && preview.isFetching && (
					<div className="centered">
						<Spinner label="Reading the file" />
						<PreviewProgress done={previewJobs.latest?.done ?? 0} />
					</div>
				)}

				{otherError && (
					<div className="form-error" role="alert">
						{otherError}{" "}
						<button type="button" className="link-button" onClick={() => void preview.refetch()}>
							Try again
						</button>
					</div>
				)}

				{readable && shown && (
					<>
						<Section n={3} title="Match the columns">
							<MappingTable
								columns={shown.columns}
								targets={shown.targets}
								entity={setup.entity}
								customFields={customFields.data ?? []}
								mapping={setup.mapping}
								onChange={(col, target) =>
									change({ mapping: { ...setup.mapping, [`#${col.index}`]: target } })
								}
								error={mappingError}
								presetUsed={shown.preset_used}
							/>
						</Section>
						<Section n={4} title="Records already in Outpost">
							<PolicyChoice
								entity={setup.entity}
								policy={setup.policy}
								onChange={(policy) => change({ policy })}
							/>
						</Section>
						<Section
							n={5}
							title="Check the result"
							aside={stale && !error ? <Spinner size={14} label="Updating the preview" /> : null}
						>
							<div className={stale ? "import-stale" : undefined}>
								<PreviewPanel
									preview={shown}
									entity={setup.entity}
									customFields={customFields.data ?? []}
								/>
							</div>
						</Section>
					</>
				)}
			</div>
			{readable && shown && (
				<footer className="import-footer">
					<span className="hint">
						{canImport
							? `${plural(shown.counts.created + shown.counts.updated + shown.counts.merged, "row")} will be saved; nothing is written until you import.`
							: mappingError
								? "Fix the column matching to continue."
								: "Updating the preview…"}
					</span>
					<span className="spacer" />
					<button type="button" className="button" onClick={onClose}>
						Cancel
					</button>
					<button
						type="button"
						className="button button-primary"
						data-testid="import-run"
						disabled={!canImport}
						onClick={start}
					>
						<Upload size={14} aria-hidden="true" />
						Import {count(shown.counts.rows_in)} {shown.counts.rows_in === 1 ? "row" : "rows"}
					</button>
				</footer>
			)}
		</div>
	);
}

function Section({
	n,
	title,
	aside,
	children,
}: {
	n: number;
	title: string;
	aside?: ReactNode;
	children: ReactNode;
}) {
	const id = `import-step-${n}`;
	return (
		<section className="import-section" aria-labelledby={id}>
			<h2 id={id} className="import-section-title">
				<span className="import-step" aria-hidden="true">
					{n}
				</span>
				{title}
				{aside}
			</h2>
			{children}
		</section>
	);
}

function PreviewProgress({ done }: { done: number }) {
	return done > 0 ? <p className="hint">Checked {count(done)} rows…</p> : null;
}
