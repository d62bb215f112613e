import {
	Archive,
	ArchiveRestore,
	Megaphone,
	Pause,
	Play,
	Plus,
	Send,
	UserPlus,
} from "lucide-react";
import { useEffect, useState } from "react";
import type { Sequence, SequenceStatus, SequenceSummary } from "../../bindings";
import { ActionButton } from "../../components/ActionButton";
import { EmptyState } from "../../components/EmptyState";
import { LibraryItem, LibraryNav } from "../../components/Library";
import { QueryStatus } from "../../components/QueryStatus";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useNavTarget } from "../../navigation";
import { CampaignWizard } from "./CampaignWizard";
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
type Selected = number | "new" | "new-campaign" | null;

/** Sequences: the list on the left; the chosen one's steps, enrollments and report on the right. */
export function SequencesView() {
	const sequences = useSequences();
	const target = useNavTarget();
	const [selected, setSelected] = useState<Selected>(null);
	const [showArchived, setShowArchived] = useState(false);

	useEffect(() => {
		if (target) setSelected(target.id);
	}, [target]);

	const all = sequences.data ?? [];
	// Archived ones keep their reports but leave the list until asked for (or opened directly).
	const archived = all.filter((s) => s.status === "archived").length;
	const list = all.filter((s) => showArchived || s.status !== "archived" || s.id === selected);
	const creating = selected === "new" || selected === "new-campaign";
	const currentId = creating
		? null
		: ((list.find((s) => s.id === selected) ?? list[0])?.id ?? null);

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Sequences</h1>
					{sequences.data && <span className="count">{all.length - archived}</span>}
				</div>
				<div className="seq-header-actions">
					<ActionButton
						icon={Megaphone}
						testId="seq-new-campaign"
						onClick={() => setSelected("new-campaign")}
					>
						New campaign
					</ActionButton>
					<ActionButton icon={Plus} testId="seq-new" primary onClick={() => setSelected("new")}>
						New sequence
					</ActionButton>
				</div>
			</header>
			<div className="view-body">
				{sequences.isPending || sequences.isError ? (
					<QueryStatus query={sequences} loading="Loading sequences" centered />
				) : !creating && currentId === null && archived === 0 ? (
					<EmptyState
						icon={Send}
						title="No sequences yet"
						testId="sequences-empty"
						actions={
							<ActionButton icon={Plus} primary onClick={() => setSelected("new")}>
								Create your first sequence
							</ActionButton>
						}
					>
						A sequence follows up for you: an email, a wait of a few days, another email, a reminder
						to call — sent from your own mailbox, inside the hours you choose. It stops for a
						contact the moment they reply, bounce or unsubscribe, and shows you how each step did. A
						campaign is a one-off email to everyone in a saved view, paced and reported the same
						way.
					</EmptyState>
				) : (
					<div className="library-layout seq-layout">
						<LibraryNav
							label="Sequences"
							creating={!creating ? null : selected === "new" ? "New sequence" : "New campaign"}
							footer={
								archived > 0 && (
									<button
										type="button"
										className="link-button seq-library-toggle"
										data-testid="seq-show-archived"
										aria-pressed={showArchived}
										onClick={() => setShowArchived((v) => !v)}
									>
										{showArchived ? "Hide archived" : `Show archived (${archived})`}
									</button>
								)
							}
						>
							{list.map((s) => (
								<SequenceItem
									key={s.id}
									summary={s}
									active={s.id === currentId}
									onSelect={() => setSelected(s.id)}
								/>
							))}
						</LibraryNav>
						{selected === "new-campaign" ? (
							<div className="seq-detail seq-new">
								<h2 className="seq-detail-title">New campaign</h2>
								<CampaignWizard
									onStarted={(id) => setSelected(id)}
									onCancel={(draft) => setSelected(draft)}
								/>
							</div>
						) : selected === "new" ? (
							<div className="seq-detail seq-new">
								<h2 className="seq-detail-title">New sequence</h2>
								<SequenceEditor
									sequence={null}
									onSaved={(s) => setSelected(s.id)}
									onCancel={() => setSelected(null)}
								/>
							</div>
						) : (
							currentId !== null && (
								<SequenceDetail
									key={currentId}
									id={currentId}
									onArchived={() => setSelected(null)}
								/>
							)
						)}
					</div>
				)}
			</div>
		</div>
	);
}

