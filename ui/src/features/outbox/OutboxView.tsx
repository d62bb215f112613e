import { useQueryClient } from "@tanstack/react-query";
import { Mail, Send } from "lucide-react";
import { useEffect, useState } from "react";
import type { OutboxItem } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { useMailboxes } from "../settings/mailboxes/queries";
import { openMailboxSettings } from "./mailboxSettingsLink";
import { OutboxRow } from "./OutboxRow";
import { outboxKeys, useOutbox, useOutboxActions } from "./queries";
import { SenderCard } from "./SenderCard";
import "./outbox.css";

/** Everything going out: each mailbox's sender state, then the messages, queued first. */
export function OutboxView() {
	const outbox = useOutbox();
	const { cancel, retry } = useOutboxActions();
	const toast = useToast();
	const navigate = useNavigate();
	const [busy, setBusy] = useState<number | null>(null);
	// Mailboxes change under Settings events (added, paused, password fixed): the senders shown here follow.
	const client = useQueryClient();
	const mailboxesUpdated = useMailboxes().dataUpdatedAt;
	useEffect(() => {
		if (mailboxesUpdated) void client.invalidateQueries({ queryKey: outboxKeys.list });
	}, [client, mailboxesUpdated]);

	const run = async (id: number, action: () => Promise<unknown>) => {
		setBusy(id);
		try {
			await action();
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
		} finally {
			setBusy(null);
		}
	};
	// Cancelling is undone by queueing it again: nothing of a cancelled message has left.
	const onCancel = (item: OutboxItem) =>
		run(item.id, async () => {
			await cancel.mutateAsync(item.id);
			toast.show({
				message: `Cancelled “${item.subject || "(no subject)"}”.`,
				action: {
					label: "Undo",
					testId: "toast-undo",
					onClick: () =>
						void retry
							.mutateAsync(item.id)
							.catch((e: unknown) => toast.show({ message: errorMessage(e), tone: "error" })),
				},
			});
		});
	const onRetry = (item: OutboxItem) =>
		run(item.id, async () => {
			await retry.mutateAsync(item.id);
			toast.show({ message: `“${item.subject || "(no subject)"}” is queued again.` });
		});

	let body: React.ReactNode;
	if (outbox.isPending) {
		body = (
			<div className="centered">
				<Spinner label="Loading the outbox" />
			</div>
		);
	} else if (outbox.isError) {
		body = (
			<p className="form-error" role="alert">
				{errorMessage(outbox.error)}
			</p>
		);
	} else {
		const { items, senders } = outbox.data;
		body = (
			<>
				{senders.length > 0 && (
					<ul
						className="outbox-senders"
						data-testid="outbox-senders"
						aria-label="Sending mailboxes"
					>
						{senders.map((s) => (
							<SenderCard key={s.mailbox_id} sender={s} />
						))}
					</ul>
				)}
				{items.length === 0 ? (
					senders.length === 0 ? (
						<EmptyState
							icon={Mail}
							title="No mailbox to send from yet"
							testId="outbox-empty"
							actions={
								<button
									type="button"
									className="button button-primary"
									data-testid="outbox-add-mailbox"
									onClick={() => openMailboxSettings(navigate)}
								>
									Add a mailbox
								</button>
							}
						>
							Outpost sends from your own mailbox. Add one in Settings → Mailboxes (its password
							stays in your system keychain), then write to a contact from their panel.
						</EmptyState>
					) : (
						<EmptyState icon={Send} title="Nothing in the outbox" testId="outbox-empty">
							Messages you write from a contact, company or deal wait here until they go, paced by
							each mailbox's daily limit and send window. Sent and failed ones stay listed.
						</EmptyState>
					)
				) : (
					<ul className="outbox-items" data-testid="outbox-items" aria-label="Messages">
						{items.map((item) => (
							<OutboxRow
								key={item.id}
								item={item}
								busy={busy === item.id}
								onCancel={onCancel}
								onRetry={onRetry}
							/>
						))}
					</ul>
				)}
			</>
		);
	}

	return (
		<div className="view" data-testid="outbox-view">
			<header className="view-header">
				<div className="view-title">
					<h1>Outbox</h1>
				</div>
			</header>
			<div className="view-body view-body-padded">{body}</div>
		</div>
	);
}
