import { useMutation, useQuery } from "@tanstack/react-query";
import {
	ArrowRightLeft,
	CheckSquare,
	type LucideIcon,
	Mail,
	MailOpen,
	Phone,
	Send,
	Sparkles,
	StickyNote,
	Upload,
	Users,
	Zap,
} from "lucide-react";
import { type FormEvent, useState } from "react";
import type { LogInput, RecordRef, TimelineItem } from "../../bindings";
import { Field } from "../../components/Field";
import { FormActions } from "../../components/FormActions";
import { Spinner } from "../../components/Spinner";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";

const icons: Record<string, LucideIcon> = {
	note: StickyNote,
	call: Phone,
	meeting: Users,
	email_out: Mail,
	email_in: MailOpen,
	stage_change: ArrowRightLeft,
	import: Upload,
	task: CheckSquare,
	lead_converted: Sparkles,
	sequence: Send,
};

const metaText = (item: TimelineItem, key: string): string | null => {
	const meta = item.meta;
	if (meta === null || typeof meta !== "object" || Array.isArray(meta)) return null;
	const v = meta[key];
	return typeof v === "string" ? v : null;
};

/** What an entry says: a stage change reads "Lead in → Demo". */
export function timelineText(item: TimelineItem): string {
	if (item.kind === "stage_change") {
		const from = metaText(item, "from_stage");
		const to = metaText(item, "to_stage");
		if (from && to) return `${from} → ${to}`;
	}
	return item.subject;
}

type Mode = "call" | "note" | null;

/** A record's history, newest first, with quick "Log call" and "Add note" forms. */
export function Timeline({ record }: { record: RecordRef }) {
	const backend = useBackend();
	const [mode, setMode] = useState<Mode>(null);
	const items = useQuery({
		queryKey: queryKeys.timeline(record.entity, record.id),
		queryFn: () => unwrap(backend.commands.timeline(record, null, 100)),
	});

	return (
		<section className="timeline" aria-labelledby="timeline-heading" data-testid="timeline">
			<header className="timeline-header">
				<h3 id="timeline-heading">Timeline</h3>
				<span className="spacer" />
				<button
					type="button"
					className="button button-small"
					data-testid="log-call"
					aria-pressed={mode === "call"}
					onClick={() => setMode(mode === "call" ? null : "call")}
				>
					<Phone size={13} aria-hidden="true" />
					Log call
				</button>
				<button
					type="button"
					className="button button-small"
					data-testid="add-note"
					aria-pressed={mode === "note"}
					onClick={() => setMode(mode === "note" ? null : "note")}
				>
					<StickyNote size={13} aria-hidden="true" />
					Add note
				</button>
			</header>
			{mode && <LogForm key={mode} record={record} kind={mode} onDone={() => setMode(null)} />}
			{items.isPending ? (
				<Spinner label="Loading timeline" />
			) : items.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(items.error)}
				</p>
			) : items.data.length === 0 ? (
				<p className="hint" data-testid="timeline-empty">
					Nothing logged yet. Calls, notes, emails and stage changes show up here.
				</p>
			) : (
				<ol className="timeline-list">
					{items.data.map((item) => {
						const Icon = icons[item.kind] ?? Zap;
						return (
							<li
								key={`${item.source}-${item.id}`}
								className={`timeline-item timeline-${item.kind}`}
								data-testid="timeline-item"
								data-kind={item.kind}
							>
								<span className="timeline-icon">
									<Icon size={13} aria-label={item.kind.replace(/_/g, " ")} />
								</span>
								<div className="timeline-content">
									<div className="timeline-subject">
										<span>{timelineText(item)}</span>
										<time
											className="timeline-time"
											dateTime={item.occurred_at}
											title={fullTime(item.occurred_at)}
										>
											{relativeTime(item.occurred_at)}
										</time>
									</div>
									{item.body && item.body !== item.subject && (
										<p className="timeline-body">{item.body}</p>
									)}
								</div>
							</li>
						);
					})}
				</ol>
			)}
		</section>
	);
}

function LogForm({
	record,
	kind,
	onDone,
}: {
	record: RecordRef;
	kind: "call" | "note";
	onDone: () => void;
}) {
	const backend = useBackend();
	const [subject, setSubject] = useState("");
	const [body, setBody] = useState("");
	const [errors, setErrors] = useState<Record<string, string>>({});
	const log = useMutation({
		mutationFn: (input: LogInput) => unwrap(backend.commands.activityLog(input)),
	});

	const submit = (e: FormEvent) => {
		e.preventDefault();
		// The form sits inside the contact form: keep its submit from reaching that one.
		e.stopPropagation();
		if (log.isPending) return;
		setErrors({});
		log.mutate(
			{
				record,
				kind,
				subject: subject.trim() || null,
				body: body.trim() || null,
				occurred_at: null,
			},
			{
				onSuccess: onDone,
				onError: (err) => {
					const field = err instanceof IpcError && err.field ? err.field : "form";
					setErrors({ [field === "subject" || field === "body" ? field : "form"]: err.message });
				},
			},
		);
	};

	return (
		<form className="form timeline-form" onSubmit={submit} noValidate data-testid="timeline-form">
			{errors.form && (
				<p className="form-error" role="alert">
					{errors.form}
				</p>
			)}
			{kind === "call" && (
				<Field label="Subject" name="subject" error={errors.subject}>
					{(p) => (
						<input
							{...p}
							data-testid="timeline-subject"
							value={subject}
							placeholder="e.g. Discussed pricing"
							autoComplete="off"
							onChange={(e) => setSubject(e.target.value)}
						/>
					)}
				</Field>
			)}
			<Field label={kind === "note" ? "Note" : "Notes (optional)"} name="body" error={errors.body}>
				{(p) => (
					<textarea
						{...p}
						data-testid="timeline-body"
						rows={3}
						value={body}
						onChange={(e) => {
							setBody(e.target.value);
							setErrors({});
						}}
					/>
				)}
			</Field>
			<FormActions onCancel={onDone} testId="timeline-save" pending={log.isPending}>
				{kind === "note" ? "Save note" : "Log call"}
			</FormActions>
		</form>
	);
}
