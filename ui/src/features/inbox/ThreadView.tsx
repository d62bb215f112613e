import { CloudOff, UserPlus } from "lucide-react";
import { useEffect } from "react";
import type { ShownMessage } from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { fullTime } from "../../format/relativeTime";
import { errorMessage } from "../../ipc/unwrap";
import { Attachments } from "./Attachments";
import { LinkedChips } from "./LinkedChips";
import { ClassBadge } from "./labels";
import { MessageBody } from "./MessageBody";
import { useInboxMutations, useThread } from "./queries";
import { ReplyBox } from "./ReplyBox";

/** One conversation, oldest message first, with the reply box under it. */
export function ThreadView({
	id,
	fallbackMailbox,
}: {
	id: number;
	fallbackMailbox: number | null;
}) {
	const thread = useThread(id);
	const { markRead } = useInboxMutations();
	const unread = thread.data?.thread.unread_count ?? 0;
	const { mutate: markThreadRead } = markRead;

	useEffect(() => {
		if (unread > 0) markThreadRead(id);
	}, [id, unread, markThreadRead]);

	if (thread.isPending)
		return (
			<div className="centered">
				<Spinner label="Loading the conversation" />
			</div>
		);
	if (thread.isError)
		return (
			<p className="form-error" role="alert">
				{errorMessage(thread.error)}
			</p>
		);
	const shown = thread.data;
	return (
		<article className="mail-thread" data-testid="mail-thread">
			<header className="mail-thread-head">
				<h2>{shown.thread.subject || "(no subject)"}</h2>
				<LinkedChips thread={shown.thread} />
			</header>
			<ol className="mail-messages">
				{shown.messages.map((m) => (
					<li key={m.message.id}>
						<MessageCard shown={m} />
					</li>
				))}
			</ol>
			<ReplyBox shown={shown} mailboxId={shown.thread.mailbox_id ?? fallbackMailbox} />
		</article>
	);
}

function MessageCard({ shown }: { shown: ShownMessage }) {
	const { message } = shown;
	const { allowImages, createContact } = useInboxMutations();
	const toast = useToast();
	const unknownSender = message.direction === "in" && message.contact_id === null;
	return (
		<section
			className={`mail-message${message.direction === "out" ? " mail-out" : ""}`}
			data-testid="mail-message"
		>
			<header className="mail-message-head">
				<div className="mail-from">
					<strong>{message.from_name || message.from_addr}</strong>
					{message.from_name && <span className="mail-addr">{message.from_addr}</span>}
				</div>
				<ClassBadge kind={message.classification} reason={message.classification_reason} />
				{message.sent_at && (
					<time className="mail-when" dateTime={message.sent_at}>
						{fullTime(message.sent_at)}
					</time>
				)}
			</header>
			{message.classification_reason && message.classification !== "reply" && (
				<p className="mail-reason">{message.classification_reason}</p>
			)}
			{message.parse_warning && (
				<p className="mail-reason">Partly unreadable: {message.parse_warning}</p>
			)}
			{message.removed_at && (
				// Deleted or moved away by another client: the CRM keeps it (timeline, reply, bounce), so say
				// why it may be missing from the rep's mail app rather than hide it.
				<p
					className="mail-reason mail-removed"
					data-testid="mail-removed"
					title={`Noticed ${fullTime(message.removed_at)}`}
				>
					<CloudOff size={12} aria-hidden="true" />
					Removed from the server
				</p>
			)}
			{unknownSender && (
				<div className="mail-unknown">
					<span>{message.from_addr} is not in your CRM.</span>
					<button
						type="button"
						className="button button-small"
						data-testid="mail-create-contact"
						disabled={createContact.isPending}
						onClick={() =>
							createContact.mutate(message.id, {
								onSuccess: (c) =>
									toast.show({
										message: `${`${c.first_name} ${c.last_name}`.trim()} added to contacts.`,
									}),
								onError: (e) => toast.show({ message: errorMessage(e), tone: "error" }),
							})
						}
					>
						<UserPlus size={13} aria-hidden="true" />
						Create contact from sender
					</button>
				</div>
			)}
			<MessageBody
				shown={shown}
				allowing={allowImages.isPending}
				onAllowImages={() => allowImages.mutate(message.id)}
			/>
			{message.attachments.length > 0 && (
				<Attachments emailId={message.id} attachments={message.attachments} />
			)}
		</section>
	);
}
