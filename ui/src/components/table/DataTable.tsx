import { observeElementRect, useVirtualizer, type Virtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp } from "lucide-react";
import {
	type CSSProperties,
	type KeyboardEvent,
	type MouseEvent,
	memo,
	type ReactNode,
	useCallback,
	useEffect,
	useId,
	useMemo,
	useRef,
	useState,
} from "react";
import type { Value } from "../../bindings";
import { Spinner } from "../Spinner";
import { CellEditor } from "./CellEditor";
import { isSelected, toggleLoaded, toggleRow } from "./selection";
import type { Column, Selection, Sort } from "./types";
import "./table.css";

/** Every row is this tall: the virtualizer places rows by arithmetic, never by measuring. */
export const ROW_HEIGHT = 36;
const HEADER_HEIGHT = 34;
const CHECK_WIDTH = 40;
/** Without layout (tests, a hidden window) the viewport is taken to be this tall. */
const FALLBACK_HEIGHT = 720;

type Props<T> = {
	rows: T[];
	columns: Column<T>[];
	getId: (row: T) => number;
	/** A short name of one row for labels ("Ada Lovelace"). */
	rowLabel: (row: T) => string;
	/** `data-testid` of each row. */
	rowTestId: string;
	label: string;
	/** More rows exist after the loaded ones; they are fetched as the end scrolls into view. */
	hasMore: boolean;
	loadingMore: boolean;
	onLoadMore: () => void;
	sort: Sort;
	onSort: (sort: Sort) => void;
	onOpen: (row: T) => void;
	selection?: Selection;
	onSelectionChange?: (selection: Selection) => void;
	/** Saves an in-place edit; a rejection is shown at the cell. */
	onEdit?: (row: T, column: Column<T>, value: Value) => Promise<void>;
	/** A row to scroll to and mark (a record just opened from elsewhere). */
	highlightId?: number | null;
	footer?: ReactNode;
};

type Editing = { id: number; column: string };

/** The first click on a column sorts it its natural way (see `descFirst`); a second click flips. */
function nextSort<T>(current: Sort, column: Column<T>): Sort {
	const field = column.sortKey ?? column.id;
	return current.field === field
		? { field, desc: !current.desc }
		: { field, desc: !!column.descFirst };
}

/**
 * A table of any records that stays smooth at 100k rows: only the rows in view are in the DOM (TanStack
 * Virtual, fixed row height), pages load as the end comes into view, headers sort, rows are selected with
 * checkboxes (Shift for ranges), cells are edited in place, and the keyboard does everything: arrows move,
 * Enter opens the record (or edits an editable cell), F2 edits, Space selects.
 */
