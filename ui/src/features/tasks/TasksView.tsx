import {
	Calendar,
	FileText,
	Flag,
	Handshake,
	type LucideIcon,
	Mail,
	MonitorPlay,
	Phone,
	Plus,
	Repeat,
	SquareCheck,
	User,
	Users,
} from "lucide-react";
import { useEffect, useState } from "react";
import type { Task, TaskBucket } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate, useNavTarget } from "../../navigation";
import { NewTaskDialog } from "./NewTaskDialog";
import { buckets, useCompleteTask, useTasks } from "./queries";

export const kindIcons: Record<string, LucideIcon> = {
	call: Phone,
	email: Mail,
	meeting: Users,
	follow_up: Flag,
	demo: MonitorPlay,
	proposal: FileText,
	other: SquareCheck,
};

export const kindLabels: Record<string, string> = {
	call: "Call",
	email: "Email",
	meeting: "Meeting",
	follow_up: "Follow-up",
	demo: "Demo",
	proposal: "Proposal",
	other: "Other",
};

const emptyText: Record<TaskBucket, string> = {
	overdue: "Nothing overdue. Nicely done.",
	today: "Nothing else due today.",
	upcoming: "Nothing planned yet. Add a task to follow up later.",
	done: "Completed tasks show up here.",
};

export function TasksView() {
	const [bucket, setBucket] = useState<TaskBucket>("today");
	const target = useNavTarget();
	const navigate = useNavigate();
	const [creating, setCreating] = useState(false);
	// `#tasks/new` (the palette's "New task") opens the form.
	useEffect(() => {
		if (target?.id === "new") setCreating(true);
	}, [target]);
	const closeCreate = () => {
		setCreating(false);
		if (target?.id === "new") navigate("tasks");
	};
	const lists = {
		overdue: useTasks("overdue"),
		today: useTasks("today"),
		upcoming: useTasks("upcoming"),
		done: useTasks("done"),
	};
	const current = lists[bucket];

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Tasks</h1>
				</div>
				<div className="toolbar">
					<button
						type="button"
						className="button button-primary"
						data-testid="new-task"
						onClick={() => setCreating(true)}
					>
						<Plus size={14} aria-hidden="true" />
						New task
					</button>
				</div>
			</header>
			<div className="tabs" role="tablist" aria-label="Task lists">
				{buckets.map((b) => {
					const count = lists[b.id].data?.length;
					return (
						<button
							key={b.id}
							type="button"
							role="tab"
							className={`tab${b.id === "overdue" && count ? " tab-alert" : ""}`}
							aria-selected={bucket === b.id}
							data-testid={`task-bucket-${b.id}`}
							onClick={() => setBucket(b.id)}
						>
							{b.label}
							{count !== undefined && (
								<span className="count" data-testid={`task-count-${b.id}`}>
									{count}
								</span>
							)}
						</button>
					);
				})}
			</div>
			<div className="view-body" role="tabpanel">
				{current.isPending ? (
					<div className="centered">
						<Spinner label="Loading tasks" />
					</div>
				) : current.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(current.error)}
					</p>
				) : current.data.length === 0 ? (
					<EmptyState icon={SquareCheck} title={emptyText[bucket]} />
				) : (
					<ul className="task-list" data-testid="task-list">
						{current.data.map((t) => (
							<TaskRow key={t.id} task={t} />
						))}
					</ul>
				)}
			</div>
			{creating && <NewTaskDialog onClose={closeCreate} />}
		</div>
	);
}

function TaskRow({ task }: { task: Task }) {
	const { complete, reopen } = useCompleteTask();
	const toast = useToast();
	const navigate = useNavigate();
	const done = task.status === "done";
	const overdue = !done && task.due_at !== null && Date.parse(task.due_at) < Date.now();
	const Icon = kindIcons[task.kind] ?? SquareCheck;

	const undo = (id: number) =>
		reopen.mutate(id, {
			onSuccess: () => toast.show({ message: "Task reopened." }),
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});

	const toggle = () => {
		if (done) {
			undo(task.id);
			return;
		}
		complete.mutate(task.id, {
			onSuccess: ({ next }) =>
				toast.show({
					message: next?.due_at ? `Completed — next one ${relativeTime(next.due_at)}` : "Completed",
					durationMs: 8000,
					action: { label: "Undo", testId: "toast-undo", onClick: () => undo(task.id) },
				}),
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});
	};

	return (
		<li
			className={`task-row${done ? " task-done" : ""}`}
			data-testid="task-row"
			data-task-id={task.id}
		>
			<input
				type="checkbox"
				className="task-check"
				data-testid="task-complete"
				aria-label={done ? `Reopen “${task.title}”` : `Complete “${task.title}”`}
				checked={done}
				disabled={complete.isPending || reopen.isPending}
				onChange={toggle}
			/>
			<Icon size={15} className="task-kind" aria-label={kindLabels[task.kind] ?? task.kind} />
			<div className="task-main">
				<span className="task-title">{task.title}</span>
				<span className="task-meta">
					{task.contact_id !== null && (
						<button
							type="button"
							className="link-button"
							onClick={() => task.contact_id !== null && navigate("contacts", task.contact_id)}
						>
							<User size={12} aria-hidden="true" />
							{task.contact_name ?? "Contact"}
						</button>
					)}
					{task.deal_id !== null && (
						<button
							type="button"
							className="link-button"
							onClick={() => task.deal_id !== null && navigate("pipeline", task.deal_id)}
						>
							<Handshake size={12} aria-hidden="true" />
							{task.deal_title ?? "Deal"}
						</button>
					)}
					{task.notes && <span className="cell-muted">{task.notes}</span>}
				</span>
			</div>
			{task.rrule && (
				<span className="task-repeat" title={`Repeats (${task.rrule})`} data-testid="task-repeats">
					<Repeat size={13} aria-label="Repeats" />
				</span>
			)}
			{task.priority !== "normal" && (
				<span className={`priority priority-${task.priority}`}>{task.priority}</span>
			)}
			<span
				className={`task-due${overdue ? " task-due-overdue" : ""}`}
				title={task.due_at ? fullTime(task.due_at) : undefined}
				data-testid="task-due-label"
			>
				<Calendar size={12} aria-hidden="true" />
				{done && task.completed_at
					? `done ${relativeTime(task.completed_at)}`
					: task.due_at
						? relativeTime(task.due_at)
						: "no date"}
			</span>
		</li>
	);
}
