import type { ReactNode } from "react";
import "./library.css";

/** A library view's list (templates, sequences): `creating` names a new item not saved yet, shown first. */
export function LibraryNav({
	label,
	creating = null,
	footer,
	children,
}: {
	/** Names the list for screen readers. */
	label: string;
	creating?: string | null;
	footer?: ReactNode;
	children: ReactNode;
}) {
	return (
		<nav className="library" aria-label={label}>
			<ul>
				{creating && (
					<li>
						<button type="button" className="library-item active" aria-current="true">
							<span className="library-name">{creating}</span>
						</button>
					</li>
				)}
				{children}
			</ul>
			{footer}
		</nav>
	);
}

/** One item of a library's list; the `active` one is shown beside the list. */
export function LibraryItem({
	active,
	testId,
	onSelect,
	children,
}: {
	active: boolean;
	testId: string;
	onSelect: () => void;
	children: ReactNode;
}) {
	return (
		<li>
			<button
				type="button"
				className={active ? "library-item active" : "library-item"}
				aria-current={active ? "true" : undefined}
				data-testid={testId}
				onClick={onSelect}
			>
				{children}
			</button>
		</li>
	);
}
