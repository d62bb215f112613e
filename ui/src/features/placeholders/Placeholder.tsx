import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { EmptyState } from "../../components/EmptyState";

type Props = {
	title: string;
	icon: LucideIcon;
	heading: string;
	children: ReactNode;
	testId?: string;
};

/** A view that is not built yet: says plainly what it will do. */
export function Placeholder({ title, icon, heading, children, testId }: Props) {
	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>{title}</h1>
				</div>
			</header>
			<div className="view-body">
				<EmptyState icon={icon} title={heading} testId={testId}>
					{children}
				</EmptyState>
			</div>
		</div>
	);
}
