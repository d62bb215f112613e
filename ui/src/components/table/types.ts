import type { ReactNode } from "react";
import type { FieldKind, FieldOption, Value } from "../../bindings";

/** One column of a DataTable. */
export type Column<T> = {
	/** The field key ("city", "custom.tier"); also the column's id. */
	id: string;
	header: string;
	/** Fixed width in pixels: with fixed row heights, the table never reflows while scrolling. */
	width: number;
	/** Right-aligned numbers. */
	numeric?: boolean;
	/** Set when the list can be sorted by this column: the field to sort by. */
	sortKey?: string;
	/** The first click sorts descending (newest dates, largest numbers first); text sorts A to Z first. */
	descFirst?: boolean;
	/** The record's name: a click or Enter on it opens the record, it is never edited in place. */
	primary?: boolean;
	render: (row: T) => ReactNode;
	/** A tooltip for the cell (full dates, long text). */
	title?: (row: T) => string | undefined;
	/** Present when the cell can be edited in place: the field's kind and choices, and its current value. */
	edit?: { kind: FieldKind; options: FieldOption[]; value: (row: T) => Value };
};

export type Sort = { field: string; desc: boolean };

/** The selected rows: explicit ids, or every row the list's query matches (loaded or not). */
export type Selection = { ids: ReadonlySet<number>; all: boolean };

export const noSelection: Selection = { ids: new Set(), all: false };