function SequenceItem({
	summary: s,
	active,
	onSelect,
}: {
	summary: SequenceSummary;
	active: boolean;
	onSelect: () => void;
}) {
	return (
		<LibraryItem active={active} testId="seq-item" onSelect={onSelect}>
			<span className="seq-library-head">
				<span className="library-name seq-library-name">{s.name}</span>
				{s.kind === "campaign" && (
					<span className="badge seq-kind" data-testid="seq-item-kind">
						Campaign
					</span>
				)}
				<span className={`badge seq-status seq-status-${s.status}`} data-testid="seq-item-status">
					{statusLabels[s.status]}
				</span>
			</span>
			<span className="library-sub" data-testid="seq-item-counts">
				{s.steps} {s.steps === 1 ? "step" : "steps"} · {s.enrolled} enrolled · {s.sent} sent ·{" "}
				{s.replied} replied
			</span>
		</LibraryItem>
	);
}

function SequenceDetail({ id, onArchived }: { id: number; onArchived: () => void }) {
	const sequence = useSequence(id);
	// A campaign's steps are its one email: what it did matters more.
	const [tab, setTab] = useState<Tab | null>(null);
	const [enrolling, setEnrolling] = useState(false);
	const toast = useToast();

	if (sequence.isPending || sequence.isError)
		return <QueryStatus query={sequence} loading="Loading the sequence" centered />;
	const s = sequence.data;
	const campaign = s.kind === "campaign";
	const shown: Tab = tab ?? (campaign && s.status !== "draft" ? "report" : "steps");
	const tabs: [Tab, string][] = [
		["steps", campaign ? "Email" : "Steps"],
		["enrollments", "Enrollments"],
		["report", "Report"],
	];
	return (
		<div className="seq-detail">
			<div className="seq-detail-head">
				<h2 className="seq-detail-title">{s.name}</h2>
				{campaign && <span className="badge seq-kind">Campaign</span>}
				<span className={`badge seq-status seq-status-${s.status}`} data-testid="seq-status">
					{statusLabels[s.status]}
				</span>
				<span className="spacer" />
				<StatusButton sequence={s} />
				<ArchiveButton sequence={s} onArchived={onArchived} />
				{s.status !== "archived" && (
					<ActionButton icon={UserPlus} testId="seq-enroll" onClick={() => setEnrolling(true)}>
						Enroll…
					</ActionButton>
				)}
			</div>
			<div className="tabs" role="tablist" aria-label="Sequence">
				{tabs.map(([t, label]) => (
					<button
						key={t}
						type="button"
						role="tab"
						className="tab"
						aria-selected={shown === t}
						data-testid={`seq-tab-${t}`}
						onClick={() => setTab(t)}
					>
						{label}
					</button>
				))}
			</div>
			<div role="tabpanel" className="seq-tabpanel">
				{shown === "steps" && (
					<SequenceEditor
						key={s.updated_at}
						sequence={s}
						onSaved={() => toast.show({ message: `Saved ${s.name}.` })}
					/>
				)}
				{shown === "enrollments" && (
					<EnrollmentList sequence={s} onEnroll={() => setEnrolling(true)} />
				)}
				{shown === "report" && <SequenceStatsPanel sequenceId={s.id} />}
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
			<ActionButton icon={Pause} testId="seq-pause" onClick={() => to("paused")}>
				Pause
			</ActionButton>
		);
	if (s.status === "draft" || s.status === "paused")
		return (
			<ActionButton icon={Play} testId="seq-activate" primary onClick={() => to("active")}>
				{s.status === "draft" ? "Activate" : "Resume"}
			</ActionButton>
		);
	return null;
}

/** Archive: nothing runs and no one new joins, the report stays; undo puts it back as it was. */
function ArchiveButton({
	sequence: s,
	onArchived,
}: {
	sequence: Sequence;
	onArchived: () => void;
}) {
	const { setStatus } = useSequenceActions();
	const toast = useToast();
	const what = s.kind === "campaign" ? "campaign" : "sequence";
	const to = async (status: SequenceStatus) => {
		try {
			await setStatus.mutateAsync({ id: s.id, status });
		} catch (e) {
			toast.show({ message: errorMessage(e), tone: "error" });
			return false;
		}
		return true;
	};
	if (s.status === "archived")
		return (
			<ActionButton
				icon={ArchiveRestore}
				testId="seq-restore"
				title="Back in the list, paused: resume it to run again"
				onClick={async () => {
					if (await to("paused")) toast.show({ message: `Restored ${s.name}, paused.` });
				}}
			>
				Restore
			</ActionButton>
		);
	const before = s.status;
	return (
		<ActionButton
			icon={Archive}
			testId="seq-archive"
			title={`Hide this ${what}: nothing more is sent, its report is kept`}
			onClick={async () => {
				if (!(await to("archived"))) return;
				onArchived();
				toast.show({
					message: `Archived ${s.name}. Nothing more is sent; its report is kept.`,
					action: { label: "Undo", onClick: () => void to(before) },
				});
			}}
		>
			Archive
		</ActionButton>
	);
}
