import type { FormEvent, ReactNode } from "react";
import { Dialog } from "./Dialog";
import { FormActions } from "./FormActions";
import { FormError } from "./FormError";

type Props = {
	title: string;
	testId: string;
	onClose: () => void;
	onSubmit: (e: FormEvent) => void;
	/** An error that belongs to no one field, shown above the fields. */
	error: string | null;
	/** The submit button's test id and label; it shows a spinner while `pending`. */
	submit: { testId: string; label: ReactNode };
	pending: boolean;
	children: ReactNode;
};

/** A dialog that is one form: its fields, an error above them, Cancel and the submit button below. */
export function FormDialog({
	title,
	testId,
	onClose,
	onSubmit,
	error,
	submit,
	pending,
	children,
}: Props) {
	return (
		<Dialog title={title} onClose={onClose} testId={testId}>
			<form className="form" onSubmit={onSubmit} noValidate>
				<FormError message={error} testId="form-error" />
				{children}
				<FormActions
					onCancel={onClose}
					testId={submit.testId}
					pending={pending}
					pendingLabel="Saving"
				>
					{submit.label}
				</FormActions>
			</form>
		</Dialog>
	);
}
