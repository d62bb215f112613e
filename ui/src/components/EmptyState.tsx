import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

type Props = {
	icon: LucideIcon;
	title: string;
	children?: ReactNode;
	actions?: ReactNode;
	testId?: string;
};

export function EmptyState({ icon: Icon, title, children, actions, testId }: Props) {
	return (
		<div className="empty-state" data-testid={testId}>
			<div className="empty-icon">
				<Icon size={22} strokeWidth={1.5} aria-hidden="true" />
			</div>
			<h2 className="empty-title">{title}</h2>
			{children && <div className="empty-body">{children}</div>}
			{actions && <div className="empty-actions">{actions}</div>}
		</div>
	);
}
