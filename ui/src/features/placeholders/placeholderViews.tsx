import { Inbox, Send } from "lucide-react";
import { Placeholder } from "./Placeholder";

export function InboxView() {
	return (
		<Placeholder title="Inbox" icon={Inbox} heading="Email, next to the people it’s from">
			Connect a mailbox to see conversations with your contacts and log them to their timeline. Mail
			stays on this computer.
		</Placeholder>
	);
}

export function SequencesView() {
	return (
		<Placeholder title="Sequences" icon={Send} heading="Outreach that follows up for you">
			Multi-step email sequences that pause when someone replies, unsubscribes or bounces.
		</Placeholder>
	);
}
