import type {
	Sequence,
	SequenceInput,
	SequenceSettings,
	StepKind,
	TaskStepKind,
	ThreadMode,
	TimezoneMode,
} from "../../bindings";

/** One step as the editor holds it: every kind's fields, so switching kind keeps what was typed. */
export type StepDraft = {
	/** The core's id for a saved step (kept on edit, so what it sent stays counted); null for a new one. */
	id: number | null;
	/** Stable across reorders, for React keys and focus. */
	key: string;
	kind: StepKind;
	templateId: number | null;
	threadMode: ThreadMode;
	days: number;
	businessDays: boolean;
	task: TaskStepKind;
	title: string;
};

export type SequenceDraft = {
	name: string;
	mailboxId: number | null;
	steps: StepDraft[];
	sendDays: number[];
	/** "" for any time of day. */
	sendStart: string;
	sendEnd: string;
	timezoneMode: TimezoneMode;
	settings: SequenceSettings;
};

let nextKey = 1;

export function newStep(kind: StepKind, defaults: { templateId?: number | null } = {}): StepDraft {
	return {
		id: null,
		key: `new-${nextKey++}`,
		kind,
		templateId: defaults.templateId ?? null,
		threadMode: "same",
		days: 3,
		businessDays: true,
		task: "call",
		title: "",
	};
}

export function newDraft(mailboxId: number | null, templateId: number | null): SequenceDraft {
	return {
		name: "",
		mailboxId,
		steps: [newStep("email", { templateId }), newStep("wait"), newStep("email", { templateId })],
		sendDays: [1, 2, 3, 4, 5],
		sendStart: "09:00",
		sendEnd: "17:00",
		timezoneMode: "contact",
		settings: {},
	};
}

export function draftOf(s: Sequence): SequenceDraft {
	return {
		name: s.name,
		mailboxId: s.mailbox_id,
		steps: s.steps.map((st) => ({
			id: st.id,
			key: `step-${st.id}`,
			kind: st.kind,
			templateId: st.template_id,
			threadMode: st.thread_mode,
			days: st.wait_days ?? 3,
			businessDays: st.business_days,
			task: st.task_kind ?? "call",
			title: st.task_title ?? "",
		})),
		sendDays: s.settings.send_days ?? [1, 2, 3, 4, 5],
		sendStart: s.settings.send_start ?? "",
		sendEnd: s.settings.send_end ?? "",
		timezoneMode: s.settings.timezone_mode ?? "contact",
		settings: s.settings,
	};
}

/** What the core gets: only the fields of each step's kind. */
export function inputOf(d: SequenceDraft): SequenceInput {
	return {
		name: d.name,
		mailbox_id: d.mailboxId,
		settings: {
			...d.settings,
			send_days: [...d.sendDays].sort((a, b) => a - b),
			send_start: d.sendStart || null,
			send_end: d.sendEnd || null,
			timezone_mode: d.timezoneMode,
		},
		steps: d.steps.map((s) => {
			if (s.kind === "email")
				return { id: s.id, kind: "email", template_id: s.templateId, thread_mode: s.threadMode };
			if (s.kind === "wait")
				return { id: s.id, kind: "wait", days: s.days, business_days: s.businessDays };
			return { id: s.id, kind: "task", task: s.task, title: s.title.trim() || null };
		}),
	};
}

export function move<T>(list: T[], from: number, to: number): T[] {
	if (to < 0 || to >= list.length) return list;
	const next = [...list];
	const [item] = next.splice(from, 1);
	next.splice(to, 0, item as T);
	return next;
}

export const weekdays: [number, string][] = [
	[1, "Mon"],
	[2, "Tue"],
	[3, "Wed"],
	[4, "Thu"],
	[5, "Fri"],
	[6, "Sat"],
	[7, "Sun"],
];

export const taskKinds: [TaskStepKind, string][] = [
	["call", "Call"],
	["linkedin", "LinkedIn message"],
	["custom", "Custom task"],
];
