import type { ReactNode } from "react";
import { Dialog } from "./Dialog";
import { Spinner } from "./Spinner";

type Props = {
	title: string;
	testId: string;
	/** What will happen; the dialog's text. */
	children: ReactNode;
	/** The red button's test id and label, and the spinner's label while `pending`. */
	confirm: { testId: string; label: string; pendingLabel: string };
	pending: boolean;
	onConfirm: () => void;
	onCancel: () => void;
};

/** Asks before a destructive step: what it does, then Cancel and a red button that waits while it runs. */
export function ConfirmDialog({
	title,
	testId,
	children,
	confirm,
	pending,
	onConfirm,
	onCancel,
}: Props) {
	return (
		<Dialog title={title} onClose={onCancel} testId={testId}>
			<div className="form">
				{children}
				<div className="form-actions">
					<span className="spacer" />
					<button type="button" className="button" onClick={onCancel}>
						Cancel
					</button>
					<button
						type="button"
						className="button button-danger"
						data-testid={confirm.testId}
						disabled={pending}
						onClick={onConfirm}
					>
						{pending && <Spinner size={14} label={confirm.pendingLabel} />}
						{confirm.label}
					</button>
				</div>
			</div>
		</Dialog>
	);
}
