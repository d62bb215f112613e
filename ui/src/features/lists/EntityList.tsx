import { type LucideIcon, Search } from "lucide-react";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import type { FieldEntity, FilterGroup, Page, PageQuery, SavedView, Value } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { DataTable } from "../../components/table/DataTable";
import { selectedCount } from "../../components/table/selection";
import { type Column, noSelection, type Selection, type Sort } from "../../components/table/types";
import { useDebounced } from "../../hooks/useDebounced";
import { type Backend, useBackend } from "../../ipc/backend";
import { errorMessage, IpcError, type IpcResult, unwrap } from "../../ipc/unwrap";
import { ExportButton } from "../export/ExportButton";
import { BulkBar } from "./BulkBar";
import { ColumnChooser } from "./ColumnChooser";
import { buildColumns, type RowSpec } from "./columns";
import { FilterBuilder } from "./FilterBuilder";
import { FilterToggle } from "./FilterToggle";
import { emptyFilter, ruleCount, runnable, sameJson } from "./filterModel";
import { ListSearch } from "./ListSearch";
import "./lists.css";
import { useBulkEdit, useListCount, useListFields, useListPages, useSavedViews } from "./queries";
import { SavedViewsBar } from "./SavedViewsBar";

/** Everything that differs between the contacts, companies and deals lists. */
export type ListConfig<T> = {
	entity: FieldEntity;
	/** "contact" / "contacts" */
	noun: (n: number) => string;
	title: string;
	/** Prefix of test ids: `${prefix}-search`, `${prefix}-total`. */
	testPrefix: string;
	rowTestId: string;
	fetchPage: (backend: Backend, query: PageQuery) => Promise<Page<T>>;
	getId: (row: T) => number;
	rowLabel: (row: T) => string;
	spec: RowSpec<T>;
	defaultColumns: string[];
	defaultSort: Sort;
	trash: (backend: Backend, ids: number[]) => Promise<IpcResult<null>>;
	restore: (backend: Backend, ids: number[]) => Promise<IpcResult<null>>;
	empty: { icon: LucideIcon; title: string; body: ReactNode; actions?: ReactNode };
};

type Props<T> = {
	config: ListConfig<T>;
	/** Buttons at the right of the header (New …). */
	actions?: ReactNode;
	/** Narrowing beyond the filter (the deals list's pipeline and status), with its controls. */
	narrowing?: { query: Partial<PageQuery>; controls: ReactNode; active: boolean };
	onOpen: (id: number) => void;
	highlightId?: number | null;
};

type ViewState = { filter: FilterGroup; sort: Sort; columns: string[] };

/**
 * A whole list view: header with count and search, saved-view tabs, the filter builder, the column chooser,
 * the virtualized table with sorting, selection, keyboard and in-place edits, and the bulk bar.
 */
