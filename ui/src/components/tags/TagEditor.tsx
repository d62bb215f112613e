import { Plus, Tag as TagIcon } from "lucide-react";
import { useState } from "react";
import type { RecordRef, RowTag } from "../../bindings";
import { errorMessage } from "../../ipc/unwrap";
import { Popover } from "../Popover";
import { useRecordTags, useSetRecordTags } from "./queries";
import { TagChips } from "./TagChips";
import { TagPicker } from "./TagPicker";

/** A record's tags, with adding (an existing tag or a new one) and removing. For any record's panel. */
export function TagEditor({ record }: { record: RecordRef }) {
	const tags = useRecordTags(record);
	const save = useSetRecordTags();
	const [adding, setAdding] = useState(false);
	const [error, setError] = useState<string | null>(null);
	const current = tags.data ?? [];

	const set = (next: RowTag[]) => {
		setError(null);
		save.mutate(
			{ record, tagIds: next.map((t) => t.id) },
			{ onError: (e) => setError(errorMessage(e)) },
		);
	};

	return (
		<div className="tag-editor" data-testid="tag-editor">
			<TagIcon size={13} className="cell-muted" aria-label="Tags" />
			<TagChips tags={current} onRemove={(t) => set(current.filter((x) => x.id !== t.id))} />
			<span className="popover-anchor">
				<button
					type="button"
					className="button button-small"
					data-testid="tag-add"
					onClick={() => setAdding((a) => !a)}
					aria-expanded={adding}
				>
					<Plus size={12} aria-hidden="true" />
					{current.length === 0 ? "Add tag" : "Tag"}
				</button>
				{adding && (
					<Popover label="Add a tag" onClose={() => setAdding(false)}>
						<TagPicker
							exclude={current.map((t) => t.id)}
							onPick={(t) => {
								set([...current, t]);
								setAdding(false);
							}}
						/>
					</Popover>
				)}
			</span>
			{error && (
				<p className="field-error" role="alert">
					{error}
				</p>
			)}
		</div>
	);
}
