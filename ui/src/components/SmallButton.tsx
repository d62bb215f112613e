import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** A small button with an icon before its label, for a record's or a row's actions. */
export function SmallButton({
	icon: Icon,
	testId,
	onClick,
	disabled,
	danger = false,
	children,
}: {
	icon: LucideIcon;
	testId: string;
	onClick: () => void;
	disabled?: boolean;
	/** Red text: for a delete. */
	danger?: boolean;
	children: ReactNode;
}) {
	return (
		<button
			type="button"
			className={danger ? "button button-small button-danger-ghost" : "button button-small"}
			data-testid={testId}
			disabled={disabled}
			onClick={onClick}
		>
			<Icon size={13} aria-hidden="true" />
			{children}
		</button>
	);
}
