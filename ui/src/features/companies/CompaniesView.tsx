import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Building2, Search } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useDebounced } from "../../hooks/useDebounced";
import { useLoadMore } from "../../hooks/useLoadMore";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { useNavTarget } from "../../navigation";
import { SampleActions } from "../firstRun/SampleActions";

export function CompaniesView() {
	const backend = useBackend();
	const [search, setSearch] = useState("");
	const debounced = useDebounced(search.trim(), 200);
	const list = useInfiniteQuery({
		queryKey: queryKeys.companies(debounced),
		queryFn: ({ pageParam }) =>
			unwrap(
				backend.commands.companiesList({
					search: debounced || null,
					cursor: pageParam,
					limit: 100,
				}),
			),
		initialPageParam: null as string | null,
		getNextPageParam: (last) => last.next_cursor,
		placeholderData: keepPreviousData,
	});
	const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
	const total = list.data?.pages[0]?.total;
	const canLoadMore = list.hasNextPage && !list.isFetchingNextPage;
	const sentinel = useLoadMore(canLoadMore, () => void list.fetchNextPage());
	const target = useNavTarget();
	const highlightId = typeof target?.id === "number" ? target.id : null;

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Companies</h1>
					{total !== undefined && (
						<span className="count" data-testid="companies-total">
							{total}
						</span>
					)}
				</div>
				<div className="toolbar">
					<label className="search">
						<Search size={14} aria-hidden="true" />
						<input
							type="search"
							placeholder="Search companies"
							aria-label="Search companies"
							data-testid="companies-search"
							value={search}
							onChange={(e) => setSearch(e.target.value)}
						/>
					</label>
				</div>
			</header>
			<div className="view-body">
				{list.isPending ? (
					<div className="centered">
						<Spinner label="Loading companies" />
					</div>
				) : list.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(list.error)}
					</p>
				) : rows.length === 0 ? (
					debounced ? (
						<EmptyState icon={Search} title="No matches">
							No company matches “{debounced}”.
						</EmptyState>
					) : (
						<EmptyState icon={Building2} title="No companies yet" actions={<SampleActions />}>
							Companies appear here as you add contacts who work at them.
						</EmptyState>
					)
				) : (
					<div className="table-wrap">
						<table className="table">
							<thead>
								<tr>
									<th>Name</th>
									<th>Domain</th>
									<th>Industry</th>
									<th>City</th>
									<th className="num">Contacts</th>
									<th className="num">Open deals</th>
								</tr>
							</thead>
							<tbody>
								{rows.map((c) => (
									<tr
										key={c.id}
										data-testid="company-row"
										className={c.id === highlightId ? "row-highlight" : undefined}
										data-highlighted={c.id === highlightId || undefined}
										ref={
											c.id === highlightId
												? (el) => el?.scrollIntoView?.({ block: "nearest" })
												: undefined
										}
									>
										<td className="cell-primary">{c.name}</td>
										<td className="cell-muted">{c.domain}</td>
										<td>{c.industry}</td>
										<td className="cell-muted">{[c.city, c.country].filter(Boolean).join(", ")}</td>
										<td className="num">{c.contacts}</td>
										<td className="num">{c.open_deals}</td>
									</tr>
								))}
							</tbody>
						</table>
						<div ref={sentinel} className="list-footer">
							{list.hasNextPage && (
								<button
									type="button"
									className="button"
									disabled={!canLoadMore}
									onClick={() => void list.fetchNextPage()}
								>
									Load more
								</button>
							)}
						</div>
					</div>
				)}
			</div>
		</div>
	);
}
