import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

export type ActionButtonProps = {
	icon: LucideIcon;
	testId?: string;
	onClick: () => void;
	disabled?: boolean;
	title?: string;
	/** The view's or dialog's main action. */
	primary?: boolean;
	/** Red text: for a delete. */
	danger?: boolean;
	/** The small size of a record's or a row's actions. */
	small?: boolean;
	children: ReactNode;
};

/** A button with an icon before its label: a view header's, a record's or a row's action. */
export function ActionButton({
	icon: Icon,
	testId,
	onClick,
	disabled,
	title,
	primary = false,
	danger = false,
	small = false,
	children,
}: ActionButtonProps) {
	const className = [
		"button",
		primary && "button-primary",
		small && "button-small",
		danger && "button-danger-ghost",
	]
		.filter(Boolean)
		.join(" ");
	return (
		<button
			type="button"
			className={className}
			data-testid={testId}
			title={title}
			disabled={disabled}
			onClick={onClick}
		>
			<Icon size={small ? 13 : 14} aria-hidden="true" />
			{children}
		</button>
	);
}
