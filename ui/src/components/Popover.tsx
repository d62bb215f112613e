import { type ReactNode, useEffect, useRef } from "react";

type Props = {
	onClose: () => void;
	children: ReactNode;
	label: string;
	testId?: string;
	/** Which edge of the anchor the panel lines up with. */
	align?: "left" | "right";
	className?: string;
};

/**
 * A panel under the button that opened it (render both inside a `.popover-anchor`). Escape or a click
 * outside closes it; focus goes to its first field.
 */
export function Popover({ onClose, children, label, testId, align = "left", className }: Props) {
	const panel = useRef<HTMLDivElement>(null);
	const closeRef = useRef(onClose);
	closeRef.current = onClose;

	useEffect(() => {
		const el = panel.current;
		if (el && !el.contains(document.activeElement)) {
			el.querySelector<HTMLElement>("input, select, textarea, button")?.focus();
		}
		const onDown = (e: MouseEvent) => {
			const anchor = el?.parentElement;
			if (anchor && !anchor.contains(e.target as Node)) closeRef.current();
		};
		const onKey = (e: KeyboardEvent) => {
			if (e.key === "Escape") {
				e.stopPropagation();
				closeRef.current();
			}
		};
		document.addEventListener("mousedown", onDown);
		el?.addEventListener("keydown", onKey);
		return () => {
			document.removeEventListener("mousedown", onDown);
			el?.removeEventListener("keydown", onKey);
		};
	}, []);

	return (
		<div
			ref={panel}
			className={`popover popover-${align}${className ? ` ${className}` : ""}`}
			role="dialog"
			aria-label={label}
			data-testid={testId}
		>
			{children}
		</div>
	);
}
