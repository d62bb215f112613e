import type { FormEvent } from "react";
import type { BackupInfo } from "../../../bindings";
import { Dialog } from "../../../components/Dialog";
import { FormActions } from "../../../components/FormActions";
import { fullTime } from "../../../format/relativeTime";
import { errorMessage } from "../../../ipc/unwrap";
import { useRestoreBackup } from "./queries";

/** A backup from the list, or a file the rep picked (which has no known date). */
export type RestoreTarget = { path: string; fileName: string; createdAt: string | null };

type Props = {
	target: RestoreTarget;
	onClose: () => void;
	/** After the restore, with the backup of what was there before (restoring it undoes this). */
	onRestored: (safety: BackupInfo) => void;
};

/** Says plainly what a restore does before it replaces anything. */
export function RestoreDialog({ target, onClose, onRestored }: Props) {
	const restore = useRestoreBackup();
	const when = target.createdAt ? fullTime(target.createdAt) : null;

	const submit = (e: FormEvent) => {
		e.preventDefault();
		restore.mutate(target.path, { onSuccess: onRestored });
	};

	return (
		<Dialog
			title={when ? `Restore the backup from ${when}?` : `Restore from ${target.fileName}?`}
			onClose={onClose}
			testId="restore-dialog"
		>
			<form className="form" onSubmit={submit} noValidate>
				<p data-testid="restore-consequences">
					Everything in Outpost — contacts, leads, companies, deals, tasks, notes, pipelines and
					settings — is replaced by what this backup holds.
					{when
						? ` Anything added or changed since ${when} is not in it.`
						: " Anything added or changed since the backup was made is not in it."}
				</p>
				<p className="hint">
					Your current data is saved first as a “before restore” backup, so you can undo this by
					restoring that one.
				</p>
				<p className="hint">
					<code>{target.path}</code>
				</p>
				{restore.isError && (
					<p className="form-error" role="alert" data-testid="restore-error">
						{errorMessage(restore.error)}
					</p>
				)}
				<FormActions
					onCancel={onClose}
					testId="restore-confirm"
					pending={restore.isPending}
					pendingLabel="Restoring"
				>
					Replace my data with this backup
				</FormActions>
			</form>
		</Dialog>
	);
}
