import type { MailClass } from "../../bindings";

/** The badge for a message's classification; genuine mail between people gets none but "Reply". */
export const classLabels: Partial<Record<MailClass, string>> = {
	reply: "Reply",
	auto_reply: "Auto-reply",
	bounce: "Bounce",
	unsubscribe: "Unsubscribe",
};

export function ClassBadge({ kind, reason }: { kind: MailClass; reason?: string | null }) {
	const label = classLabels[kind];
	if (!label) return null;
	return (
		<span
			className={`mail-class mail-class-${kind}`}
			title={reason ?? undefined}
			data-testid="mail-class"
		>
			{label}
		</span>
	);
}

/** "Re: " once, whatever prefix the thread already has. */
export function replySubject(subject: string): string {
	return /^\s*(re|aw|sv)\s*:/i.test(subject) ? subject : `Re: ${subject}`;
}
