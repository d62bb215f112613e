import { useQueryClient } from "@tanstack/react-query";
import { ArchiveRestore, FolderOpen, HardDriveDownload } from "lucide-react";
import { useState } from "react";
import type { BackupInfo } from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { useBackend } from "../../ipc/backend";
import { chooseBackupFile } from "../../ipc/nativeDialogs";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { backupKind, fileNameOf, fileSize, folderOf } from "./backups/format";
import { useBackupNow, useBackups } from "./backups/queries";
import { RestoreDialog, type RestoreTarget } from "./backups/RestoreDialog";
import "../../components/records.css";

/** Settings → Backups: where they are, "Back up now", and restoring one (which can itself be undone). */
export function BackupsSettings() {
	const backend = useBackend();
	const client = useQueryClient();
	const toast = useToast();
	const backups = useBackups();
	const backupNow = useBackupNow();
	const [target, setTarget] = useState<RestoreTarget | null>(null);
	const list = backups.data ?? [];
	const folder = list[0] ? folderOf(list[0].path) : null;

	const makeBackup = () =>
		backupNow.mutate(undefined, {
			onSuccess: (b) => toast.show({ message: `Backed up to ${b.file_name}.` }),
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});

	const pickFile = () =>
		chooseBackupFile()
			.then((path) => path && setTarget({ path, fileName: fileNameOf(path), createdAt: null }))
			.catch((err: unknown) => toast.show({ message: errorMessage(err), tone: "error" }));

	// Called from the toast, which outlives this section if the rep moves on: no hooks' callbacks here.
	const undoRestore = (safety: BackupInfo) =>
		void unwrap(backend.commands.backupRestore(safety.path))
			.then(() => {
				void client.invalidateQueries();
				toast.show({ message: "Restore undone: your data is back as it was before." });
			})
			.catch((err: unknown) => toast.show({ message: errorMessage(err), tone: "error" }));

	const restored = (restoredFrom: RestoreTarget, safety: BackupInfo) => {
		setTarget(null);
		toast.show({
			message: restoredFrom.createdAt
				? `Restored the backup from ${fullTime(restoredFrom.createdAt)}.`
				: `Restored ${restoredFrom.fileName}.`,
			durationMs: 15000,
			action: { label: "Undo", testId: "toast-undo", onClick: () => undoRestore(safety) },
		});
	};

	return (
		<section className="panel" data-testid="backup-settings" aria-labelledby="backups-heading">
			<div className="settings-section-header">
				<h2 id="backups-heading">Backups</h2>
				<span className="spacer" />
				<button type="button" className="button" data-testid="restore-file" onClick={pickFile}>
					<FolderOpen size={14} aria-hidden="true" />
					Restore from a file…
				</button>
				<button
					type="button"
					className="button button-primary"
					data-testid="backup-now"
					disabled={backupNow.isPending}
					onClick={makeBackup}
				>
					{backupNow.isPending ? (
						<Spinner size={14} label="Backing up" />
					) : (
						<HardDriveDownload size={14} aria-hidden="true" />
					)}
					{backupNow.isPending ? "Backing up…" : "Back up now"}
				</button>
			</div>
			<p className="hint" data-testid="backup-folder">
				Outpost backs up your database by itself once a day while it is open, and keeps the last 7
				daily backups plus one a week for 4 weeks before that. Backups you make with “Back up now”
				are kept until you delete them. They are in{" "}
				{folder ? <code>{folder}</code> : "a “backups” folder next to your database"}.
			</p>
			{backups.isPending ? (
				<Spinner label="Loading backups" />
			) : backups.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(backups.error)}
				</p>
			) : list.length === 0 ? (
				<p className="hint" data-testid="backups-empty">
					No backups yet. The first daily backup is made shortly after Outpost starts; “Back up now”
					makes one right away.
				</p>
			) : (
				<ul className="field-defs" aria-label="Backups">
					{list.map((b) => {
						const kind = backupKind(b.kind);
						return (
							<li key={b.path} className="field-def" data-testid="backup-row" data-kind={b.kind}>
								<span className={`badge ${kind.badge}`}>{kind.label}</span>
								<span className="field-def-label">
									<span className="cell-primary" title={b.file_name}>
										{fullTime(b.created_at)}
									</span>
									<span className="field-def-meta">
										{" "}
										· {relativeTime(b.created_at)} · {fileSize(b.bytes)}
									</span>
								</span>
								<button
									type="button"
									className="button button-small"
									data-testid="backup-restore"
									aria-label={`Restore the ${kind.label.toLowerCase()} backup from ${fullTime(b.created_at)}`}
									onClick={() =>
										setTarget({ path: b.path, fileName: b.file_name, createdAt: b.created_at })
									}
								>
									<ArchiveRestore size={13} aria-hidden="true" />
									Restore…
								</button>
							</li>
						);
					})}
				</ul>
			)}
			{target && (
				<RestoreDialog
					target={target}
					onClose={() => setTarget(null)}
					onRestored={(safety) => restored(target, safety)}
				/>
			)}
		</section>
	);
}
