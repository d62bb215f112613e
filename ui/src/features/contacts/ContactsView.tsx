import { Plus, Search, Users } from "lucide-react";
import { useEffect, useState } from "react";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useDebounced } from "../../hooks/useDebounced";
import { useLoadMore } from "../../hooks/useLoadMore";
import { useShortcut } from "../../hooks/useShortcut";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate, useNavTarget } from "../../navigation";
import { SampleActions } from "../firstRun/SampleActions";
import { ContactForm } from "./ContactForm";
import { ContactsTable } from "./ContactsTable";
import { type ContactSort, useContactsCount, useContactsList } from "./queries";

type Editing = { id: number | null } | null;

export function ContactsView() {
	const [search, setSearch] = useState("");
	const debounced = useDebounced(search.trim(), 200);
	const [editing, setEditing] = useState<Editing>(null);
	const target = useNavTarget();
	const navigate = useNavigate();
	// Sent here to open a contact (from the command palette, or a `#contacts/12` link).
	useEffect(() => {
		if (target) setEditing({ id: target.id === "new" ? null : target.id });
	}, [target]);
	const closeEditor = () => {
		setEditing(null);
		// Drop the id from the URL, so a reload does not open the panel again.
		if (target) navigate("contacts");
	};
	const [order, setOrder] = useState<ContactSort | null>(null);
	const list = useContactsList(debounced, order);
	const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
	const total = useContactsCount(debounced).data;
	const canLoadMore = list.hasNextPage && !list.isFetchingNextPage;
	const sentinel = useLoadMore(canLoadMore, () => void list.fetchNextPage());

	useShortcut("n", () => setEditing({ id: null }), editing === null);

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Contacts</h1>
					{total !== undefined && (
						<span className="count" title={`${total} contacts`}>
							<span data-testid="contacts-total">{total}</span>
						</span>
					)}
				</div>
				<div className="toolbar">
					<label className="search">
						<Search size={14} aria-hidden="true" />
						<input
							type="search"
							placeholder="Search contacts"
							aria-label="Search contacts"
							data-testid="contacts-search"
							value={search}
							onChange={(e) => setSearch(e.target.value)}
						/>
						{list.isFetching && !list.isFetchingNextPage && <Spinner size={12} />}
					</label>
					<button
						type="button"
						className="button button-primary"
						data-testid="new-contact"
						onClick={() => setEditing({ id: null })}
						title="New contact (N)"
					>
						<Plus size={14} aria-hidden="true" />
						New contact
						<kbd>N</kbd>
					</button>
				</div>
			</header>

			<div className="view-body">
				{list.isPending ? (
					<div className="centered">
						<Spinner label="Loading contacts" />
					</div>
				) : list.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(list.error)}
					</p>
				) : rows.length === 0 ? (
					debounced ? (
						<EmptyState icon={Search} title="No matches">
							No contact matches “{debounced}”. Search looks at names, email addresses and
							companies.
						</EmptyState>
					) : (
						<EmptyState icon={Users} title="No contacts yet" actions={<SampleActions />}>
							Add someone with <strong>New contact</strong>, or start from sample data or a
							spreadsheet.
						</EmptyState>
					)
				) : (
					<div className="table-wrap">
						<ContactsTable
							rows={rows}
							onOpen={(id) => setEditing({ id })}
							order={order}
							onSort={setOrder}
						/>
						<div ref={sentinel} className="list-footer">
							{list.hasNextPage ? (
								<button
									type="button"
									className="button"
									data-testid="contacts-load-more"
									disabled={!canLoadMore}
									onClick={() => void list.fetchNextPage()}
								>
									{list.isFetchingNextPage && <Spinner size={14} />}
									Load more
								</button>
							) : (
								<span className="cell-muted">
									{rows.length} of {total}
								</span>
							)}
						</div>
					</div>
				)}
			</div>

			{editing && (
				<ContactForm key={editing.id ?? "new"} contactId={editing.id} onClose={closeEditor} />
			)}
		</div>
	);
}
