import { Pencil, Trash2 } from "lucide-react";
import { type ReactNode, useState } from "react";
import { errorMessage } from "../ipc/unwrap";
import { Dialog } from "./Dialog";
import { SmallButton } from "./SmallButton";
import { Spinner } from "./Spinner";

/**
 * A record's dialog body before its record is here: a spinner while it loads, or why it could not. It goes
 * inside the same <Dialog> that will show the record, so the dialog stays put (and keeps focus) when it loads.
 */
export function RecordPending({ error, loadingLabel }: { error: unknown; loadingLabel: string }) {
	return error ? (
		<p className="form-error" role="alert">
			{errorMessage(error)}
		</p>
	) : (
		<div className="centered">
			<Spinner label={loadingLabel} />
		</div>
	);
}

type PanelProps<T> = {
	/** The record's query (null data until it loads). */
	record: { data: T | undefined; error: unknown };
	/** The record's name: the dialog's title, "Edit <name>" while editing. */
	name: (record: T) => string;
	/** The title while the record loads ("Company"). */
	noun: string;
	testId: string;
	loadingLabel: string;
	onClose: () => void;
	/** The edit form; `done` goes back to the details (after a save or a cancel). */
	form: (record: T, done: () => void) => ReactNode;
	/** The details; `edit` opens the form. */
	details: (record: T, edit: () => void) => ReactNode;
};

/** A record's panel: its details, or its edit form in the same dialog. */
export function RecordPanel<T>({
	record,
	name,
	noun,
	testId,
	loadingLabel,
	onClose,
	form,
	details,
}: PanelProps<T>) {
	const [editing, setEditing] = useState(false);
	const r = record.data;
	const title = !r ? noun : editing ? `Edit ${name(r)}` : name(r);
	return (
		<Dialog title={title} onClose={onClose} testId={testId}>
			{!r ? (
				<RecordPending error={record.error} loadingLabel={loadingLabel} />
			) : editing ? (
				form(r, () => setEditing(false))
			) : (
				details(r, () => setEditing(true))
			)}
		</Dialog>
	);
}

/** The Edit and Delete buttons of a record's header: test ids `${testPrefix}-edit` and `-delete`. */
export function EditDeleteButtons({
	testPrefix,
	onEdit,
	onDelete,
	deleting,
}: {
	testPrefix: string;
	onEdit: () => void;
	onDelete: () => void;
	/** The delete is under way: the button waits. */
	deleting: boolean;
}) {
	return (
		<>
			<SmallButton icon={Pencil} testId={`${testPrefix}-edit`} onClick={onEdit}>
				Edit
			</SmallButton>
			<SmallButton
				icon={Trash2}
				testId={`${testPrefix}-delete`}
				danger
				disabled={deleting}
				onClick={onDelete}
			>
				Delete
			</SmallButton>
		</>
	);
}

/** One row of a record's facts; an empty value shows as a muted dash. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
	const empty =
		children === null || children === undefined || children === "" || children === false;
	return (
		<div className="facts-row">
			<dt>{label}</dt>
			<dd className={empty ? "cell-muted" : undefined}>{empty ? "—" : children}</dd>
		</div>
	);
}
