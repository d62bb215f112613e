import { X } from "lucide-react";
import type { RowTag } from "../../bindings";

type Props = {
	tags: RowTag[];
	/** When given, each chip has a remove button. */
	onRemove?: (tag: RowTag) => void;
};

/** Tags as small colored chips (in table cells, panels, the bulk bar). */
export function TagChips({ tags, onRemove }: Props) {
	if (tags.length === 0) return null;
	return (
		<span className="tag-chips" title={tags.map((t) => t.name).join(", ")}>
			{tags.map((t) => (
				<span key={t.id} className="tag-chip" data-testid="tag-chip">
					<span className="tag-dot" style={{ background: t.color }} aria-hidden="true" />
					{t.name}
					{onRemove && (
						<button
							type="button"
							aria-label={`Remove tag ${t.name}`}
							data-testid="tag-remove"
							onClick={(e) => {
								e.stopPropagation();
								onRemove(t);
							}}
						>
							<X size={11} aria-hidden="true" />
						</button>
					)}
				</span>
			))}
		</span>
	);
}
