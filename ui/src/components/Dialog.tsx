import { X } from "lucide-react";
import { type ReactNode, useEffect, useId, useRef } from "react";

type Props = {
	title: string;
	onClose: () => void;
	children: ReactNode;
	footer?: ReactNode;
	testId?: string;
};

/** Open dialogs, innermost last: Escape closes only the innermost one. */
const openDialogs: object[] = [];

/** A modal dialog: Escape or a click on the backdrop closes it; focus returns where it was. */
export function Dialog({ title, onClose, children, footer, testId }: Props) {
	const titleId = useId();
	const panel = useRef<HTMLDivElement>(null);
	const closeRef = useRef(onClose);
	closeRef.current = onClose;

	useEffect(() => {
		const previous = document.activeElement as HTMLElement | null;
		const el = panel.current;
		// The content may already have focused its own field (child effects run first).
		if (el && !el.contains(document.activeElement)) {
			(
				el.querySelector<HTMLElement>("input, select, textarea") ?? el.querySelector("button")
			)?.focus();
		}
		const token = {};
		openDialogs.push(token);
		const onKey = (e: KeyboardEvent) => {
			if (e.key === "Escape" && openDialogs[openDialogs.length - 1] === token) {
				e.stopPropagation();
				closeRef.current();
			}
		};
		document.addEventListener("keydown", onKey);
		return () => {
			document.removeEventListener("keydown", onKey);
			openDialogs.splice(openDialogs.indexOf(token), 1);
			previous?.focus?.();
		};
	}, []);

	return (
		// biome-ignore lint/a11y/noStaticElementInteractions: a backdrop click is a mouse shortcut; Escape and Close are the accessible ways out.
		<div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
			<div
				ref={panel}
				className="dialog"
				role="dialog"
				aria-modal="true"
				aria-labelledby={titleId}
				data-testid={testId}
			>
				<header className="dialog-header">
					<h2 id={titleId}>{title}</h2>
					<button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
						<X size={16} aria-hidden="true" />
					</button>
				</header>
				<div className="dialog-body">{children}</div>
				{footer && <footer className="dialog-footer">{footer}</footer>}
			</div>
		</div>
	);
}
