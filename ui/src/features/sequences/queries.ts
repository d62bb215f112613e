import { useMutation, useQuery } from "@tanstack/react-query";
import type { ConversionTarget, EnrollSource, SequenceInput, SequenceStatus } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

/** Keys start with "sequence": the core's sequence events (edits, enrollments, scheduler ticks) refresh them. */
export const sequenceKeys = {
	list: ["sequence", "list"] as const,
	detail: (id: number) => ["sequence", "detail", id] as const,
	enrollments: (id: number) => ["sequence", "enrollments", id] as const,
	stats: (id: number) => ["sequence", "stats", id] as const,
	/** A preview reads contacts and the suppression list too: it is refetched each time the dialog opens. */
	preview: (id: number, source: EnrollSource) => ["sequence", "preview", id, source] as const,
};

/** How many enrollments the list shows (newest first). */
export const ENROLLMENTS_LIMIT = 500;

export function useSequences() {
	const backend = useBackend();
	return useQuery({
		queryKey: sequenceKeys.list,
		queryFn: () => unwrap(backend.commands.sequencesList()),
	});
}

export function useSequence(id: number | null) {
	const backend = useBackend();
	return useQuery({
		queryKey: sequenceKeys.detail(id ?? 0),
		queryFn: () => unwrap(backend.commands.sequenceGet(id as number)),
		enabled: id !== null,
	});
}

export function useEnrollments(id: number) {
	const backend = useBackend();
	return useQuery({
		queryKey: sequenceKeys.enrollments(id),
		queryFn: () => unwrap(backend.commands.sequenceEnrollments(id, ENROLLMENTS_LIMIT)),
	});
}

export function useSequenceStats(id: number) {
	const backend = useBackend();
	return useQuery({
		queryKey: sequenceKeys.stats(id),
		queryFn: () => unwrap(backend.commands.sequenceStats(id)),
	});
}

/** The saved contacts and leads views a sequence or campaign can enroll, grouped for a select. */
export function useEnrollViews() {
	const backend = useBackend();
	return useQuery({
		queryKey: ["settings", "enrollViews"],
		queryFn: async () => {
			const [contacts, leads] = await Promise.all([
				unwrap(backend.commands.savedViewsList("contact")),
				unwrap(backend.commands.savedViewsList("lead")),
			]);
			return [
				...contacts.map((v) => ({ ...v, group: "Contacts" })),
				...leads.map((v) => ({ ...v, group: "Leads" })),
			];
		},
	});
}

export function useEnrollPreview(id: number, source: EnrollSource | null) {
	const backend = useBackend();
	return useQuery({
		queryKey: sequenceKeys.preview(id, source ?? { contacts: [] }),
		queryFn: () => unwrap(backend.commands.sequenceEnrollPreview(id, source as EnrollSource)),
		enabled: source !== null,
		retry: false,
		gcTime: 0,
	});
}

export function useSequenceActions() {
	const backend = useBackend();
	const create = useMutation({
		mutationFn: (input: SequenceInput) => unwrap(backend.commands.sequenceCreate(input)),
	});
	const update = useMutation({
		mutationFn: ({ id, input }: { id: number; input: SequenceInput }) =>
			unwrap(backend.commands.sequenceUpdate(id, input)),
	});
	const setStatus = useMutation({
		mutationFn: ({ id, status }: { id: number; status: SequenceStatus }) =>
			unwrap(backend.commands.sequenceSetStatus(id, status)),
	});
	const enroll = useMutation({
		mutationFn: ({ id, source }: { id: number; source: EnrollSource }) =>
			unwrap(backend.commands.sequenceEnroll(id, source)),
	});
	return { create, update, setStatus, enroll };
}

export function useEnrollmentActions() {
	const backend = useBackend();
	const stop = useMutation({
		mutationFn: ({ id, reason }: { id: number; reason: string | null }) =>
			unwrap(backend.commands.enrollmentStop(id, reason)),
	});
	const pause = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.enrollmentPause(id)),
	});
	const resume = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.enrollmentResume(id)),
	});
	const convert = useMutation({
		mutationFn: ({ id, to }: { id: number; to: ConversionTarget }) =>
			unwrap(backend.commands.enrollmentConvert(id, to)),
	});
	return { stop, pause, resume, convert };
}
