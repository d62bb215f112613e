import { useMutation, useQuery } from "@tanstack/react-query";
import type { Entity, RecordRef, TagInput } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

// Keys start with the entity whose events change them: tag edits emit "settings", a record's tags its entity.
export const tagKeys = {
	all: (entity: Entity | null) => ["settings", "tags", entity] as const,
	ofRecord: (record: RecordRef) => [record.entity, "tags", record.id] as const,
};

/** Every tag by name, with how many live records of `entity` carry it. */
export function useTags(entity: Entity | null = null) {
	const backend = useBackend();
	return useQuery({
		queryKey: tagKeys.all(entity),
		queryFn: () => unwrap(backend.commands.tagsList(entity)),
	});
}

export function useRecordTags(record: RecordRef) {
	const backend = useBackend();
	return useQuery({
		queryKey: tagKeys.ofRecord(record),
		queryFn: () => unwrap(backend.commands.recordTags(record)),
	});
}

export function useSetRecordTags() {
	const backend = useBackend();
	return useMutation({
		mutationFn: ({ record, tagIds }: { record: RecordRef; tagIds: number[] }) =>
			unwrap(backend.commands.recordTagsSet(record, tagIds)),
	});
}

export function useCreateTag() {
	const backend = useBackend();
	return useMutation({
		mutationFn: (input: TagInput) => unwrap(backend.commands.tagCreate(input)),
	});
}

/** A few distinct colors new tags cycle through. */
export const tagPalette = [
	"#5b5bd6",
	"#0ea5e9",
	"#10b981",
	"#eab308",
	"#f97316",
	"#ef4444",
	"#a855f7",
	"#64748b",
];
