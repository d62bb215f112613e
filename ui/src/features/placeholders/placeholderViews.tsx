import { Send } from "lucide-react";
import { Placeholder } from "./Placeholder";

export function SequencesView() {
	return (
		<Placeholder title="Sequences" icon={Send} heading="Outreach that follows up for you">
			Multi-step email sequences that pause when someone replies, unsubscribes or bounces.
		</Placeholder>
	);
}
