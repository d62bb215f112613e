import { Plus } from "lucide-react";
import { type KeyboardEvent, useId, useState } from "react";
import type { RowTag } from "../../bindings";
import { errorMessage } from "../../ipc/unwrap";
import { tagPalette, useCreateTag, useTags } from "./queries";

type Props = {
	onPick: (tag: RowTag) => void;
	/** Tags not to offer (the record already has them). */
	exclude?: readonly number[];
	/** Offer "Create “…”" for a name no tag has yet. */
	allowCreate?: boolean;
	testId?: string;
};

/** Type to find a tag; arrows and Enter pick it, or create a new one with that name. */
export function TagPicker({
	onPick,
	exclude = [],
	allowCreate = true,
	testId = "tag-picker",
}: Props) {
	const listId = useId();
	const tags = useTags().data ?? [];
	const create = useCreateTag();
	const [text, setText] = useState("");
	const [index, setIndex] = useState(0);
	const [error, setError] = useState<string | null>(null);
	const q = text.trim().toLowerCase();
	const found = tags.filter((t) => !exclude.includes(t.id) && t.name.toLowerCase().includes(q));
	const exact = tags.some((t) => t.name.toLowerCase() === q);
	const canCreate = allowCreate && q !== "" && !exact;
	const count = found.length + (canCreate ? 1 : 0);
	const at = Math.min(index, Math.max(count - 1, 0));

	const choose = (i: number) => {
		const tag = found[i];
		if (tag) {
			onPick({ id: tag.id, name: tag.name, color: tag.color });
			setText("");
			return;
		}
		if (!canCreate) return;
		create.mutate(
			{ name: text.trim(), color: tagPalette[tags.length % tagPalette.length] ?? null },
			{
				onSuccess: (t) => {
					setText("");
					onPick(t);
				},
				onError: (e) => setError(errorMessage(e)),
			},
		);
	};

	const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
		if (e.key === "ArrowDown") setIndex(Math.min(at + 1, count - 1));
		else if (e.key === "ArrowUp") setIndex(Math.max(at - 1, 0));
		else if (e.key === "Enter") choose(at);
		else return;
		e.preventDefault();
	};

	return (
		<div className="tag-picker" data-testid={testId}>
			<input
				type="text"
				className="tag-picker-input"
				placeholder={allowCreate ? "Find or create a tag" : "Find a tag"}
				aria-label="Tag"
				role="combobox"
				aria-expanded="true"
				aria-controls={listId}
				aria-activedescendant={count > 0 ? `${listId}-${at}` : undefined}
				value={text}
				onChange={(e) => {
					setText(e.target.value);
					setIndex(0);
					setError(null);
				}}
				onKeyDown={onKeyDown}
				data-testid={`${testId}-input`}
			/>
			<div className="tag-picker-list" role="listbox" id={listId}>
				{found.map((t, i) => (
					<div
						key={t.id}
						id={`${listId}-${i}`}
						role="option"
						aria-selected={i === at}
						tabIndex={-1}
						className="tag-picker-option"
						data-testid="tag-option"
						onMouseDown={(e) => e.preventDefault()}
						onClick={() => choose(i)}
						onKeyDown={() => {}}
					>
						<span className="tag-dot" style={{ background: t.color }} aria-hidden="true" />
						<span className="tag-picker-name">{t.name}</span>
						<span className="cell-muted">{t.count}</span>
					</div>
				))}
				{canCreate && (
					<div
						id={`${listId}-${found.length}`}
						role="option"
						aria-selected={at === found.length}
						tabIndex={-1}
						className="tag-picker-option"
						data-testid="tag-create"
						onMouseDown={(e) => e.preventDefault()}
						onClick={() => choose(found.length)}
						onKeyDown={() => {}}
					>
						<Plus size={12} aria-hidden="true" />
						Create “{text.trim()}”
					</div>
				)}
				{count === 0 && (
					<div className="tag-picker-empty cell-muted">
						{tags.length ? "No other tags" : "No tags yet"}
					</div>
				)}
			</div>
			{error && (
				<p className="field-error" role="alert">
					{error}
				</p>
			)}
		</div>
	);
}
