import { Send } from "lucide-react";
import { useState } from "react";
import { Dialog } from "../../components/Dialog";
import { IdOptions } from "../../components/IdOptions";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { EnrollDialog } from "./EnrollDialog";
import { useSequences } from "./queries";
import "./sequences.css";

/** The bulk bar's "Enroll in sequence": choose the sequence, then the usual preview of who is skipped. */
export function EnrollSelectionButton({ resolveIds }: { resolveIds: () => Promise<number[]> }) {
	const toast = useToast();
	const [ids, setIds] = useState<number[] | null>(null);
	const [chosen, setChosen] = useState<{ id: number; name: string } | null>(null);
	const close = () => {
		setIds(null);
		setChosen(null);
	};
	const open = async () => {
		try {
			setIds(await resolveIds());
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
		}
	};
	return (
		<>
			<button
				type="button"
				className="button button-small"
				data-testid="bulk-enroll"
				onClick={() => void open()}
			>
				<Send size={13} aria-hidden="true" /> Enroll in sequence
			</button>
			{ids && !chosen && <ChooseSequence onChoose={setChosen} onClose={close} />}
			{ids && chosen && (
				<EnrollDialog
					sequenceId={chosen.id}
					sequenceName={chosen.name}
					selection={ids}
					onClose={close}
				/>
			)}
		</>
	);
}

function ChooseSequence({
	onChoose,
	onClose,
}: {
	onChoose: (s: { id: number; name: string }) => void;
	onClose: () => void;
}) {
	const sequences = useSequences();
	const open = (sequences.data ?? []).filter((s) => s.status !== "archived");
	const [picked, setPicked] = useState<number | null>(null);
	const current = open.find((s) => s.id === picked) ?? open[0];
	return (
		<Dialog title="Enroll in a sequence" onClose={onClose} testId="enroll-choose">
			{sequences.isPending ? null : open.length === 0 ? (
				<p className="hint">
					There are no sequences yet. Create one under Sequences: the emails, the waits between them
					and the tasks, then come back to enroll these contacts.
				</p>
			) : (
				<label className="field">
					<span>Sequence</span>
					<select
						data-testid="enroll-choose-sequence"
						value={current?.id ?? ""}
						onChange={(e) => setPicked(Number(e.target.value))}
					>
						<IdOptions items={open} label={(s) => `${s.name} (${s.status})`} />
					</select>
				</label>
			)}
			<div className="form-actions seq-dialog-actions">
				<button type="button" className="button" onClick={onClose}>
					Cancel
				</button>
				<button
					type="button"
					className="button button-primary"
					data-testid="enroll-choose-next"
					disabled={!current}
					onClick={() => current && onChoose({ id: current.id, name: current.name })}
				>
					Continue
				</button>
			</div>
		</Dialog>
	);
}
