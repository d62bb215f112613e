import { useMutation } from "@tanstack/react-query";
import { Check, Pencil, Plus, Trash2 } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { Tag, TagInput } from "../../bindings";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { Field } from "../../components/Field";
import { type FormErrors, formErrorsFrom, noFormErrors } from "../../components/formErrors";
import { IconButton } from "../../components/RowButtons";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { tagPalette, useCreateTag, useTags } from "../../components/tags/queries";
import { useBackend } from "../../ipc/backend";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";
import "../../components/records.css";
import "./tagsSettings.css";
import { useSettingsUndoToast } from "./useSettingsUndo";

const tagFields = ["name", "color"] as const;

const records = (n: number) => `${n} ${n === 1 ? "record" : "records"}`;

function useTagMutations() {
	const backend = useBackend();
	// The lists refresh from the core's data_changed events, like every other settings section.
	const update = useMutation({
		mutationFn: ({ id, input }: { id: number; input: TagInput }) =>
			unwrap(backend.commands.tagUpdate(id, input)),
	});
	const remove = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.tagDelete(id)),
	});
	return { update, remove };
}

/** Settings → Tags: every tag with its color and use; add, rename, recolor and delete them. */
export function TagsSettings() {
	const tags = useTags(null);
	const [deleting, setDeleting] = useState<Tag | null>(null);
	const { remove } = useTagMutations();
	const toast = useToast();
	const undoToast = useSettingsUndoToast();
	const list = tags.data ?? [];

	const onDelete = (tag: Tag) =>
		remove.mutate(tag.id, {
			onSuccess: (deleted) => {
				setDeleting(null);
				undoToast(`Deleted the tag “${tag.name}”.`, deleted.undo_token, `the tag “${tag.name}”`);
			},
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});

	return (
		<section className="panel" data-testid="tags-settings" aria-labelledby="tags-heading">
			<div className="settings-section-header">
				<h2 id="tags-heading">Tags</h2>
			</div>
			{tags.isPending ? (
				<Spinner label="Loading tags" />
			) : tags.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(tags.error)}
				</p>
			) : list.length === 0 ? (
				<p className="hint" data-testid="tags-empty">
					No tags yet. Tags are short labels you put on contacts, companies and deals (“VIP”,
					“Conference 2025”, “Churn risk”) to find, filter and bulk-edit them together. Add one
					here, or from any record's tag picker.
				</p>
			) : (
				<>
					<p className="hint">
						Tags label contacts, companies and deals. Renaming or recoloring one changes it on every
						record that carries it.
					</p>
					<ul className="field-defs tag-defs" aria-label="Tags">
						{list.map((t) => (
							<TagRow key={t.id} tag={t} onDelete={() => setDeleting(t)} />
						))}
					</ul>
				</>
			)}
			<AddTagForm nextColor={tagPalette[list.length % tagPalette.length] ?? "#64748b"} />
			{deleting && (
				<ConfirmDialog
					title={`Delete the tag “${deleting.name}”?`}
					testId="tag-delete-dialog"
					confirm={{ testId: "tag-delete-confirm", label: "Delete tag", pendingLabel: "Deleting" }}
					pending={remove.isPending}
					onConfirm={() => onDelete(deleting)}
					onCancel={() => setDeleting(null)}
				>
					<p data-testid="tag-delete-message">
						{deleting.count === 0
							? "No record carries this tag."
							: `${records(deleting.count)} carry this tag; it will be removed from them. The records themselves stay.`}{" "}
						You can undo this from the message that follows.
					</p>
				</ConfirmDialog>
			)}
		</section>
	);
}

/** The palette buttons: the colors new tags cycle through, plus any color from the system picker. */
function ColorPalette({
	value,
	label,
	onPick,
}: {
	value: string;
	label: string;
	onPick: (color: string) => void;
}) {
	return (
		<fieldset className="tag-palette" aria-label={label}>
			{tagPalette.map((c) => (
				<button
					key={c}
					type="button"
					className="tag-swatch-button"
					aria-label={c}
					aria-pressed={value.toLowerCase() === c}
					data-testid="tag-swatch"
					onClick={() => onPick(c)}
				>
					<span className="tag-swatch" style={{ background: c }} aria-hidden="true" />
				</button>
			))}
			<input
				type="color"
				aria-label="Other color"
				title="Other color"
				value={value}
				onChange={(e) => onPick(e.target.value)}
			/>
		</fieldset>
	);
}

