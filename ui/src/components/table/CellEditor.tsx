import { type KeyboardEvent, useRef, useState } from "react";
import type { FieldKind, FieldOption, Value } from "../../bindings";
import { errorMessage } from "../../ipc/unwrap";
import { ValueInput } from "./ValueInput";

type Props = {
	kind: FieldKind;
	options: FieldOption[];
	initial: Value;
	label: string;
	/** Saves through the core; a rejection's message is shown at the cell and the editor stays open. */
	onSave: (value: Value) => Promise<void>;
	onClose: () => void;
};

const same = (a: Value, b: Value) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** An in-place editor: Enter saves, Escape cancels, leaving the cell saves what changed. */
export function CellEditor({ kind, options, initial, label, onSave, onClose }: Props) {
	const [draft, setDraft] = useState<Value>(initial);
	const [error, setError] = useState<string | null>(null);
	const [saving, setSaving] = useState(false);
	const closed = useRef(false);

	const commit = async () => {
		if (saving || closed.current) return;
		if (same(draft, initial)) {
			closed.current = true;
			onClose();
			return;
		}
		setSaving(true);
		try {
			await onSave(draft);
			closed.current = true;
			onClose();
		} catch (e) {
			setError(errorMessage(e));
			setSaving(false);
		}
	};

	const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
		// The table's own keys (arrows, Enter to open) must not act while editing.
		e.stopPropagation();
		if (e.key === "Enter") {
			e.preventDefault();
			void commit();
		} else if (e.key === "Escape") {
			e.preventDefault();
			closed.current = true;
			onClose();
		}
	};

	return (
		<div className="cell-editor" data-testid="cell-editor">
			<ValueInput
				kind={kind}
				options={options}
				value={draft}
				onChange={(v) => {
					setDraft(v);
					setError(null);
				}}
				onKeyDown={onKeyDown}
				onBlur={() => {
					// A failed save keeps the editor open until the user fixes or cancels it.
					if (!error) void commit();
				}}
				autoFocus
				label={label}
				testId="cell-input"
				invalid={!!error}
			/>
			{error && (
				<div className="cell-error" role="alert" data-testid="cell-error">
					{error}
				</div>
			)}
		</div>
	);
}
