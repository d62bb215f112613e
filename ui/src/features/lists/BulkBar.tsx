import { type LucideIcon, PenLine, Tag, TagsIcon, Trash2, X } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import type { BulkChange, FieldEntity, ListField, RowTag, Value } from "../../bindings";
import { Popover } from "../../components/Popover";
import { useToast } from "../../components/Toast";
import { ValueInput } from "../../components/table/ValueInput";
import { TagPicker } from "../../components/tags/TagPicker";
import { errorMessage } from "../../ipc/unwrap";
import { EnrollSelectionButton } from "../sequences/EnrollSelectionButton";
import { useBulkEdit } from "./queries";

type Props = {
	entity: FieldEntity;
	/** The list's fields; the editable ones can be set. */
	fields: ListField[];
	/** How many records are selected. */
	count: number;
	/** Every loaded row is selected but more records match: offer to select them all. */
	moreMatch: number | null;
	allMatching: boolean;
	onSelectAllMatching: () => void;
	/** The selected ids (all that match resolve through the core). */
	resolveIds: () => Promise<number[]>;
	onClear: () => void;
	/** Moves the records to the Trash (with an undo toast). */
	onDelete: (ids: number[]) => Promise<void>;
	noun: (n: number) => string;
};

type Open = "set" | "add" | "remove" | null;

/** What to do with the selected rows: set a field, add or remove a tag, delete. Each edit can be undone. */
export function BulkBar({
	entity,
	fields,
	count,
	moreMatch,
	allMatching,
	onSelectAllMatching,
	resolveIds,
	onClear,
	onDelete,
	noun,
}: Props) {
	const [open, setOpen] = useState<Open>(null);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string | null>(null);
	const { edit, undo } = useBulkEdit();
	const toast = useToast();

	const apply = async (change: BulkChange, done: (changed: number) => string) => {
		setBusy(true);
		setError(null);
		try {
			const ids = await resolveIds();
			const result = await edit.mutateAsync({ entity, ids, change });
			setOpen(null);
			toast.show({
				message: done(result.changed),
				action: {
					label: "Undo",
					testId: "toast-undo",
					onClick: () =>
						undo.mutate(result.token, {
							onSuccess: () => toast.show({ message: "Edit undone." }),
							onError: (e) => toast.show({ message: errorMessage(e), tone: "error" }),
						}),
				},
				durationMs: 10000,
			});
		} catch (e) {
			setError(errorMessage(e));
		} finally {
			setBusy(false);
		}
	};

	const remove = async () => {
		setBusy(true);
		try {
			await onDelete(await resolveIds());
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
		} finally {
			setBusy(false);
		}
	};

	const toggle = (which: Open) => {
		setError(null);
		setOpen(open === which ? null : which);
	};

	/** A toolbar button that opens its popover below it. */
	const action = (
		which: Exclude<Open, null>,
		button: { icon: LucideIcon; label: string; testId: string; title: string },
		body: ReactNode,
	) => (
		<span className="popover-anchor">
			<button
				type="button"
				className="button button-small"
				data-testid={button.testId}
				aria-expanded={open === which}
				disabled={busy}
				onClick={() => toggle(which)}
			>
				<button.icon size={13} aria-hidden="true" /> {button.label}
			</button>
			{open === which && (
				<Popover label={button.title} onClose={() => setOpen(null)} align="right">
					{body}
				</Popover>
			)}
		</span>
	);

	/** A tag picker that applies its tag to the selection, with the core's error under it. */
	const tagPicker = (allowCreate: boolean, onPick: (tag: RowTag) => Promise<void>) => (
		<>
			<TagPicker allowCreate={allowCreate} onPick={(t) => void onPick(t)} />
			{error && (
				<p className="field-error" role="alert">
					{error}
				</p>
			)}
		</>
	);

	return (
		<div className="bulk-bar" role="toolbar" aria-label="Selected records" data-testid="bulk-bar">
			<span className="bulk-count" data-testid="bulk-count">
				{count.toLocaleString()} {noun(count)} selected
			</span>
			{moreMatch !== null && !allMatching && (
				<button
					type="button"
					className="link-button"
					data-testid="select-all-matching"
					onClick={onSelectAllMatching}
				>
					Select all {moreMatch.toLocaleString()} that match
				</button>
			)}
			<span className="spacer" />
			{action(
				"set",
				{ icon: PenLine, label: "Set field", testId: "bulk-set", title: "Set a field" },
				<SetFieldForm
					fields={fields.filter((f) => f.editable)}
					busy={busy}
					error={error}
					onApply={(field, value) => {
						const label = fields.find((f) => f.key === field)?.label ?? field;
						void apply(
							{ kind: "set_field", field, value },
							(n) => `Updated ${label} on ${n} ${noun(n)}.`,
						);
					}}
				/>,
			)}
			{action(
				"add",
				{ icon: Tag, label: "Add tag", testId: "bulk-add-tag", title: "Add a tag" },
				tagPicker(true, (t) =>
					apply({ kind: "add_tag", tag_id: t.id }, (n) => `Tagged ${n} ${noun(n)} ${t.name}.`),
				),
			)}
			{action(
				"remove",
				{ icon: TagsIcon, label: "Remove tag", testId: "bulk-remove-tag", title: "Remove a tag" },
				tagPicker(false, (t) =>
					apply(
						{ kind: "remove_tag", tag_id: t.id },
						(n) => `Removed ${t.name} from ${n} ${noun(n)}.`,
					),
				),
			)}
			{entity === "contact" && <EnrollSelectionButton resolveIds={resolveIds} />}
			<button
				type="button"
				className="button button-small button-danger-ghost"
				data-testid="bulk-delete"
				disabled={busy}
				onClick={() => void remove()}
			>
				<Trash2 size={13} aria-hidden="true" /> Delete
			</button>
			<button
				type="button"
				className="icon-button"
				aria-label="Clear selection"
				data-testid="bulk-clear"
				onClick={onClear}
			>
				<X size={14} aria-hidden="true" />
			</button>
		</div>
	);
}

function SetFieldForm({
	fields,
	busy,
	error,
	onApply,
}: {
	fields: ListField[];
	busy: boolean;
	error: string | null;
	onApply: (field: string, value: Value) => void;
}) {
	const [key, setKey] = useState(fields[0]?.key ?? "");
	const [value, setValue] = useState<Value>(null);
	const field = fields.find((f) => f.key === key);
	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (field) onApply(field.key, value);
	};
	return (
		<form className="set-field-form" onSubmit={submit}>
			<select
				aria-label="Field to set"
				data-testid="bulk-field"
				value={key}
				onChange={(e) => {
					setKey(e.target.value);
					setValue(null);
				}}
			>
				{fields.map((f) => (
					<option key={f.key} value={f.key}>
						{f.label}
					</option>
				))}
			</select>
			{field && (
				<ValueInput
					key={field.key}
					kind={field.kind}
					options={field.options}
					value={value}
					onChange={setValue}
					label={`New ${field.label}`}
					testId="bulk-value"
					invalid={!!error}
				/>
			)}
			<p className="hint">Leave it empty to clear the field.</p>
			{error && (
				<p className="field-error" role="alert" data-testid="bulk-error">
					{error}
				</p>
			)}
			<button
				type="submit"
				className="button button-primary button-small"
				data-testid="bulk-apply"
				disabled={busy || !field}
			>
				Apply
			</button>
		</form>
	);
}
