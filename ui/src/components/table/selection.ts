import type { Selection } from "./types";

/**
 * A click on a row's checkbox: toggles that row, or with Shift sets every row between the last clicked one
 * (the anchor) and this one to the state the anchor has now.
 */
export function toggleRow(
	selection: Selection,
	order: readonly number[],
	index: number,
	anchor: number | null,
	shift: boolean,
): Selection {
	const id = order[index];
	if (id === undefined) return selection;
	const ids = new Set(selection.all ? order : selection.ids);
	const anchorId = anchor === null ? undefined : order[anchor];
	if (shift && anchor !== null && anchorId !== undefined) {
		const on = ids.has(anchorId);
		const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
		for (const i of order.slice(from, to + 1)) {
			if (on) ids.add(i);
			else ids.delete(i);
		}
	} else if (ids.has(id)) ids.delete(id);
	else ids.add(id);
	return { ids, all: false };
}

/** The header checkbox: selects every loaded row, or clears when they all are. */
export function toggleLoaded(selection: Selection, order: readonly number[]): Selection {
	const every = selection.all || (order.length > 0 && order.every((id) => selection.ids.has(id)));
	return every ? { ids: new Set(), all: false } : { ids: new Set(order), all: false };
}

export function isSelected(selection: Selection, id: number): boolean {
	return selection.all || selection.ids.has(id);
}

export function selectedCount(selection: Selection, total: number | undefined): number {
	return selection.all ? (total ?? selection.ids.size) : selection.ids.size;
}
