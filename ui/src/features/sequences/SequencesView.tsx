import { Pause, Play, Plus, Send, UserPlus } from "lucide-react";
import { useEffect, useState } from "react";
import type { Sequence, SequenceStatus, SequenceSummary } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useNavTarget } from "../../navigation";
import { EnrollDialog } from "./EnrollDialog";
import { EnrollmentList } from "./EnrollmentList";
import { useSequence, useSequenceActions, useSequences } from "./queries";
import { SequenceEditor } from "./SequenceEditor";
import { SequenceStatsPanel } from "./SequenceStatsPanel";
import "./sequences.css";

export const statusLabels: Record<SequenceStatus, string> = {
	draft: "Draft",
	active: "Active",
	paused: "Paused",
	archived: "Archived",
};

type Tab = "steps" | "enrollments" | "report";

/** Sequences: the list on the left; the chosen one's steps, enrollments and report on the right. */
export function SequencesView() {
	const sequences = useSequences();
	const target = useNavTarget();
	const [selected, setSelected] = useState<number | "new" | null>(null);

	useEffect(() => {
		if (target) setSelected(target.id);
	}, [target]);

	const list = sequences.data ?? [];
	const currentId =
		selected === "new" ? null : ((list.find((s) => s.id === selected) ?? list[0])?.id ?? null);

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Sequences</h1>
					{sequences.data && <span className="count">{list.length}</span>}
				</div>
				<button
					type="button"
					className="button button-primary"
					data-testid="seq-new"
					onClick={() => setSelected("new")}
				>
					<Plus size={14} aria-hidden="true" />
					New sequence
				</button>
			</header>
			<div className="view-body">
				{sequences.isPending ? (
					<div className="centered">
						<Spinner label="Loading sequences" />
					</div>
				) : sequences.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(sequences.error)}
					</p>
				) : selected !== "new" && currentId === null ? (
					<EmptyState
						icon={Send}
						title="No sequences yet"
						testId="sequences-empty"
						actions={
							<button
								type="button"
								className="button button-primary"
								onClick={() => setSelected("new")}
							>
								<Plus size={14} aria-hidden="true" />
								Create your first sequence
							</button>
						}
					>
						A sequence follows up for you: an email, a wait of a few days, another email, a reminder
						to call — sent from your own mailbox, inside the hours you choose. It stops for a
						contact the moment they reply, bounce or unsubscribe, and shows you how each step did.
					</EmptyState>
				) : (
					<div className="seq-layout">
						<nav className="seq-library" aria-label="Sequences">
							<ul>
								{selected === "new" && (
									<li>
										<button type="button" className="seq-library-item active" aria-current="true">
											<span className="seq-library-name">New sequence</span>
										</button>
									</li>
								)}
								{list.map((s) => (
									<li key={s.id}>
										<LibraryItem
											summary={s}
											active={s.id === currentId}
											onSelect={() => setSelected(s.id)}
										/>
									</li>
								))}
							</ul>
						</nav>
						{selected === "new" ? (
							<div className="seq-detail seq-new">
								<h2 className="seq-detail-title">New sequence</h2>
								<SequenceEditor
									sequence={null}
									onSaved={(s) => setSelected(s.id)}
									onCancel={() => setSelected(null)}
								/>
							</div>
						) : (
							currentId !== null && <SequenceDetail key={currentId} id={currentId} />
						)}
					</div>
				)}
			</div>
		</div>
	);
}

function LibraryItem({
	summary: s,
	active,
	onSelect,
}: {
	summary: SequenceSummary;
	active: boolean;
	onSelect: () => void;
}) {
	return (
		<button
			type="button"
			className={active ? "seq-library-item active" : "seq-library-item"}
			aria-current={active ? "true" : undefined}
			data-testid="seq-item"
			onClick={onSelect}
		>
			<span className="seq-library-head">
				<span className="seq-library-name">{s.name}</span>
				<span className={`badge seq-status seq-status-${s.status}`} data-testid="seq-item-status">
					{statusLabels[s.status]}
				</span>
			</span>
			<span className="seq-library-sub" data-testid="seq-item-counts">
				{s.steps} {s.steps === 1 ? "step" : "steps"} · {s.enrolled} enrolled · {s.sent} sent ·{" "}
				{s.replied} replied
			</span>
		</button>
	);
}

function SequenceDetail({ id }: { id: number }) {
	const sequence = useSequence(id);
	const [tab, setTab] = useState<Tab>("steps");
	const [enrolling, setEnrolling] = useState(false);
	const toast = useToast();

	if (sequence.isPending)
		return (
			<div className="centered">
				<Spinner label="Loading the sequence" />
			</div>
		);
	if (sequence.isError)
		return (
			<p className="form-error" role="alert">
				{errorMessage(sequence.error)}
			</p>
		);
	const s = sequence.data;
	const tabs: [Tab, string][] = [
		["steps", "Steps"],
		["enrollments", "Enrollments"],
		["report", "Report"],
	];
	return (
		<div className="seq-detail">
			<div className="seq-detail-head">
				<h2 className="seq-detail-title">{s.name}</h2>
				<span className={`badge seq-status seq-status-${s.status}`} data-testid="seq-status">
					{statusLabels[s.status]}
				</span>
				<span className="spacer" />
				<StatusButton sequence={s} />
				{s.status !== "archived" && (
					<button
						type="button"
						className="button"
						data-testid="seq-enroll"
						onClick={() => setEnrolling(true)}
					>
						<UserPlus size={14} aria-hidden="true" />
						Enroll…
					</button>
				)}
			</div>
			<div className="tabs" role="tablist" aria-label="Sequence">
				{tabs.map(([t, label]) => (
					<button
						key={t}
						type="button"
						role="tab"
						className="tab"
						aria-selected={tab === t}
						data-testid={`seq-tab-${t}`}
						onClick={() => setTab(t)}
					>
						{label}
					</button>
				))}
			</div>
			<div role="tabpanel" className="seq-tabpanel">
				{tab === "steps" && (
					<SequenceEditor
						key={s.updated_at}
						sequence={s}
						onSaved={() => toast.show({ message: `Saved ${s.name}.` })}
					/>
				)}
				{tab === "enrollments" && (
					<EnrollmentList sequence={s} onEnroll={() => setEnrolling(true)} />
				)}
				{tab === "report" && <SequenceStatsPanel sequenceId={s.id} />}
			</div>
			{enrolling && (
				<EnrollDialog sequenceId={s.id} sequenceName={s.name} onClose={() => setEnrolling(false)} />
			)}
		</div>
	);
}

/** Activate a draft, pause a running sequence, resume a paused one. */
function StatusButton({ sequence: s }: { sequence: Sequence }) {
	const { setStatus } = useSequenceActions();
	const toast = useToast();
	const to = async (status: SequenceStatus) => {
		try {
			await setStatus.mutateAsync({ id: s.id, status });
			if (status === "paused")
				toast.show({
					message: `Paused ${s.name}. Nothing goes until you resume it.`,
					action: { label: "Resume", onClick: () => void to("active") },
				});
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
		}
	};
	if (s.status === "active")
		return (
			<button type="button" className="button" data-testid="seq-pause" onClick={() => to("paused")}>
				<Pause size={14} aria-hidden="true" />
				Pause
			</button>
		);
	if (s.status === "draft" || s.status === "paused")
		return (
			<button
				type="button"
				className="button button-primary"
				data-testid="seq-activate"
				onClick={() => to("active")}
			>
				<Play size={14} aria-hidden="true" />
				{s.status === "draft" ? "Activate" : "Resume"}
			</button>
		);
	return null;
}
