import { ArrowLeft, CopyCheck, Merge } from "lucide-react";
import { type KeyboardEvent, useRef, useState } from "react";
import type { DuplicatePair } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { MergeDialog } from "./MergeDialog";
import { duplicatesTab, rememberDuplicatesTab } from "./openDuplicates";
import { type MergeEntity, useDuplicates, useUndoMerge } from "./queries";
import "./duplicates.css";

type Tab = { entity: MergeEntity; label: string; view: "contacts" | "companies" };
const contactsTab: Tab = { entity: "contact", label: "Contacts", view: "contacts" };
const companiesTab: Tab = { entity: "company", label: "Companies", view: "companies" };
const tabs = [contactsTab, companiesTab];

/** The core lists at most this many pairs per entity. */
const CORE_LIMIT = 200;

const emptyText: Record<MergeEntity, string> = {
	contact:
		"No two contacts share an email address or a phone number, or have the same name at the same company.",
	company:
		"No two companies have the same name, even ignoring case, punctuation and legal forms like Inc, Ltd or GmbH.",
};

/** Likely duplicate contacts and companies across the whole database, each pair one merge away. */
export function DuplicatesView() {
	const navigate = useNavigate();
	const toast = useToast();
	const undo = useUndoMerge();
	const [tab, setTab] = useState<MergeEntity>(duplicatesTab);
	const contacts = useDuplicates("contact");
	const companies = useDuplicates("company");
	const pairs = tab === "contact" ? contacts : companies;
	const [merging, setMerging] = useState<DuplicatePair | null>(null);
	const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
	const listRef = useRef<HTMLUListElement>(null);
	const current = tab === "contact" ? contactsTab : companiesTab;

	const choose = (entity: MergeEntity) => {
		setTab(entity);
		rememberDuplicatesTab(entity);
	};

	// Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab goes on to the list.
	const onTabKey = (e: KeyboardEvent, index: number) => {
		const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
		if (!step) return;
		e.preventDefault();
		const next = (index + step + tabs.length) % tabs.length;
		const t = tabs[next];
		if (!t) return;
		choose(t.entity);
		tabRefs.current[next]?.focus();
	};

	const onMerged = (
		pair: DuplicatePair,
		kept: { id: number; name: string; dropped: string; undoToken: number },
	) => {
		setMerging(null);
		const view = pair.entity === "company" ? "companies" : "contacts";
		toast.show({
			message: `Merged ${kept.dropped} into ${kept.name}`,
			durationMs: 8000,
			actions: [
				{
					label: "Undo",
					testId: "toast-undo",
					onClick: () =>
						undo.mutate(kept.undoToken, {
							onSuccess: () => toast.show({ message: `Merge undone: ${kept.dropped} is back` }),
							onError: (e) => toast.show({ message: errorMessage(e), tone: "error" }),
						}),
				},
				{
					label: "Open",
					testId: "toast-open-merged",
					onClick: () => navigate(view, kept.id),
				},
			],
		});
		// The row that opened the dialog is gone: focus moves to the next pair, or the tab.
		requestAnimationFrame(() => {
			const next = listRef.current?.querySelector<HTMLElement>("[data-testid=duplicate-merge]");
			(next ?? tabRefs.current[tabs.indexOf(current)])?.focus();
		});
	};

	const list = pairs.data ?? [];
	return (
		<div className="view" data-testid="duplicates-view">
			<header className="view-header">
				<div className="view-title">
					<h1>Duplicates</h1>
				</div>
				<div className="toolbar">
					<button
						type="button"
						className="button"
						data-testid="duplicates-back"
						onClick={() => navigate(current.view)}
					>
						<ArrowLeft size={14} aria-hidden="true" />
						Back to {current.label}
					</button>
				</div>
			</header>
			<div className="tabs" role="tablist" aria-label="Kind of record">
				{tabs.map((t, i) => {
					const count = (t.entity === "contact" ? contacts : companies).data?.length;
					const selected = t.entity === tab;
					return (
						<button
							key={t.entity}
							ref={(el) => {
								tabRefs.current[i] = el;
							}}
							type="button"
							role="tab"
							id={`duplicates-tab-${t.entity}`}
							aria-selected={selected}
							aria-controls="duplicates-panel"
							tabIndex={selected ? 0 : -1}
							className="tab"
							data-testid={`duplicates-tab-${t.entity}`}
							onClick={() => choose(t.entity)}
							onKeyDown={(e) => onTabKey(e, i)}
						>
							{t.label}
							{count !== undefined && (
								<span className="count" data-testid={`duplicates-count-${t.entity}`}>
									{count >= CORE_LIMIT ? `${CORE_LIMIT}+` : count}
								</span>
							)}
						</button>
					);
				})}
			</div>
			<div
				className="view-body"
				role="tabpanel"
				id="duplicates-panel"
				aria-labelledby={`duplicates-tab-${tab}`}
			>
				{pairs.isPending ? (
					<div className="centered">
						<Spinner label="Looking for duplicates" />
					</div>
				) : pairs.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(pairs.error)}
					</p>
				) : list.length === 0 ? (
					<EmptyState icon={CopyCheck} title="Nothing looks duplicated" testId="duplicates-empty">
						{emptyText[tab]}
					</EmptyState>
				) : (
					<>
						<ul
							ref={listRef}
							className="dup-list"
							aria-label={`Likely duplicate ${current.label.toLowerCase()}`}
						>
							{list.map((p) => (
								<li key={`${p.a_id}-${p.b_id}`} className="dup-row" data-testid="duplicate-pair">
									<span className="dup-names">
										<span className="dup-name" data-testid="duplicate-a">
											{p.a_label}
										</span>
										<span className="dup-and">and</span>
										<span className="dup-name" data-testid="duplicate-b">
											{p.b_label}
										</span>
									</span>
									<span className="badge dup-reason" data-testid="duplicate-reason">
										{p.reason}
									</span>
									<button
										type="button"
										className="button button-small"
										data-testid="duplicate-merge"
										aria-label={`Review and merge ${p.a_label} and ${p.b_label}`}
										onClick={() => setMerging(p)}
									>
										<Merge size={13} aria-hidden="true" />
										Merge…
									</button>
								</li>
							))}
						</ul>
						{list.length >= CORE_LIMIT && (
							<p className="list-footer cell-muted">
								Showing the first {CORE_LIMIT} pairs. Merge some to see more.
							</p>
						)}
					</>
				)}
			</div>
			{merging && (
				<MergeDialog
					key={`${merging.a_id}-${merging.b_id}`}
					pair={merging}
					onClose={() => setMerging(null)}
					onMerged={(kept) => onMerged(merging, kept)}
				/>
			)}
		</div>
	);
}
