import type { ReactNode } from "react";
import { Spinner } from "./Spinner";

type Props = {
	onCancel: () => void;
	/** The submit button's test id. */
	testId: string;
	pending: boolean;
	/** The spinner's accessible label while pending. */
	pendingLabel?: string;
	children: ReactNode;
};

/** A dialog form's footer: Cancel, then the submit button, which shows a spinner while the core works. */
export function FormActions({ onCancel, testId, pending, pendingLabel, children }: Props) {
	return (
		<div className="form-actions">
			<span className="spacer" />
			<button type="button" className="button" onClick={onCancel}>
				Cancel
			</button>
			<button
				type="submit"
				className="button button-primary"
				data-testid={testId}
				disabled={pending}
			>
				{pending && <Spinner size={14} label={pendingLabel} />}
				{children}
			</button>
		</div>
	);
}
