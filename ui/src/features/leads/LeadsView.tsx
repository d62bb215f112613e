import { useQueryClient } from "@tanstack/react-query";
import { Filter, Plus, Target } from "lucide-react";
import { useState } from "react";
import type { ContactDetail, FilterGroup, LeadSource, LeadStatus, SavedView } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useDebounced } from "../../hooks/useDebounced";
import { useLoadMore } from "../../hooks/useLoadMore";
import { useRoutedRecord } from "../../hooks/useRoutedRecord";
import { useShortcut } from "../../hooks/useShortcut";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";
import { ContactForm } from "../contacts/ContactForm";
import { ConvertLeadDialog } from "../contacts/ConvertLeadDialog";
import { leadStatusLabels } from "../contacts/LifecycleBadge";
import { ExportButton } from "../export/ExportButton";
import { FilterBuilder } from "../lists/FilterBuilder";
import { FilterToggle } from "../lists/FilterToggle";
import { emptyFilter, ruleCount, runnable, sameJson } from "../lists/filterModel";
import { ListSearch } from "../lists/ListSearch";
import { useListFields, useSavedViews } from "../lists/queries";
import { SavedViewsBar } from "../lists/SavedViewsBar";
import "../lists/lists.css";
import { leadSourceLabels } from "../scoring/labels";
import { LeadsTable } from "./LeadsTable";
import {
	defaultLeadSort,
	type LeadSort,
	useAnyLeads,
	useLeadsCount,
	useLeadsList,
	useSetLeadStatus,
} from "./queries";

