import { useState } from "react";
import type { ShownThread } from "../../bindings";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useTemplates } from "../templates/queries";
import { replySubject } from "./labels";
import { useInboxMutations } from "./queries";

/**
 * Reply (or reply with a template) through the outbox, threaded: In-Reply-To is the newest message's
 * Message-ID, References the whole conversation.
 */
export function ReplyBox({ shown, mailboxId }: { shown: ShownThread; mailboxId: number | null }) {
	const { send } = useInboxMutations();
	const toast = useToast();
	const templates = useTemplates();
	const [body, setBody] = useState("");
	const [templateId, setTemplateId] = useState<number | null>(null);
	const { thread, messages } = shown;
	const last = messages[messages.length - 1]?.message;
	const lastIn = [...messages].reverse().find((m) => m.message.direction === "in")?.message;
	const to = lastIn?.from_addr ?? last?.to_addrs[0] ?? null;
	const canTemplate = thread.contact_id !== null || thread.deal_id !== null;

	if (mailboxId === null || !last || !to) return null;

	const submit = () => {
		send.mutate(
			{
				mailbox_id: mailboxId,
				to,
				subject: replySubject(thread.subject),
				body_text: templateId === null ? body : null,
				template_id: templateId,
				contact_id: thread.contact_id,
				deal_id: thread.deal_id,
				in_reply_to: last.message_id,
				references: messages.map((m) => m.message.message_id).join(" "),
			},
			{
				onSuccess: () => {
					setBody("");
					setTemplateId(null);
					toast.show({ message: `Reply to ${to} queued in the Outbox.` });
				},
			},
		);
	};

	return (
		<form
			className="mail-reply"
			aria-label="Reply"
			onSubmit={(e) => {
				e.preventDefault();
				submit();
			}}
		>
			<div className="mail-reply-head">
				<span className="mail-reply-to">
					Reply to <strong>{to}</strong>
				</span>
				{canTemplate && (templates.data?.length ?? 0) > 0 && (
					<label className="mail-reply-template">
						<span>Template</span>
						<select
							className="select-inline"
							data-testid="mail-reply-template"
							value={templateId ?? ""}
							onChange={(e) => setTemplateId(e.target.value === "" ? null : Number(e.target.value))}
						>
							<option value="">None (write a reply)</option>
							{templates.data?.map((t) => (
								<option key={t.id} value={t.id}>
									{t.name}
								</option>
							))}
						</select>
					</label>
				)}
			</div>
			{templateId === null ? (
				<textarea
					className="mail-reply-body"
					data-testid="mail-reply-body"
					aria-label="Your reply"
					placeholder="Write a reply…"
					rows={4}
					value={body}
					onChange={(e) => setBody(e.target.value)}
					onKeyDown={(e) => {
						if (e.key === "Enter" && (e.metaKey || e.ctrlKey) && body.trim() !== "") submit();
					}}
				/>
			) : (
				<p className="mail-reply-note">
					The template is filled in for this contact when it is queued.
				</p>
			)}
			{send.isError && (
				<p className="form-error" role="alert">
					{errorMessage(send.error)}
				</p>
			)}
			<div className="mail-reply-actions">
				<button
					type="submit"
					className="button button-primary"
					data-testid="mail-reply-send"
					disabled={send.isPending || (templateId === null && body.trim() === "")}
				>
					Send reply
				</button>
			</div>
		</form>
	);
}