function TagRow({ tag, onDelete }: { tag: Tag; onDelete: () => void }) {
	const [renaming, setRenaming] = useState(false);
	const [name, setName] = useState(tag.name);
	const [recoloring, setRecoloring] = useState(false);
	const [error, setError] = useState<string | null>(null);
	const { update } = useTagMutations();
	const input = useRef<HTMLInputElement>(null);
	const renameButton = useRef<HTMLButtonElement>(null);
	const colorTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

	useEffect(() => {
		if (renaming) input.current?.select();
	}, [renaming]);
	useEffect(() => () => clearTimeout(colorTimer.current), []);

	const stopRenaming = () => {
		setRenaming(false);
		setError(null);
		setName(tag.name);
		requestAnimationFrame(() => renameButton.current?.focus());
	};

	const saveName = () => {
		if (update.isPending) return;
		if (name.trim() === tag.name) return stopRenaming();
		setError(null);
		update.mutate(
			{ id: tag.id, input: { name, color: tag.color } },
			{
				onSuccess: () => {
					setRenaming(false);
					requestAnimationFrame(() => renameButton.current?.focus());
				},
				// Stay in the field so the name can be fixed; the core says what is wrong.
				onError: (err) => setError(errorMessage(err)),
			},
		);
	};

	const saveColor = (color: string, debounce: boolean) => {
		clearTimeout(colorTimer.current);
		// The system picker reports every shade it passes through: save the one it rests on.
		const run = () =>
			update.mutate(
				{ id: tag.id, input: { name: tag.name, color } },
				{ onError: (err) => setError(errorMessage(err)) },
			);
		if (debounce) colorTimer.current = setTimeout(run, 400);
		else run();
	};

	const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
		if (e.key === "Enter") {
			e.preventDefault();
			saveName();
		} else if (e.key === "Escape") {
			e.preventDefault();
			e.stopPropagation();
			stopRenaming();
		}
	};

	return (
		<li data-testid="tag-row" data-tag-id={tag.id}>
			<div className="field-def">
				<button
					type="button"
					className="tag-swatch-button"
					aria-label={`Color of ${tag.name}`}
					aria-expanded={recoloring}
					data-testid="tag-color"
					onClick={() => setRecoloring((r) => !r)}
				>
					<span className="tag-swatch" style={{ background: tag.color }} aria-hidden="true" />
				</button>
				<span className="tag-def-name">
					{renaming ? (
						<input
							ref={input}
							className="tag-name-input"
							name="name"
							aria-label={`New name for ${tag.name}`}
							aria-invalid={!!error}
							aria-describedby={error ? `tag-error-${tag.id}` : undefined}
							data-testid="tag-name-input"
							value={name}
							autoComplete="off"
							onChange={(e) => {
								setName(e.target.value);
								setError(null);
							}}
							onKeyDown={onKey}
							onBlur={() => {
								// A failed name stays for fixing; leaving it untouched simply closes.
								if (!error) saveName();
							}}
						/>
					) : (
						<span className="cell-primary" data-testid="tag-name">
							{tag.name}
						</span>
					)}
					{error && (
						<span
							className="field-error"
							id={`tag-error-${tag.id}`}
							role="alert"
							data-testid="tag-error"
						>
							{error}
						</span>
					)}
				</span>
				<span className="field-def-meta" data-testid="tag-count">
					{tag.count === 0 ? "Not used" : records(tag.count)}
				</span>
				<span className="field-def-actions">
					<button
						ref={renameButton}
						type="button"
						className="icon-button"
						aria-label={renaming ? `Save the name of ${tag.name}` : `Rename ${tag.name}`}
						data-testid="tag-rename"
						// While renaming, this saves: keep the focus in the field so its blur doesn't save first.
						onMouseDown={(e) => renaming && e.preventDefault()}
						onClick={() => (renaming ? saveName() : setRenaming(true))}
					>
						{renaming ? (
							<Check size={14} aria-hidden="true" />
						) : (
							<Pencil size={14} aria-hidden="true" />
						)}
					</button>
					<IconButton
						icon={Trash2}
						label={`Delete ${tag.name}`}
						testId="tag-delete"
						danger
						onClick={onDelete}
					/>
				</span>
			</div>
			{recoloring && (
				<div className="tag-def-palette">
					<ColorPalette
						value={tag.color}
						label={`Color of ${tag.name}`}
						onPick={(c) => saveColor(c, !tagPalette.includes(c))}
					/>
				</div>
			)}
		</li>
	);
}

function AddTagForm({ nextColor }: { nextColor: string }) {
	const [name, setName] = useState("");
	const [color, setColor] = useState<string | null>(null);
	const [errors, setErrors] = useState<FormErrors>(noFormErrors);
	const create = useCreateTag();
	const toast = useToast();
	const input = useRef<HTMLInputElement>(null);
	// Until the user picks one, a new tag takes the next palette color, so neighbors differ.
	const shown = color ?? nextColor;

	const submit = (e: FormEvent) => {
		e.preventDefault();
		e.stopPropagation();
		if (create.isPending) return;
		setErrors(noFormErrors);
		create.mutate(
			{ name, color: shown },
			{
				onSuccess: (tag) => {
					setName("");
					setColor(null);
					toast.show({ message: `Added the tag “${tag.name}”.` });
					input.current?.focus();
				},
				onError: (err) => {
					setErrors(formErrorsFrom(err, tagFields));
					if (err instanceof IpcError && err.field === "name") input.current?.focus();
				},
			},
		);
	};

	return (
		<form className="tag-add" onSubmit={submit} noValidate data-testid="tag-add-form">
			<Field label="New tag" name="name" error={errors.fields.name}>
				{(p) => (
					<input
						{...p}
						ref={input}
						name="name"
						data-testid="tag-add-name"
						value={name}
						placeholder="e.g. VIP"
						autoComplete="off"
						onChange={(e) => setName(e.target.value)}
					/>
				)}
			</Field>
			<div className="field">
				<ColorPalette value={shown} label="Color of the new tag" onPick={setColor} />
				{errors.fields.color && (
					<p className="field-error" role="alert" data-testid="field-error-color">
						{errors.fields.color}
					</p>
				)}
			</div>
			<button type="submit" className="button" data-testid="tag-add" disabled={create.isPending}>
				{create.isPending ? (
					<Spinner size={14} label="Adding" />
				) : (
					<Plus size={14} aria-hidden="true" />
				)}
				Add tag
			</button>
			{errors.form && (
				<p className="form-error" role="alert">
					{errors.form}
				</p>
			)}
		</form>
	);
}