export function DataTable<T>({
	rows,
	columns,
	getId,
	rowLabel,
	rowTestId,
	label,
	hasMore,
	loadingMore,
	onLoadMore,
	sort,
	onSort,
	onOpen,
	selection,
	onSelectionChange,
	onEdit,
	highlightId = null,
	footer,
}: Props<T>) {
	const idPrefix = useId();
	const scrollRef = useRef<HTMLDivElement>(null);
	const tableRef = useRef<HTMLTableElement>(null);
	const [active, setActive] = useState<{ row: number; col: number } | null>(null);
	const [editing, setEditing] = useState<Editing | null>(null);
	const anchor = useRef<number | null>(null);
	const selectable = !!selection && !!onSelectionChange;
	const count = rows.length + (hasMore ? 1 : 0);

	const virtualizer = useVirtualizer({
		count,
		getScrollElement: () => scrollRef.current,
		estimateSize: () => ROW_HEIGHT,
		overscan: 10,
		scrollPaddingStart: HEADER_HEIGHT,
		initialRect: { width: 1024, height: FALLBACK_HEIGHT },
		observeElementRect: (instance: Virtualizer<HTMLDivElement, Element>, cb) =>
			observeElementRect(instance, (rect) =>
				cb(rect.height > 0 ? rect : { width: rect.width || 1024, height: FALLBACK_HEIGHT }),
			),
	});
	const items = virtualizer.getVirtualItems();
	const lastIndex = items[items.length - 1]?.index ?? -1;

	// The loader row came into view: fetch the next page (again after each page, until it leaves the view).
	useEffect(() => {
		if (hasMore && !loadingMore && lastIndex >= rows.length - 1) onLoadMore();
	}, [hasMore, loadingMore, lastIndex, rows.length, onLoadMore]);

	// A record opened from elsewhere: scroll to its row once it is loaded.
	const highlightIndex =
		highlightId === null ? -1 : rows.findIndex((r) => getId(r) === highlightId);
	useEffect(() => {
		if (highlightIndex >= 0) virtualizer.scrollToIndex(highlightIndex, { align: "center" });
	}, [highlightIndex, virtualizer]);

	// Keep the active cell on the table after rows come and go.
	useEffect(() => {
		setActive((a) =>
			a && a.row >= rows.length ? (rows.length ? { ...a, row: rows.length - 1 } : null) : a,
		);
	}, [rows.length]);

	const order = rows.map(getId);
	const editable = (c: Column<T> | undefined) => !!c?.edit && !c.primary && !!onEdit;

	const moveTo = useCallback(
		(row: number, col: number) => {
			const r = Math.max(0, Math.min(row, rows.length - 1));
			const c = Math.max(0, Math.min(col, columns.length - 1));
			setActive({ row: r, col: c });
			virtualizer.scrollToIndex(r, { align: "auto" });
		},
		[rows.length, columns.length, virtualizer],
	);

	const startEdit = (rowIndex: number, colIndex: number) => {
		const row = rows[rowIndex];
		const column = columns[colIndex];
		if (!row || !editable(column) || !column) return;
		setActive({ row: rowIndex, col: colIndex });
		setEditing({ id: getId(row), column: column.id });
	};

	const toggle = (index: number, shift: boolean) => {
		if (!selection || !onSelectionChange) return;
		onSelectionChange(toggleRow(selection, order, index, anchor.current, shift));
		anchor.current = index;
	};

	const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
		if (editing || rows.length === 0) return;
		const a = active ?? { row: -1, col: 0 };
		const row = rows[a.row];
		const page = Math.max(
			1,
			Math.floor((scrollRef.current?.clientHeight || FALLBACK_HEIGHT) / ROW_HEIGHT) - 1,
		);
		const keys: Record<string, () => void> = {
			ArrowDown: () => moveTo(a.row + 1, a.col),
			ArrowUp: () => moveTo(Math.max(a.row - 1, 0), a.col),
			ArrowRight: () => moveTo(Math.max(a.row, 0), a.col + 1),
			ArrowLeft: () => moveTo(Math.max(a.row, 0), a.col - 1),
			PageDown: () => moveTo(a.row + page, a.col),
			PageUp: () => moveTo(a.row - page, a.col),
			Home: () => moveTo(0, a.col),
			End: () => moveTo(rows.length - 1, a.col),
			Enter: () => {
				if (!row) return;
				if (editable(columns[a.col])) startEdit(a.row, a.col);
				else onOpen(row);
			},
			F2: () => startEdit(a.row, a.col),
			" ": () => a.row >= 0 && toggle(a.row, e.shiftKey),
		};
		const action = keys[e.key];
		if (!action || e.metaKey || e.ctrlKey || e.altKey) return;
		e.preventDefault();
		action();
	};

	const onRowClick = (e: MouseEvent, index: number, row: T) => {
		const cell = (e.target as HTMLElement).closest<HTMLElement>("td[data-col]");
		const colIndex = cell ? Number(cell.dataset.col) : 0;
		setActive({ row: index, col: colIndex });
		// A click on an editable cell picks the cell (double-click or Enter edits it); anywhere else opens the record.
		if (!editable(columns[colIndex])) onOpen(row);
	};

	// Rows are memoized: while scrolling only rows entering the window render. Their callbacks go through
	// one stable object that always calls this render's closures.
	const latest = useRef({ onRowClick, toggle, startEdit, onEdit, closeEditor: () => {} });
	latest.current = {
		onRowClick,
		toggle,
		startEdit,
		onEdit,
		closeEditor: () => {
			setEditing(null);
			tableRef.current?.focus();
		},
	};
	const rowHandlers = useMemo<RowHandlers<T>>(
		() => ({
			rowClick: (e, index, row) => latest.current.onRowClick(e, index, row),
			toggle: (index, shift) => latest.current.toggle(index, shift),
			startEdit: (index, col) => latest.current.startEdit(index, col),
			save: (row, c, v) => latest.current.onEdit?.(row, c, v) ?? Promise.resolve(),
			closeEditor: () => latest.current.closeEditor(),
		}),
		[],
	);
	const canEdit = !!onEdit;
	const editableCols = useMemo(
		() => columns.map((c) => !!c.edit && !c.primary && canEdit),
		[columns, canEdit],
	);

	const allLoadedSelected =
		!!selection &&
		(selection.all || (order.length > 0 && order.every((id) => selection.ids.has(id))));
	const someSelected = !!selection && (selection.all || selection.ids.size > 0);
	const width = columns.reduce((n, c) => n + c.width, selectable ? CHECK_WIDTH : 0);
	// Rows are a CSS grid of these tracks (see table.css): cells carry no sizes of their own, and no row's
	// layout depends on another's.
	const tracks = [...(selectable ? [CHECK_WIDTH] : []), ...columns.map((c) => c.width)]
		.map((w) => `${w}px`)
		.join(" ");

	return (
		<div ref={scrollRef} className="data-table-scroll" data-testid="data-table">
			<table
				ref={tableRef}
				className="table data-table"
				// Rows are laid out as blocks and grids, not as a table: the roles keep what a table means.
				role="table"
				style={
					{ width: Math.max(width, 0), minWidth: "100%", "--row-tracks": tracks } as CSSProperties
				}
				// biome-ignore lint/a11y/noNoninteractiveTabindex: the grid takes focus so its keyboard commands work.
				tabIndex={0}
				aria-label={label}
				aria-rowcount={count + 1}
				onKeyDown={onKeyDown}
			>
				<thead role="rowgroup">
					<tr role="row">
						{selectable && (
							<th className="cell-check" role="columnheader">
								<input
									type="checkbox"
									aria-label="Select all loaded rows"
									data-testid="select-all-loaded"
									checked={allLoadedSelected}
									ref={(el) => {
										if (el) el.indeterminate = someSelected && !allLoadedSelected;
									}}
									onChange={() => selection && onSelectionChange?.(toggleLoaded(selection, order))}
								/>
							</th>
						)}
						{columns.map((c) => {
							const field = c.sortKey;
							const on = field !== undefined && sort.field === field;
							return (
								<th
									key={c.id}
									role="columnheader"
									className={c.numeric ? "num" : undefined}
									aria-sort={
										field === undefined
											? undefined
											: on
												? sort.desc
													? "descending"
													: "ascending"
												: "none"
									}
								>
									{field === undefined ? (
										c.header
									) : (
										<button
											type="button"
											className="th-sort"
											data-testid={`sort-${field}`}
											onClick={() => onSort(nextSort(sort, c))}
										>
											{c.header}
											{on &&
												(sort.desc ? (
													<ArrowDown size={12} aria-hidden="true" />
												) : (
													<ArrowUp size={12} aria-hidden="true" />
												))}
										</button>
									)}
								</th>
							);
						})}
					</tr>
				</thead>
				{/* Rows sit at absolute offsets (a transform each), so scrolling moves them without relayout. */}
				<tbody role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
					{items.map((item) => {
						const row = rows[item.index];
						if (row === undefined) {
							return (
								<tr
									key="loader"
									role="row"
									className="loader-row"
									style={{ transform: `translateY(${item.start}px)` }}
								>
									<td role="cell">
										<span className="cell-muted">
											<Spinner size={12} /> Loading more…
										</span>
									</td>
								</tr>
							);
						}
						const id = getId(row);
						const isActive = active?.row === item.index;
						return (
							<DataRow
								key={id}
								row={row}
								index={item.index}
								start={item.start}
								id={id}
								domId={`${idPrefix}-${id}`}
								columns={columns}
								testId={rowTestId}
								label={rowLabel(row)}
								selectable={selectable}
								selected={!!selection && isSelected(selection, id)}
								activeCol={isActive ? (active?.col ?? 0) : null}
								editingColumn={editing?.id === id ? editing.column : null}
								highlighted={id === highlightId}
								editable={editableCols}
								canEdit={!!onEdit}
								on={rowHandlers}
							/>
						);
					})}
				</tbody>
			</table>
			{footer}
		</div>
	);
}

