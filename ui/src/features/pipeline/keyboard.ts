import {
	type ClientRect,
	type CollisionDetection,
	closestCorners,
	type DroppableContainer,
	type KeyboardCoordinateGetter,
	type UniqueIdentifier,
} from "@dnd-kit/core";

/**
 * Keyboard dragging on the board works on the board's structure, not on geometry alone.
 *
 * dnd-kit's `sortableKeyboardCoordinates` picks "the nearest droppable whose left edge is right
 * of the dragged card's" for ArrowRight. On the real board the dragged card is a rotated
 * overlay, so its bounding box is a little wider than the card and starts left of it: the
 * other cards of the same column count as "to the right", the nearest one is the card below,
 * and ArrowRight moved the card down. So the getter below finds the columns (`type: "stage"`),
 * their cards (`type: "deal"`, with the card's `stageId`) and the Won/Lost zones
 * (`type: "close-zone"`) in the droppable data, decides which of them the key leads to, and
 * returns coordinates that `keyboardCollisions` resolves to exactly that target.
 */

type Coordinates = { x: number; y: number };
type Kind = "deal" | "stage" | "close-zone";

const kindOf = (c: DroppableContainer): Kind | undefined => c.data.current?.type;

const sortableIndex = (c: DroppableContainer): number | undefined => {
	const index = c.data.current?.sortable?.index;
	return typeof index === "number" ? index : undefined;
};

const center = (r: ClientRect): Coordinates => ({
	x: r.left + r.width / 2,
	y: r.top + r.height / 2,
});

const contains = (r: ClientRect, p: Coordinates) =>
	p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom;

/**
 * Keyboard drags (no pointer): the closest corners among the droppables under the middle of
 * the dragged card, so a card placed over an empty column resolves to that column and not to
 * a card of the next column that happens to have closer corners. Anything else falls back
 * to plain `closestCorners`.
 */
export const keyboardCollisions: CollisionDetection = (args) => {
	const mid = center(args.collisionRect);
	const under = args.droppableContainers.filter((c) => {
		const rect = args.droppableRects.get(c.id);
		return rect ? contains(rect, mid) : false;
	});
	return closestCorners(under.length > 0 ? { ...args, droppableContainers: under } : args);
};

type Layout = {
	/** Open-stage columns, left to right. */
	columns: { id: UniqueIdentifier; rect: ClientRect; cards: DroppableContainer[] }[];
	/** Won/Lost zones, top to bottom. */
	zones: DroppableContainer[];
};

function layout(
	containers: DroppableContainer[],
	rects: Map<UniqueIdentifier, ClientRect>,
): Layout {
	const measured = containers.filter((c) => !c.disabled && rects.has(c.id));
	const top = (c: DroppableContainer) => rects.get(c.id)?.top ?? 0;
	const columns = measured
		.filter((c) => kindOf(c) === "stage")
		.map((c) => ({ id: c.id, rect: rects.get(c.id) as ClientRect }))
		.sort((a, b) => a.rect.left - b.rect.left)
		.map((column) => ({
			...column,
			cards: measured
				.filter((c) => kindOf(c) === "deal" && c.data.current?.stageDropId === column.id)
				// Board order is the SortableContext order (= DOM order); the top edge only breaks ties.
				.sort(
					(a, b) =>
						(sortableIndex(a) ?? Number.MAX_SAFE_INTEGER) -
							(sortableIndex(b) ?? Number.MAX_SAFE_INTEGER) || top(a) - top(b),
				),
		}));
	const zones = measured.filter((c) => kindOf(c) === "close-zone").sort((a, b) => top(a) - top(b));
	return { columns, zones };
}

/** Where the dragged card is now, in board terms. */
type Place =
	| { at: "column"; column: number; card: number | null }
	| { at: "zone"; zone: number }
	| null;

function locate(board: Layout, id: UniqueIdentifier | undefined): Place {
	if (id === undefined) return null;
	const zone = board.zones.findIndex((z) => z.id === id);
	if (zone >= 0) return { at: "zone", zone };
	for (const [column, c] of board.columns.entries()) {
		if (c.id === id) return { at: "column", column, card: null };
		const card = c.cards.findIndex((d) => d.id === id);
		if (card >= 0) return { at: "column", column, card };
	}
	return null;
}

const ARROWS = ["ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown"];

export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
	if (!ARROWS.includes(event.code)) return undefined;
	// An arrow while dragging never scrolls the page.
	event.preventDefault();
	const { active, over, collisionRect, droppableRects, droppableContainers } = context;
	if (!active || !collisionRect) return undefined;
	const board = layout(droppableContainers.getEnabled(), droppableRects);
	const here = locate(board, over?.id ?? active.id) ?? locate(board, active.id);
	if (!here) return undefined;

	let target: UniqueIdentifier | undefined;
	const topOf = (column: number) => {
		const c = board.columns[column];
		return c && (c.cards[0]?.id ?? c.id);
	};
	if (here.at === "zone") {
		if (event.code === "ArrowDown") target = board.zones[here.zone + 1]?.id;
		else if (event.code === "ArrowUp") target = board.zones[here.zone - 1]?.id;
		else if (event.code === "ArrowLeft") target = topOf(board.columns.length - 1);
	} else {
		const column = board.columns[here.column];
		if (event.code === "ArrowRight") {
			target = here.column + 1 < board.columns.length ? topOf(here.column + 1) : board.zones[0]?.id;
		} else if (event.code === "ArrowLeft") {
			target = topOf(here.column - 1);
		} else if (column && column.cards.length > 0) {
			// Over the column itself (an empty one, or its end): Up goes to its last card.
			const index = here.card ?? column.cards.length;
			const next = event.code === "ArrowDown" ? index + 1 : index - 1;
			target = column.cards[Math.max(0, Math.min(column.cards.length - 1, next))]?.id;
		}
	}
	if (target === undefined || target === over?.id) return undefined;
	const rect = droppableRects.get(target);
	if (!rect) return undefined;
	// Centred across the target; top edges aligned, or centred when the target is the shorter
	// one: the middle of the dragged card is then over the target (and over the target's
	// column), and of those the target has the closest corners — what `keyboardCollisions` picks.
	return {
		x: rect.left + (rect.width - collisionRect.width) / 2,
		y: rect.top + Math.min(0, (rect.height - collisionRect.height) / 2),
	};
};
