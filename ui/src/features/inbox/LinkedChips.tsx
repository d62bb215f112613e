import { Building2, Handshake, User } from "lucide-react";
import type { InboxThread } from "../../bindings";
import { useNavigate } from "../../navigation";

/** The records a thread is linked to; each opens its panel. */
export function LinkedChips({ thread }: { thread: InboxThread }) {
	const navigate = useNavigate();
	const chips = [
		thread.contact_id !== null && {
			key: "contact",
			icon: User,
			label: thread.contact_name || "Contact",
			open: () => navigate("contacts", thread.contact_id ?? undefined),
		},
		thread.company_id !== null && {
			key: "company",
			icon: Building2,
			label: thread.company_name || "Company",
			open: () => navigate("companies", thread.company_id ?? undefined),
		},
		thread.deal_id !== null && {
			key: "deal",
			icon: Handshake,
			label: thread.deal_title || "Deal",
			open: () => navigate("deals", thread.deal_id ?? undefined),
		},
	].filter((c) => c !== false);
	if (chips.length === 0) return null;
	return (
		<span className="mail-chips">
			{chips.map(({ key, icon: Icon, label, open }) => (
				<button
					key={key}
					type="button"
					className="mail-chip"
					data-testid={`mail-chip-${key}`}
					onClick={(e) => {
						e.stopPropagation();
						open();
					}}
				>
					<Icon size={12} aria-hidden="true" />
					{label}
				</button>
			))}
		</span>
	);
}