type RowHandlers<T> = {
	rowClick: (e: MouseEvent, index: number, row: T) => void;
	toggle: (index: number, shift: boolean) => void;
	startEdit: (index: number, col: number) => void;
	save: (row: T, column: Column<T>, value: Value) => Promise<void>;
	closeEditor: () => void;
};

type DataRowProps<T> = {
	row: T;
	index: number;
	/** Offset from the top of the body, in pixels. */
	start: number;
	id: number;
	domId: string;
	columns: Column<T>[];
	testId: string;
	label: string;
	selectable: boolean;
	selected: boolean;
	/** The active cell's column when this row is the active one. */
	activeCol: number | null;
	editingColumn: string | null;
	highlighted: boolean;
	editable: boolean[];
	canEdit: boolean;
	on: RowHandlers<T>;
};

function DataRowInner<T>(p: DataRowProps<T>) {
	const classes = [
		"clickable",
		p.selected ? "row-selected" : "",
		p.activeCol !== null ? "row-active" : "",
		p.highlighted ? "row-highlight" : "",
		p.editingColumn !== null ? "row-editing" : "",
	];
	return (
		<tr
			id={p.domId}
			role="row"
			data-testid={p.testId}
			data-id={p.id}
			data-highlighted={p.highlighted || undefined}
			aria-selected={p.selectable ? p.selected : undefined}
			className={classes.filter(Boolean).join(" ")}
			style={{ transform: `translateY(${p.start}px)` }}
			onClick={(e) => p.on.rowClick(e, p.index, p.row)}
		>
			{p.selectable && (
				// A click anywhere in the checkbox cell (the box included) selects, never opens.
				<td
					className="cell-check"
					role="cell"
					onClick={(e) => {
						e.stopPropagation();
						p.on.toggle(p.index, e.shiftKey);
					}}
					onKeyDown={() => {}}
				>
					<input
						type="checkbox"
						aria-label={`Select ${p.label}`}
						data-testid="row-select"
						checked={p.selected}
						onChange={() => {}}
					/>
				</td>
			)}
			{p.columns.map((c, colIndex) => {
				const isEditing = p.editingColumn === c.id;
				const cellClasses = [
					c.numeric ? "num" : "",
					c.primary ? "cell-primary" : "",
					p.editable[colIndex] ? "cell-editable" : "",
					p.activeCol === colIndex ? "cell-active" : "",
					isEditing ? "cell-editing" : "",
				];
				return (
					<td
						key={c.id}
						role="cell"
						data-col={colIndex}
						data-field={c.id}
						className={cellClasses.filter(Boolean).join(" ") || undefined}
						title={isEditing ? undefined : c.title?.(p.row)}
						onDoubleClick={() => p.on.startEdit(p.index, colIndex)}
					>
						{isEditing && c.edit && p.canEdit ? (
							<CellEditor
								kind={c.edit.kind}
								options={c.edit.options}
								initial={c.edit.value(p.row)}
								label={`${c.header} of ${p.label}`}
								onSave={(v) => p.on.save(p.row, c, v)}
								onClose={p.on.closeEditor}
							/>
						) : (
							c.render(p.row)
						)}
					</td>
				);
			})}
		</tr>
	);
}

const DataRow = memo(DataRowInner) as typeof DataRowInner;