export function EntityList<T>({
	config,
	actions,
	narrowing,
	onOpen,
	highlightId = null,
}: Props<T>) {
	const backend = useBackend();
	const toast = useToast();
	const entity = config.entity;
	const defaults: ViewState = useMemo(
		() => ({ filter: emptyFilter, sort: config.defaultSort, columns: config.defaultColumns }),
		[config],
	);
	const [search, setSearch] = useState("");
	const debounced = useDebounced(search.trim(), 200);
	const [state, setState] = useState<ViewState>(defaults);
	const [viewId, setViewId] = useState<number | null>(null);
	const [filterOpen, setFilterOpen] = useState(false);
	const [selection, setSelection] = useState<Selection>(noSelection);

	const fields = useListFields(entity);
	const views = useSavedViews(entity);
	const { edit } = useBulkEdit();
	const filter = runnable(state.filter);
	const query: PageQuery = {
		search: debounced || null,
		cursor: null,
		limit: null,
		sort: state.sort.field,
		desc: state.sort.desc,
		filter,
		...narrowing?.query,
	};
	const list = useListPages(entity, query, config.fetchPage);
	const total = useListCount(entity, { ...query, sort: null, desc: null }).data;
	const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
	const queryKey = JSON.stringify(query);

	// A new search, filter or sort is a new list: the old selection does not carry over.
	// biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the whole query.
	useEffect(() => setSelection(noSelection), [queryKey]);

	const activeView = views.data?.find((v) => v.id === viewId) ?? null;
	const baseline: ViewState = activeView
		? {
				filter: activeView.filter ?? emptyFilter,
				sort: activeView.sort ?? config.defaultSort,
				columns: activeView.columns.length ? activeView.columns : config.defaultColumns,
			}
		: defaults;
	const dirty =
		!sameJson(runnable(state.filter), runnable(baseline.filter)) ||
		!sameJson(state.sort, baseline.sort) ||
		!sameJson(state.columns, baseline.columns);

	const openView = (v: SavedView | null) => {
		setViewId(v?.id ?? null);
		setState(
			v
				? {
						filter: v.filter ?? emptyFilter,
						sort: v.sort ?? config.defaultSort,
						columns: v.columns.length ? v.columns : config.defaultColumns,
					}
				: defaults,
		);
	};
	const viewInput = (name: string, s: ViewState = state) => ({
		entity,
		name,
		filter: runnable(s.filter),
		sort: s.sort,
		columns: s.columns,
	});

	const columns: Column<T>[] = useMemo(
		() => buildColumns(state.columns, fields.data ?? [], config.spec),
		[state.columns, fields.data, config.spec],
	);

	const onEdit = useCallback(
		async (row: T, column: Column<T>, value: Value) => {
			await edit.mutateAsync({
				entity,
				ids: [config.getId(row)],
				change: { kind: "set_field", field: column.id, value },
			});
		},
		[edit, entity, config],
	);

	const onLoadMore = useCallback(() => void list.fetchNextPage(), [list.fetchNextPage]);

	const resolveIds = async () =>
		selection.all ? unwrap(backend.commands.listIds(entity, query)) : [...selection.ids];

	const trash = async (ids: number[]) => {
		await unwrap(config.trash(backend, ids));
		setSelection(noSelection);
		toast.show({
			message: `Moved ${ids.length} ${config.noun(ids.length)} to the Trash.`,
			action: {
				label: "Undo",
				testId: "toast-undo",
				onClick: () =>
					void unwrap(config.restore(backend, ids)).catch((e) =>
						toast.show({ message: errorMessage(e), tone: "error" }),
					),
			},
			durationMs: 10000,
		});
	};

	const filtered = debounced !== "" || filter !== null || !!narrowing?.active;
	const filterError =
		list.error instanceof IpcError && list.error.field === "filter" ? list.error.message : null;
	const count = selectedCount(selection, total);
	const loadedAllSelected =
		rows.length > 0 && rows.every((r) => selection.ids.has(config.getId(r)));
	const prefix = config.testPrefix;
	const rules = ruleCount(filter);

	let body: ReactNode;
	if (list.isPending || fields.isPending) {
		body = (
			<div className="centered">
				<Spinner label={`Loading ${config.noun(2)}`} />
			</div>
		);
	} else if (list.isError) {
		body = (
			<p className="form-error list-error" role="alert">
				{errorMessage(list.error)}
			</p>
		);
	} else if (rows.length === 0) {
		body = filtered ? (
			<EmptyState
				icon={Search}
				title="No matches"
				actions={
					<button
						type="button"
						className="button"
						onClick={() => {
							setSearch("");
							setState((s) => ({ ...s, filter: emptyFilter }));
						}}
					>
						Clear search and filter
					</button>
				}
			>
				{debounced
					? `No ${config.noun(2)} match “${debounced}”${filter ? " with this filter" : ""}.`
					: `No ${config.noun(2)} match this filter.`}
			</EmptyState>
		) : (
			<EmptyState
				icon={config.empty.icon}
				title={config.empty.title}
				actions={config.empty.actions}
			>
				{config.empty.body}
			</EmptyState>
		);
	} else {
		body = (
			<DataTable
				rows={rows}
				columns={columns}
				getId={config.getId}
				rowLabel={config.rowLabel}
				rowTestId={config.rowTestId}
				label={config.title}
				hasMore={!!list.hasNextPage}
				loadingMore={list.isFetchingNextPage}
				onLoadMore={onLoadMore}
				sort={state.sort}
				onSort={(sort) => setState((s) => ({ ...s, sort }))}
				onOpen={(row) => onOpen(config.getId(row))}
				selection={selection}
				onSelectionChange={setSelection}
				onEdit={onEdit}
				highlightId={highlightId}
				footer={
					<div className="list-footer cell-muted" data-testid={`${prefix}-footer`}>
						{list.hasNextPage
							? `${rows.length.toLocaleString()} loaded`
							: `${rows.length.toLocaleString()}`}
						{total !== undefined && ` of ${total.toLocaleString()}`}
					</div>
				}
			/>
		);
	}

	return (
		<div className="view entity-list">
			<header className="view-header">
				<div className="view-title">
					<h1>{config.title}</h1>
					{total !== undefined && (
						<span className="count" title={`${total} ${config.noun(total)}`}>
							<span data-testid={`${prefix}-total`}>{total.toLocaleString()}</span>
						</span>
					)}
				</div>
				<div className="toolbar">
					<ListSearch
						nouns={config.noun(2)}
						testId={`${prefix}-search`}
						value={search}
						onChange={setSearch}
						busy={list.isFetching && !list.isFetchingNextPage}
					/>
					<ExportButton entity={entity} query={query} />
					{actions}
				</div>
			</header>
			<SavedViewsBar
				entity={entity}
				views={views.data ?? []}
				activeId={viewId}
				dirty={dirty}
				onOpen={openView}
				onCreated={setViewId}
				viewInput={viewInput}
			>
				{narrowing?.controls}
				<FilterToggle rules={rules} open={filterOpen} onToggle={() => setFilterOpen((o) => !o)} />
				<ColumnChooser
					fields={fields.data ?? []}
					columns={state.columns}
					defaults={config.defaultColumns}
					fixed={config.spec.primary}
					onChange={(cols) => setState((s) => ({ ...s, columns: cols }))}
				/>
			</SavedViewsBar>
			{filterOpen && fields.data && (
				<FilterBuilder
					fields={fields.data}
					value={state.filter}
					onChange={(f) => setState((s) => ({ ...s, filter: f }))}
					error={filterError}
				/>
			)}
			{count > 0 && (
				<BulkBar
					entity={entity}
					fields={fields.data ?? []}
					count={count}
					moreMatch={loadedAllSelected && total !== undefined && total > rows.length ? total : null}
					allMatching={selection.all}
					onSelectAllMatching={() => setSelection({ ids: new Set(), all: true })}
					resolveIds={resolveIds}
					onClear={() => setSelection(noSelection)}
					onDelete={trash}
					noun={config.noun}
				/>
			)}
			<div className="view-body entity-list-body">{body}</div>
		</div>
	);
}
