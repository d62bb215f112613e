import { Inbox } from "lucide-react";
import { type KeyboardEvent, useEffect, useState } from "react";
import type { InboxThread } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { relativeTime } from "../../format/relativeTime";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate, useNavTarget } from "../../navigation";
import { useMailboxes } from "../settings/mailboxes/queries";
import { LinkedChips } from "./LinkedChips";
import { ClassBadge } from "./labels";
import { useThreads } from "./queries";
import { SyncStatus } from "./SyncStatus";
import { ThreadView } from "./ThreadView";
import "./inbox.css";

/** Conversations with the people in the CRM (or everyone), newest first, and the one being read. */
export function InboxView() {
	const navigate = useNavigate();
	const target = useNavTarget();
	const mailboxes = useMailboxes();
	const [linkedOnly, setLinkedOnly] = useState(true);
	const threads = useThreads(linkedOnly);
	const [selected, setSelected] = useState<number | null>(null);

	useEffect(() => {
		if (target && target.id !== "new") setSelected(target.id);
	}, [target]);

	const list = threads.data ?? [];
	const current = list.find((t) => t.id === selected)?.id ?? (selected !== null ? selected : null);
	const unread = list.reduce((n, t) => n + t.unread_count, 0);
	const fallbackMailbox = mailboxes.data?.[0]?.id ?? null;

	if (mailboxes.data && mailboxes.data.length === 0) {
		return (
			<div className="view">
				<header className="view-header">
					<div className="view-title">
						<h1>Inbox</h1>
					</div>
				</header>
				<div className="view-body">
					<EmptyState
						icon={Inbox}
						title="Connect a mailbox to see your email here"
						testId="inbox-no-mailbox"
						actions={
							<button
								type="button"
								className="button button-primary"
								data-testid="inbox-open-mailboxes"
								onClick={() => navigate("settings")}
							>
								Settings → Mailboxes
							</button>
						}
					>
						Outpost fetches your INBOX and Sent mail over IMAP every couple of minutes, threads
						replies onto contacts, companies and deals, and flags bounces, auto-replies and
						unsubscribe requests. Mail stays on this computer.
					</EmptyState>
				</div>
			</div>
		);
	}

	const onListKey = (e: KeyboardEvent) => {
		if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
		e.preventDefault();
		const at = list.findIndex((t) => t.id === current);
		const next =
			list[Math.min(list.length - 1, Math.max(0, at + (e.key === "ArrowDown" ? 1 : -1)))];
		if (next) {
			setSelected(next.id);
			document.querySelector<HTMLElement>(`[data-thread-id="${next.id}"]`)?.focus();
		}
	};

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Inbox</h1>
					{unread > 0 && (
						<span className="count" title="Unread messages">
							{unread}
						</span>
					)}
				</div>
				<div className="mail-toolbar">
					<div className="tabs" role="tablist" aria-label="Which mail">
						<button
							type="button"
							role="tab"
							className="tab"
							aria-selected={linkedOnly}
							data-testid="inbox-filter-linked"
							onClick={() => setLinkedOnly(true)}
						>
							From your CRM
						</button>
						<button
							type="button"
							role="tab"
							className="tab"
							aria-selected={!linkedOnly}
							data-testid="inbox-filter-all"
							onClick={() => setLinkedOnly(false)}
						>
							All mail
						</button>
					</div>
					<SyncStatus />
				</div>
			</header>
			<div className="view-body mail-layout">
				<nav className="mail-list" aria-label="Conversations">
					{threads.isPending ? (
						<div className="centered">
							<Spinner label="Loading conversations" />
						</div>
					) : threads.isError ? (
						<p className="form-error" role="alert">
							{errorMessage(threads.error)}
						</p>
					) : list.length === 0 ? (
						<p className="mail-list-empty" data-testid="inbox-empty">
							{linkedOnly
								? "No mail from people in your CRM yet. Replies to what you send land here; “All mail” shows everything synced."
								: "Nothing synced yet. New mail shows up within a couple of minutes, or press Sync now."}
						</p>
					) : (
						<ul onKeyDown={onListKey}>
							{list.map((t) => (
								<ThreadRow
									key={t.id}
									thread={t}
									active={t.id === current}
									onOpen={() => setSelected(t.id)}
								/>
							))}
						</ul>
					)}
				</nav>
				<section className="mail-reader">
					{current !== null ? (
						<ThreadView id={current} fallbackMailbox={fallbackMailbox} />
					) : (
						<p className="mail-reader-empty">Choose a conversation to read it.</p>
					)}
				</section>
			</div>
		</div>
	);
}

function ThreadRow({
	thread,
	active,
	onOpen,
}: {
	thread: InboxThread;
	active: boolean;
	onOpen: () => void;
}) {
	return (
		<li className={`mail-row${active ? " active" : ""}${thread.unread_count > 0 ? " unread" : ""}`}>
			<button
				type="button"
				className="mail-row-open"
				data-testid="inbox-thread"
				data-thread-id={thread.id}
				aria-current={active ? "true" : undefined}
				onClick={onOpen}
			>
				<span className="mail-row-top">
					<span className="mail-row-from">{thread.last_from ?? "—"}</span>
					{thread.last_message_at && (
						<span className="mail-row-when">{relativeTime(thread.last_message_at)}</span>
					)}
				</span>
				<span className="mail-row-subject">
					{thread.subject || "(no subject)"}
					{thread.message_count > 1 && (
						<span className="mail-row-n"> ({thread.message_count})</span>
					)}
				</span>
				{thread.snippet && <span className="mail-row-snippet">{thread.snippet}</span>}
			</button>
			<span className="mail-row-meta">
				{thread.unread_count > 0 && (
					<span className="mail-unread" data-testid="inbox-unread" title="Unread">
						{thread.unread_count}
					</span>
				)}
				<ClassBadge kind={thread.last_classification} />
				<LinkedChips thread={thread} />
			</span>
		</li>
	);
}
