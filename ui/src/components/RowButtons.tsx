import { ArrowDown, ArrowUp, type LucideIcon } from "lucide-react";

/** A row's small button with an icon only; `label` names it for screen readers. */
export function IconButton({
	icon: Icon,
	label,
	testId,
	onClick,
	disabled,
	danger = false,
}: {
	icon: LucideIcon;
	label: string;
	testId: string;
	onClick: () => void;
	disabled?: boolean;
	/** Red on hover: for a delete. */
	danger?: boolean;
}) {
	return (
		<button
			type="button"
			className={danger ? "icon-button icon-button-danger" : "icon-button"}
			aria-label={label}
			data-testid={testId}
			disabled={disabled}
			onClick={onClick}
		>
			<Icon size={14} aria-hidden="true" />
		</button>
	);
}

/** Up and down for a row of an ordered list: test ids `${testPrefix}-up` and `-down`. */
export function MoveButtons({
	name,
	testPrefix,
	first,
	last,
	disabled = false,
	onMove,
}: {
	/** The row's name, as in "Move Qualified up". */
	name: string;
	testPrefix: string;
	first: boolean;
	last: boolean;
	/** A move is under way. */
	disabled?: boolean;
	onMove: (by: -1 | 1) => void;
}) {
	return (
		<>
			<IconButton
				icon={ArrowUp}
				label={`Move ${name} up`}
				testId={`${testPrefix}-up`}
				disabled={first || disabled}
				onClick={() => onMove(-1)}
			/>
			<IconButton
				icon={ArrowDown}
				label={`Move ${name} down`}
				testId={`${testPrefix}-down`}
				disabled={last || disabled}
				onClick={() => onMove(1)}
			/>
		</>
	);
}
