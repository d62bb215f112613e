import { type FormEvent, type ReactNode, useState } from "react";
import { Dialog } from "../../../components/Dialog";
import { Field } from "../../../components/Field";
import { FormActions } from "../../../components/FormActions";
import { errorMessage } from "../../../ipc/unwrap";

type Props = {
	title: string;
	/** Test ids: `${testPrefix}-dialog`, `-target` (the select) and `-confirm`. */
	testPrefix: string;
	/** How many deals must move before the delete; with none the dialog only confirms. */
	deals: number;
	/** What happens to the deals, or (with none) what happens at all. */
	hint: ReactNode;
	/** The target select's label and the core's name for it, so its error lands there. */
	field: { label: string; name: string };
	initialTarget: number | null;
	/** The target select's options (or option groups). */
	targets: ReactNode;
	confirmLabel: string;
	/** Deletes, moving the deals to the target (null when there are none); rejects with the core's error. */
	onConfirm: (moveTo: number | null) => Promise<unknown>;
	onClose: () => void;
};

/** Confirms a delete that first moves deals elsewhere: the rep picks where, and the core's error shows here. */
export function MoveDealsDialog({
	title,
	testPrefix,
	deals,
	hint,
	field,
	initialTarget,
	targets,
	confirmLabel,
	onConfirm,
	onClose,
}: Props) {
	const [moveTo, setMoveTo] = useState<number | null>(initialTarget);
	const [error, setError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);

	const submit = async (e: FormEvent) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		try {
			await onConfirm(deals > 0 ? moveTo : null);
			onClose();
		} catch (err) {
			setError(errorMessage(err));
			setBusy(false);
		}
	};

	return (
		<Dialog title={title} onClose={onClose} testId={`${testPrefix}-dialog`}>
			<form className="form" onSubmit={submit} noValidate>
				<p className="hint">{hint}</p>
				{deals > 0 ? (
					<Field label={field.label} name={field.name} error={error}>
						{(p) => (
							<select
								{...p}
								data-testid={`${testPrefix}-target`}
								value={moveTo ?? ""}
								onChange={(e) => setMoveTo(Number(e.target.value))}
							>
								{targets}
							</select>
						)}
					</Field>
				) : (
					error && (
						<p className="form-error" role="alert" data-testid="form-error">
							{error}
						</p>
					)
				)}
				<FormActions onCancel={onClose} testId={`${testPrefix}-confirm`} pending={busy}>
					{confirmLabel}
				</FormActions>
			</form>
		</Dialog>
	);
}
