import type { Deal, Stage } from "../../bindings";

/** Droppable / sortable ids: cards are `deal:<id>`, columns and Won/Lost zones `stage:<id>`. */
export const cardId = (dealId: number) => `deal:${dealId}`;
export const stageDropId = (stageId: number) => `stage:${stageId}`;

export function parseDropId(
	id: string | number | null | undefined,
): { type: "deal" | "stage"; id: number } | null {
	if (typeof id !== "string") return null;
	const m = /^(deal|stage):(\d+)$/.exec(id);
	if (!m) return null;
	return { type: m[1] as "deal" | "stage", id: Number(m[2]) };
}

/**
 * A fractional position between two neighbours, so a drop never renumbers the column:
 * the midpoint between both, first − 1 before the first, last + 1 after the last.
 * `null` (no neighbours with a position) lets the core put the deal at the end of the column.
 */
export function positionBetween(
	before: number | null | undefined,
	after: number | null | undefined,
): number | null {
	const hasBefore = typeof before === "number" && Number.isFinite(before);
	const hasAfter = typeof after === "number" && Number.isFinite(after);
	if (hasBefore && hasAfter) return (before + after) / 2;
	if (hasBefore) return before + 1;
	if (hasAfter) return after - 1;
	return null;
}

/** Deals of one column in board order (position, then id; deals without a position last). */
export function sortColumn(deals: Deal[]): Deal[] {
	return [...deals].sort(
		(a, b) => (a.position ?? Number.MAX_VALUE) - (b.position ?? Number.MAX_VALUE) || a.id - b.id,
	);
}

export function groupByStage(deals: Deal[]): Map<number, Deal[]> {
	const byStage = new Map<number, Deal[]>();
	for (const d of deals) byStage.set(d.stage_id, [...(byStage.get(d.stage_id) ?? []), d]);
	for (const [id, list] of byStage) byStage.set(id, sortColumn(list));
	return byStage;
}

export type DropPlan = {
	deal: Deal;
	stage: Stage;
	/** Where in the target column; null = its end (always for Won/Lost). */
	position: number | null;
	stageChanged: boolean;
};

/**
 * What a drop means, from the ids dnd-kit reports: `activeId` is the dragged card, `overId`
 * the card or column it was dropped on. `placeAfter` says the card was dropped on the lower
 * half of a card in another column. Null when the drop changes nothing.
 */
export function planDrop(args: {
	activeId: string | number;
	overId: string | number | null | undefined;
	stages: Stage[];
	deals: Deal[];
	placeAfter?: boolean;
}): DropPlan | null {
	const active = parseDropId(args.activeId);
	const over = parseDropId(args.overId);
	if (active?.type !== "deal" || !over) return null;
	const deal = args.deals.find((d) => d.id === active.id);
	if (!deal) return null;
	const columns = groupByStage(args.deals);

	if (over.type === "stage") {
		const stage = args.stages.find((s) => s.id === over.id);
		if (!stage) return null;
		if (stage.kind !== "open") {
			return { deal, stage, position: null, stageChanged: stage.id !== deal.stage_id };
		}
		// Dropped on the column itself (its header or the space below its cards): the end.
		const others = (columns.get(stage.id) ?? []).filter((d) => d.id !== deal.id);
		const column = columns.get(stage.id) ?? [];
		if (stage.id === deal.stage_id && column[column.length - 1]?.id === deal.id) return null;
		const last = others[others.length - 1];
		return {
			deal,
			stage,
			position: last ? positionBetween(last.position, null) : null,
			stageChanged: stage.id !== deal.stage_id,
		};
	}

	const target = args.deals.find((d) => d.id === over.id);
	if (!target || target.id === deal.id) return null;
	const stage = args.stages.find((s) => s.id === target.stage_id);
	if (!stage) return null;
	const column = columns.get(stage.id) ?? [];
	const overIndex = column.findIndex((d) => d.id === target.id);

	let before: Deal | undefined;
	let after: Deal | undefined;
	if (stage.id === deal.stage_id) {
		// Within a column, like a sortable list: the card takes the place of the one it is over.
		const fromIndex = column.findIndex((d) => d.id === deal.id);
		const reordered = column.filter((d) => d.id !== deal.id);
		reordered.splice(overIndex, 0, deal);
		if (fromIndex === overIndex) return null;
		before = reordered[overIndex - 1];
		after = reordered[overIndex + 1];
	} else {
		const index = overIndex + (args.placeAfter ? 1 : 0);
		before = column[index - 1];
		after = column[index];
	}
	return {
		deal,
		stage,
		position: positionBetween(before?.position, after?.position),
		stageChanged: stage.id !== deal.stage_id,
	};
}

/** The open-deals list as it looks after a move (what the optimistic update writes). */
export function applyMove(deals: Deal[], plan: DropPlan, at: string): Deal[] {
	if (plan.stage.kind !== "open") return deals.filter((d) => d.id !== plan.deal.id);
	const column = deals.filter((d) => d.stage_id === plan.stage.id && d.id !== plan.deal.id);
	const lastPosition = column.reduce<number | null>(
		(max, d) => (d.position !== null && (max === null || d.position > max) ? d.position : max),
		null,
	);
	const position =
		plan.position ?? (plan.stageChanged ? (lastPosition ?? 0) + 1 : plan.deal.position);
	const current = deals.find((d) => d.id === plan.deal.id) ?? plan.deal;
	const moved: Deal = {
		...current,
		stage_id: plan.stage.id,
		stage_name: plan.stage.name,
		status: "open",
		position,
		loss_reason: null,
		stage_changed_at: plan.stageChanged ? at : current.stage_changed_at,
		updated_at: at,
	};
	// A deal coming back from Won or Lost (an undo) is not in the open list yet.
	return deals.some((d) => d.id === moved.id)
		? deals.map((d) => (d.id === moved.id ? moved : d))
		: [...deals, moved];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Cards in a stage longer than this look stale. */
export const STALE_AFTER_DAYS = 21;

export function daysInStage(stageChangedAt: string, now: number = Date.now()): number {
	const since = Date.parse(stageChangedAt);
	if (Number.isNaN(since)) return 0;
	return Math.max(0, Math.floor((now - since) / DAY_MS));
}