export function LeadsView() {
	const backend = useBackend();
	const client = useQueryClient();
	const toast = useToast();
	const [search, setSearch] = useState("");
	const [status, setStatus] = useState<LeadStatus | null>(null);
	const [source, setSource] = useState<LeadSource | null>(null);
	const [order, setOrder] = useState<LeadSort>(defaultLeadSort);
	const [filterDraft, setFilterDraft] = useState<FilterGroup>(emptyFilter);
	const [filterOpen, setFilterOpen] = useState(false);
	const [viewId, setViewId] = useState<number | null>(null);
	const [converting, setConverting] = useState<ContactDetail | null>(null);
	const debounced = useDebounced(search.trim(), 200);
	const filter = runnable(filterDraft);
	const filters = { search: debounced, status, source, filter };
	const list = useLeadsList(filters, order);
	const total = useLeadsCount(filters).data;
	const any = useAnyLeads().data;
	const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
	const canLoadMore = list.hasNextPage && !list.isFetchingNextPage;
	const sentinel = useLoadMore(canLoadMore, () => void list.fetchNextPage());
	const setLeadStatus = useSetLeadStatus();
	// `#leads/12` opens that lead's panel; `#leads/new` the new-lead form.
	const { open: editing, setOpen: setEditing, close: closeEditor } = useRoutedRecord("leads");
	const filtered = debounced !== "" || status !== null || source !== null || filter !== null;
	const filterError =
		list.error instanceof IpcError && list.error.field === "filter" ? list.error.message : null;
	const rules = ruleCount(filter);

	// Saved views of leads hold the filter and the sort (the table's columns are fixed). The status and
	// source pickers narrow whatever view is open, like the deals list's pipeline and status.
	const fields = useListFields("lead");
	const views = useSavedViews("lead");
	const activeView = views.data?.find((v) => v.id === viewId) ?? null;
	const viewSort = (v: SavedView): LeadSort =>
		v.sort ? { sort: v.sort.field, desc: v.sort.desc } : defaultLeadSort;
	const dirty = activeView
		? !sameJson(filter, runnable(activeView.filter ?? emptyFilter)) ||
			!sameJson(order, viewSort(activeView))
		: filter !== null || !sameJson(order, defaultLeadSort);
	const openView = (v: SavedView | null) => {
		setViewId(v?.id ?? null);
		setFilterDraft(v?.filter ?? emptyFilter);
		setOrder(v ? viewSort(v) : defaultLeadSort);
	};
	const viewInput = (name: string) => ({
		entity: "lead" as const,
		name,
		filter,
		sort: { field: order.sort, desc: order.desc },
		columns: [],
	});

	useShortcut("n", () => setEditing({ id: null }), editing === null && converting === null);

	const changeStatus = (id: number, next: LeadStatus) =>
		setLeadStatus.mutate(
			{ id, status: next },
			{
				onSuccess: (c) => {
					const name = `${c.first_name} ${c.last_name}`.trim() || "The lead";
					toast.show({ message: `${name} is now ${leadStatusLabels[next].toLowerCase()}.` });
				},
				onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
			},
		);

	const convert = (id: number) =>
		client
			.fetchQuery({
				queryKey: queryKeys.contact(id),
				queryFn: () => unwrap(backend.commands.contactGet(id)),
			})
			.then(setConverting)
			.catch((err: unknown) => toast.show({ message: errorMessage(err), tone: "error" }));

	const clearFilters = () => {
		setSearch("");
		setStatus(null);
		setSource(null);
		setFilterDraft(emptyFilter);
	};

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Leads</h1>
					{total !== undefined && (
						<span className="count" title={`${total} leads`}>
							<span data-testid="leads-total">{total}</span>
						</span>
					)}
				</div>
				<div className="toolbar">
					<ListSearch
						nouns="leads"
						testId="leads-search"
						value={search}
						onChange={setSearch}
						busy={list.isFetching && !list.isFetchingNextPage}
					/>
					<select
						className="select-inline"
						aria-label="Lead status"
						data-testid="leads-filter-status"
						value={status ?? ""}
						onChange={(e) => setStatus((e.target.value || null) as LeadStatus | null)}
					>
						<option value="">Any status</option>
						{Object.entries(leadStatusLabels).map(([value, label]) => (
							<option key={value} value={value}>
								{label}
							</option>
						))}
					</select>
					<select
						className="select-inline"
						aria-label="Lead source"
						data-testid="leads-filter-source"
						value={source ?? ""}
						onChange={(e) => setSource((e.target.value || null) as LeadSource | null)}
					>
						<option value="">Any source</option>
						{Object.entries(leadSourceLabels).map(([value, label]) => (
							<option key={value} value={value}>
								{label}
							</option>
						))}
					</select>
					<ExportButton
						entity="lead"
						query={{
							search: debounced || null,
							cursor: null,
							limit: null,
							lead_status: status,
							lead_source: source,
							filter,
							sort: order.sort,
							desc: order.desc,
						}}
					/>
					<button
						type="button"
						className="button button-primary"
						data-testid="new-lead"
						onClick={() => setEditing({ id: null })}
						title="New lead (N)"
					>
						<Plus size={14} aria-hidden="true" />
						New lead
						<kbd>N</kbd>
					</button>
				</div>
			</header>
			<SavedViewsBar
				entity="lead"
				views={views.data ?? []}
				activeId={viewId}
				dirty={dirty}
				onOpen={openView}
				onCreated={setViewId}
				viewInput={viewInput}
			>
				<FilterToggle rules={rules} open={filterOpen} onToggle={() => setFilterOpen((o) => !o)} />
			</SavedViewsBar>
			{filterOpen && fields.data && (
				<FilterBuilder
					fields={fields.data}
					value={filterDraft}
					onChange={setFilterDraft}
					error={filterError}
				/>
			)}

			<div className="view-body">
				{list.isPending ? (
					<div className="centered">
						<Spinner label="Loading leads" />
					</div>
				) : list.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(list.error)}
					</p>
				) : rows.length === 0 ? (
					filtered && any !== 0 ? (
						<EmptyState
							icon={Filter}
							title="No leads match"
							testId="leads-empty-filtered"
							actions={
								<button type="button" className="button" onClick={clearFilters}>
									Clear filters
								</button>
							}
						>
							No lead matches this search, filter, status and source. Clear them to see every lead.
						</EmptyState>
					) : (
						<EmptyState icon={Target} title="No leads yet" testId="leads-empty">
							Leads are people you have not qualified yet: a sign-up from the website, a card from
							an event, a referral. Add one with <strong>New lead</strong>, or set a contact's
							lifecycle to Lead. Outpost scores every lead (the rules are in Settings → Lead
							scoring), so the hottest ones sit at the top here.
						</EmptyState>
					)
				) : (
					<div className="table-wrap">
						<LeadsTable
							rows={rows}
							order={order}
							onSort={setOrder}
							onOpen={(id) => setEditing({ id })}
							onStatus={changeStatus}
							onConvert={(id) => void convert(id)}
							savingId={setLeadStatus.isPending ? (setLeadStatus.variables?.id ?? null) : null}
						/>
						<div ref={sentinel} className="list-footer">
							{list.hasNextPage ? (
								<button
									type="button"
									className="button"
									data-testid="leads-load-more"
									disabled={!canLoadMore}
									onClick={() => void list.fetchNextPage()}
								>
									{list.isFetchingNextPage && <Spinner size={14} />}
									Load more
								</button>
							) : (
								<span className="cell-muted">
									{rows.length} of {total ?? rows.length}
								</span>
							)}
						</div>
					</div>
				)}
			</div>

			{editing && (
				<ContactForm
					key={editing.id ?? "new"}
					contactId={editing.id}
					newAs="lead"
					onClose={closeEditor}
				/>
			)}
			{converting && <ConvertLeadDialog contact={converting} onClose={() => setConverting(null)} />}
		</div>
	);
}
