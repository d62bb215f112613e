import { Mail } from "lucide-react";
import { useState } from "react";
import { ComposeDialog } from "./ComposeDialog";

type Props = {
	contactId: number;
	dealId?: number | null;
	/** The contact's primary address: without one there is nobody to write to, and no button. */
	email: string | null | undefined;
	name?: string;
	testId?: string;
	/** Just the icon (in a list row). */
	compact?: boolean;
};

/** "Email": opens the compose dialog for a contact (from a contact, company or deal panel). */
export function ComposeButton({
	contactId,
	dealId = null,
	email,
	name,
	testId = "compose-open",
	compact,
}: Props) {
	const [open, setOpen] = useState(false);
	if (!email) return null;
	return (
		<>
			<button
				type="button"
				className={compact ? "icon-button" : "button button-small"}
				data-testid={testId}
				aria-label={compact ? `Email ${name || email}` : undefined}
				title={`Write to ${email}`}
				onClick={() => setOpen(true)}
			>
				<Mail size={13} aria-hidden="true" />
				{!compact && "Email"}
			</button>
			{open && (
				<ComposeDialog
					contactId={contactId}
					dealId={dealId}
					defaultTo={email}
					recipientName={name}
					onClose={() => setOpen(false)}
				/>
			)}
		</>
	);
}
