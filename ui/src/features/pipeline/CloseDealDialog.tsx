import { type FormEvent, useState } from "react";
import { Dialog } from "../../components/Dialog";
import { Field } from "../../components/Field";
import { Spinner } from "../../components/Spinner";
import { IpcError } from "../../ipc/unwrap";
import type { DropPlan } from "./board";

type Props = {
	plan: DropPlan;
	/** Resolves when moved; rejects with the core's validation error on `reason`. */
	onConfirm: (reason: string | null) => Promise<void>;
	onCancel: () => void;
};

/**
 * Closing a deal asks first: a lost deal needs a reason (the core insists, and its error shows
 * at the field); a won one takes an optional note. Cancel leaves the deal where it was.
 */
export function CloseDealDialog({ plan, onConfirm, onCancel }: Props) {
	const lost = plan.stage.kind === "lost";
	const [text, setText] = useState("");
	const [error, setError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);

	const submit = async (e: FormEvent) => {
		e.preventDefault();
		setBusy(true);
		setError(null);
		try {
			// Blank goes to the core as-is: it owns the rule and says why.
			await onConfirm(text.trim() === "" ? null : text);
			onCancel();
		} catch (err) {
			setError(err instanceof IpcError ? err.message : String(err));
			setBusy(false);
		}
	};

	return (
		<Dialog
			title={lost ? `Mark “${plan.deal.title}” as lost` : `Mark “${plan.deal.title}” as won`}
			onClose={onCancel}
			testId="close-deal-dialog"
		>
			<form className="form" onSubmit={submit} noValidate>
				<p className="hint">
					{lost
						? "It leaves the board. Saying why helps you spot patterns later."
						: "Congratulations! It leaves the board of open deals."}
				</p>
				<Field label={lost ? "Why was it lost?" : "Note (optional)"} name="reason" error={error}>
					{(props) => (
						<input
							{...props}
							data-testid="close-deal-reason"
							aria-required={lost}
							value={text}
							placeholder={lost ? "e.g. Went with a competitor" : "e.g. Signed for two years"}
							onChange={(e) => {
								setText(e.target.value);
								setError(null);
							}}
						/>
					)}
				</Field>
				<div className="form-actions">
					<button
						type="submit"
						className="button button-primary"
						data-testid="close-deal-confirm"
						disabled={busy}
					>
						{busy && <Spinner size={14} />}
						{lost ? "Mark as lost" : "Mark as won"}
					</button>
					<button
						type="button"
						className="button"
						data-testid="close-deal-cancel"
						onClick={onCancel}
					>
						Cancel
					</button>
				</div>
			</form>
		</Dialog>
	);
}
