import { useState } from "react";
import type { EnrollSource } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { IdOptions } from "../../components/IdOptions";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { EnrollPreview } from "./EnrollPreview";
import { noSavedViews, viewLabel } from "./pickerLabels";
import { useEnrollPreview, useEnrollViews, useSequenceActions } from "./queries";

type Props = {
	sequenceId: number;
	sequenceName: string;
	/** The contacts selected in a list, when the dialog was opened from one. */
	selection?: number[];
	onClose: () => void;
};

/** Enrolls a saved view's contacts or a selection: first a preview of who is in and who is skipped, and why. */
export function EnrollDialog({ sequenceId, sequenceName, selection, onClose }: Props) {
	const toast = useToast();
	const { enroll } = useSequenceActions();
	const views = useEnrollViews();
	const hasSelection = (selection?.length ?? 0) > 0;
	const [mode, setMode] = useState<"selection" | "view">(hasSelection ? "selection" : "view");
	const [viewId, setViewId] = useState<number | null>(null);
	const chosenView = viewId ?? views.data?.[0]?.id ?? null;
	const source: EnrollSource | null =
		mode === "selection" && hasSelection
			? { contacts: selection ?? [] }
			: chosenView !== null
				? { view: chosenView }
				: null;
	const preview = useEnrollPreview(sequenceId, source);

	const confirm = async () => {
		if (!source) return;
		try {
			const r = await enroll.mutateAsync({ id: sequenceId, source });
			toast.show({
				message:
					r.skipped.length > 0
						? `Enrolled ${r.enrolled} in ${sequenceName}; skipped ${r.skipped.length}.`
						: `Enrolled ${r.enrolled} in ${sequenceName}.`,
			});
			onClose();
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
		}
	};

	const count = preview.data?.enrolled ?? 0;
	return (
		<Dialog title={`Enroll in ${sequenceName}`} onClose={onClose} testId="enroll-dialog">
			<div className="enroll-source" role="radiogroup" aria-label="Who to enroll">
				{hasSelection && (
					<label className="seq-inline">
						<input
							type="radio"
							name="enroll-source"
							checked={mode === "selection"}
							onChange={() => setMode("selection")}
						/>
						<span>The {selection?.length} selected contacts</span>
					</label>
				)}
				<label className="seq-inline">
					<input
						type="radio"
						name="enroll-source"
						checked={mode === "view"}
						onChange={() => setMode("view")}
					/>
					<span>Everyone in a saved view</span>
				</label>
				{mode === "view" && (
					<select
						aria-label="Saved view"
						data-testid="enroll-view"
						value={chosenView ?? ""}
						onChange={(e) => setViewId(Number(e.target.value))}
					>
						<IdOptions items={views.data} label={viewLabel} empty={noSavedViews} />
					</select>
				)}
			</div>
			{source === null ? (
				<p className="hint">
					Save a view of the Contacts or Leads list (a filter), or select contacts there, to enroll
					them here.
				</p>
			) : (
				<EnrollPreview
					preview={preview}
					testPrefix="enroll"
					checking="Checking who can be enrolled"
					outcome={(n) => (n === 1 ? "contact will be enrolled" : "contacts will be enrolled")}
				/>
			)}
			<div className="form-actions seq-dialog-actions">
				<button type="button" className="button" onClick={onClose}>
					Cancel
				</button>
				<button
					type="button"
					className="button button-primary"
					data-testid="enroll-confirm"
					disabled={!preview.data || count === 0 || enroll.isPending}
					onClick={confirm}
				>
					{enroll.isPending ? "Enrolling…" : `Enroll ${count}`}
				</button>
			</div>
		</Dialog>
	);
}
