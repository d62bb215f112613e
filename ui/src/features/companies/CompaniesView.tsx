import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { Building2, Plus, Search } from "lucide-react";
import { useEffect, useState } from "react";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useDebounced } from "../../hooks/useDebounced";
import { useLoadMore } from "../../hooks/useLoadMore";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { useNavigate, useNavTarget } from "../../navigation";
import { SampleActions } from "../firstRun/SampleActions";
import { CompanyPanel } from "./CompanyPanel";

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
	// The open company's panel (null id: a new company).
	const [open, setOpen] = useState<{ id: number | null } | null>(null);
	const navigate = useNavigate();
	// Sent here to open a company (the palette, a deal's company link, `#companies/12`).
	useEffect(() => {
		if (target) setOpen({ id: target.id === "new" ? null : target.id });
	}, [target]);
	const closePanel = () => {
		setOpen(null);
		// Drop the id from the URL, so a reload does not open the panel again.
		if (target) navigate("companies");
	};

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
					<button
						type="button"
						className="button button-primary"
						data-testid="new-company"
						onClick={() => setOpen({ id: null })}
					>
						<Plus size={14} aria-hidden="true" />
						New company
					</button>
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
										className={c.id === highlightId ? "clickable row-highlight" : "clickable"}
										onClick={() => setOpen({ id: c.id })}
										data-highlighted={c.id === highlightId || undefined}
										ref={
											c.id === highlightId
												? (el) => el?.scrollIntoView?.({ block: "nearest" })
												: undefined
										}
									>
										<td className="cell-primary">
											{/* Reachable by keyboard; its click bubbles to the row's handler. */}
											<button type="button" className="row-link">
												{c.name}
											</button>
										</td>
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
			{open && <CompanyPanel key={open.id ?? "new"} companyId={open.id} onClose={closePanel} />}
		</div>
	);
}
