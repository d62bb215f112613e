import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Clock } from "lucide-react";
import { type KeyboardEvent, type PointerEvent, useEffect, useRef } from "react";
import type { Deal } from "../../bindings";
import { cardId, daysInStage, STALE_AFTER_DAYS, stageDropId } from "./board";
import { formatMoney } from "./money";

export function DealCardBody({ deal }: { deal: Deal }) {
	const days = daysInStage(deal.stage_changed_at);
	const stale = days > STALE_AFTER_DAYS;
	return (
		<>
			<div className="deal-title">{deal.title}</div>
			<div className="deal-meta">
				{[deal.company_name, deal.contact_name].filter(Boolean).join(" · ") || "—"}
			</div>
			<div className="deal-value">
				{formatMoney(deal.value_cents, deal.currency)}
				<span className="cell-muted"> · {deal.probability}%</span>
			</div>
			<div
				className={stale ? "deal-age deal-age-stale" : "deal-age"}
				data-testid="deal-age"
				title={stale ? `No stage change for over ${STALE_AFTER_DAYS} days` : undefined}
			>
				<Clock size={11} aria-hidden="true" />
				{days} {days === 1 ? "day" : "days"} in stage
				{stale && <span className="stale-badge">stale</span>}
			</div>
		</>
	);
}

/**
 * A draggable card: Space picks it up, arrows move it (←/→ across columns), Space drops it.
 * A click or Enter opens the deal.
 */
export function SortableDealCard({
	deal,
	highlighted,
	onOpen,
}: {
	deal: Deal;
	highlighted: boolean;
	onOpen?: (dealId: number) => void;
}) {
	const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
		id: cardId(deal.id),
		// The column it is in, for the keyboard coordinate getter (keyboard.ts).
		data: { type: "deal", stageDropId: stageDropId(deal.stage_id) },
	});
	const ref = useRef<HTMLDivElement | null>(null);
	const stale = daysInStage(deal.stage_changed_at) > STALE_AFTER_DAYS;
	// Where the pointer went down: a click that ends far from it was a drag, not a click.
	const downAt = useRef<{ x: number; y: number } | null>(null);

	useEffect(() => {
		if (highlighted) ref.current?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
	}, [highlighted]);

	const className = [
		"deal-card",
		stale && "deal-card-stale",
		isDragging && "deal-card-dragging",
		highlighted && "deal-card-highlight",
	]
		.filter(Boolean)
		.join(" ");

	return (
		<li className="deal-card-slot">
			{/* biome-ignore lint/a11y/noStaticElementInteractions: dnd-kit's attributes make it a focusable role="button". */}
			<div
				ref={(el) => {
					ref.current = el;
					setNodeRef(el);
				}}
				className={className}
				data-testid="deal-card"
				data-deal-id={deal.id}
				data-stale={stale || undefined}
				data-highlighted={highlighted || undefined}
				style={{ transform: CSS.Translate.toString(transform), transition }}
				// role="button", tabIndex={0} and the sortable ARIA come from dnd-kit.
				{...attributes}
				{...listeners}
				onPointerDown={(e: PointerEvent<HTMLDivElement>) => {
					downAt.current = { x: e.clientX, y: e.clientY };
					listeners?.onPointerDown?.(e);
				}}
				onClick={(e) => {
					const from = downAt.current;
					const moved = from && Math.hypot(e.clientX - from.x, e.clientY - from.y) > 4;
					if (onOpen && !moved && !isDragging) onOpen(deal.id);
				}}
				onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
					listeners?.onKeyDown?.(e);
					// Space is the keyboard drag's; Enter opens (unless a drag is under way, where it drops).
					if (e.key === "Enter" && onOpen && !isDragging && !e.defaultPrevented) {
						e.preventDefault();
						onOpen(deal.id);
					}
				}}
			>
				<DealCardBody deal={deal} />
			</div>
		</li>
	);
}
