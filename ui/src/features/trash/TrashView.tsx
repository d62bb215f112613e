import { useMutation, useQuery } from "@tanstack/react-query";
import { Building2, Handshake, type LucideIcon, RotateCcw, Trash2, User } from "lucide-react";
import { useState } from "react";
import type { RecordRef, TrashItem } from "../../bindings";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { EmptyState } from "../../components/EmptyState";
import { SmallButton } from "../../components/SmallButton";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import "../../components/records.css";

/** How many of the newest deleted records the view lists. */
const SHOWN = 500;

const kinds: Record<RecordRef["entity"], { icon: LucideIcon; label: string }> = {
	contact: { icon: User, label: "Contact" },
	company: { icon: Building2, label: "Company" },
	deal: { icon: Handshake, label: "Deal" },
};

const keyOf = (r: RecordRef) => `${r.entity}-${r.id}`;

/** Deleted contacts, companies and deals: restore them, or delete them for good. */
export function TrashView() {
	const backend = useBackend();
	const toast = useToast();
	const trash = useQuery({
		queryKey: queryKeys.trash,
		queryFn: () => unwrap(backend.commands.trashList(SHOWN)),
	});
	const restore = useMutation({
		mutationFn: (records: RecordRef[]) => unwrap(backend.commands.trashRestore(records)),
	});
	const purge = useMutation({
		mutationFn: (records: RecordRef[]) => unwrap(backend.commands.trashDeleteForever(records)),
	});
	const [confirming, setConfirming] = useState<TrashItem | null>(null);
	const busy = restore.isPending || purge.isPending;

	const onRestore = (item: TrashItem) =>
		restore.mutate([item.record], {
			onSuccess: () => toast.show({ message: `Restored ${item.title}.` }),
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});
	const onPurge = (item: TrashItem) =>
		purge.mutate([item.record], {
			onSuccess: () => {
				setConfirming(null);
				toast.show({ message: `Deleted ${item.title} for good.` });
			},
			onError: (err) => {
				setConfirming(null);
				toast.show({ message: errorMessage(err), tone: "error" });
			},
		});

	const items = trash.data?.items ?? [];
	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Trash</h1>
					{trash.data && (
						<span className="count" data-testid="trash-total">
							{trash.data.total}
						</span>
					)}
				</div>
			</header>
			<div className="view-body">
				{trash.isPending ? (
					<div className="centered">
						<Spinner label="Loading the Trash" />
					</div>
				) : trash.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(trash.error)}
					</p>
				) : items.length === 0 ? (
					<EmptyState icon={Trash2} title="The Trash is empty" testId="trash-empty">
						Contacts, companies and deals you delete land here. Restore them with everything they
						had, or delete them for good.
					</EmptyState>
				) : (
					<>
						<ul className="trash-list" aria-label="Deleted records">
							{items.map((item) => {
								const { icon: Icon, label } = kinds[item.record.entity];
								return (
									<li
										key={keyOf(item.record)}
										className="trash-row"
										data-testid="trash-row"
										data-entity={item.record.entity}
									>
										<span className="trash-kind" title={label}>
											<Icon size={14} aria-label={label} />
										</span>
										<span className="trash-main">
											<span className="trash-title">{item.title}</span>
											{item.subtitle && <span className="trash-sub">{item.subtitle}</span>}
										</span>
										<time
											className="trash-when"
											dateTime={item.deleted_at}
											title={`Deleted ${fullTime(item.deleted_at)}`}
										>
											Deleted {relativeTime(item.deleted_at)}
										</time>
										<SmallButton
											icon={RotateCcw}
											testId="trash-restore"
											disabled={busy}
											onClick={() => onRestore(item)}
										>
											Restore
										</SmallButton>
										<SmallButton
											icon={Trash2}
											testId="trash-delete-forever"
											danger
											disabled={busy}
											onClick={() => setConfirming(item)}
										>
											Delete forever
										</SmallButton>
									</li>
								);
							})}
						</ul>
						{trash.data && trash.data.total > items.length && (
							<p className="list-footer cell-muted">
								Showing the {items.length} most recently deleted of {trash.data.total}.
							</p>
						)}
					</>
				)}
			</div>
			{confirming && (
				<ConfirmPurge
					item={confirming}
					pending={purge.isPending}
					onConfirm={() => onPurge(confirming)}
					onCancel={() => setConfirming(null)}
				/>
			)}
		</div>
	);
}

const consequences: Record<RecordRef["entity"], string> = {
	contact:
		"Their emails, phones and notes go with them. Deals and tasks stay, without this contact; calls and notes shared with a company or deal stay there.",
	company:
		"Its contacts and deals stay and keep the company's name as text. Activity logged on the company alone goes with it.",
	deal: "Its stage history goes with it. Its company and contact stay, and keep the activity logged with them.",
};

function ConfirmPurge({
	item,
	pending,
	onConfirm,
	onCancel,
}: {
	item: TrashItem;
	pending: boolean;
	onConfirm: () => void;
	onCancel: () => void;
}) {
	return (
		<ConfirmDialog
			title={`Delete ${item.title} forever?`}
			testId="confirm-purge"
			confirm={{ testId: "confirm-purge-yes", label: "Delete forever", pendingLabel: "Deleting" }}
			pending={pending}
			onConfirm={onConfirm}
			onCancel={onCancel}
		>
			<p>This can't be undone. {consequences[item.record.entity]}</p>
		</ConfirmDialog>
	);
}
