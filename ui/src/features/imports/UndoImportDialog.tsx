import { TriangleAlert, Undo2 } from "lucide-react";
import type { ImportEntity, ImportUndone } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { Spinner } from "../../components/Spinner";
import { errorMessage } from "../../ipc/unwrap";
import { useUndoImport } from "./queries";
import "../../components/records.css";
import "./imports.css";
import { entityNames, plural } from "./targets";

/** What the dialog needs to know about the import: a history row or a fresh result both fit. */
export type UndoTarget = {
	id: number;
	file_name: string;
	entity: ImportEntity;
	created: number;
	updated: number;
};

type Props = { target: UndoTarget; onClose: () => void; onUndone?: (result: ImportUndone) => void };

/** Confirms an undo with what it will remove and restore, then says what it did. */
export function UndoImportDialog({ target, onClose, onUndone }: Props) {
	const undo = useUndoImport();
	const names = entityNames[target.entity];
	const result = undo.data;

	if (result) {
		return (
			<Dialog title="Import undone" onClose={onClose} testId="undo-import-result">
				<div className="form">
					<p data-testid="undo-import-summary">
						Removed {plural(result.removed, "record")} the import created
						{result.restored > 0 && (
							<> and restored {plural(result.restored, "record")} it updated</>
						)}
						.
					</p>
					{result.edited_since > 0 && (
						<p className="import-warning" role="alert" data-testid="undo-import-edited">
							<TriangleAlert size={15} aria-hidden="true" />
							<span>
								{plural(result.edited_since, "record was", "records were")} edited after the import.
								Those later edits were undone too.
							</span>
						</p>
					)}
					<div className="form-actions">
						<span className="spacer" />
						<button type="button" className="button button-primary" onClick={onClose}>
							Close
						</button>
					</div>
				</div>
			</Dialog>
		);
	}

	const changed = target.created + target.updated > 0;
	return (
		<Dialog
			title={`Undo the import of ${target.file_name}?`}
			onClose={onClose}
			testId="undo-import"
		>
			<div className="form">
				{changed ? (
					<p data-testid="undo-import-consequences">
						{target.created > 0 && (
							<>
								This removes the {plural(target.created, names.one, names.many)} it created
								{target.entity !== "companies" && " (and the companies it added for them)"}.{" "}
							</>
						)}
						{target.updated > 0 && (
							<>
								The {plural(target.updated, names.one, names.many)} it updated{" "}
								{target.updated === 1 ? "goes back to how it was" : "go back to how they were"}{" "}
								before the import.{" "}
							</>
						)}
						Edits made since the import to these records are lost too.
					</p>
				) : (
					<p data-testid="undo-import-consequences">
						This import created and updated nothing; undoing it only marks it as undone.
					</p>
				)}
				{undo.isError && (
					<p className="form-error" role="alert">
						{errorMessage(undo.error)}
					</p>
				)}
				<div className="form-actions">
					<span className="spacer" />
					<button type="button" className="button" onClick={onClose}>
						Cancel
					</button>
					<button
						type="button"
						className="button button-danger"
						data-testid="undo-import-confirm"
						disabled={undo.isPending}
						onClick={() => undo.mutate(target.id, { onSuccess: (r) => onUndone?.(r) })}
					>
						{undo.isPending ? (
							<Spinner size={14} label="Undoing the import" />
						) : (
							<Undo2 size={14} aria-hidden="true" />
						)}
						Undo import
					</button>
				</div>
			</div>
		</Dialog>
	);
}
