import { useMutation, useQuery } from "@tanstack/react-query";
import type { RenderContext, TemplateInput } from "../../bindings";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

/** Keys start with the entity whose `data_changed` events refresh them (see ipc/queryKeys.ts). */
export const templateKeys = {
	list: ["template", "list"] as const,
	/** Custom fields are defined in Settings, so their events refresh the picker. */
	mergeFields: ["settings", "mergeFields"] as const,
	/** A preview reads the template draft and the chosen contact/deal: any of their events refresh it. */
	preview: (input: TemplateInput, context: RenderContext) =>
		["template", "preview", input, context] as const,
	suppressions: ["settings", "suppressions"] as const,
};

export function useTemplates() {
	const backend = useBackend();
	return useQuery({
		queryKey: templateKeys.list,
		queryFn: () => unwrap(backend.commands.templatesList()),
	});
}

export function useMergeFields() {
	const backend = useBackend();
	return useQuery({
		queryKey: templateKeys.mergeFields,
		queryFn: () => unwrap(backend.commands.templateMergeFields()),
		staleTime: 60_000,
	});
}

export function usePreview(input: TemplateInput, context: RenderContext) {
	const backend = useBackend();
	return useQuery({
		queryKey: templateKeys.preview(input, context),
		queryFn: () => unwrap(backend.commands.templatePreview(input, context)),
		// Keep showing the last preview while the next keystroke's renders.
		placeholderData: (previous) => previous,
	});
}

export function useTemplateMutations() {
	const backend = useBackend();
	const save = useMutation({
		mutationFn: ({ id, input }: { id: number | null; input: TemplateInput }) =>
			unwrap(
				id === null
					? backend.commands.templateCreate(input)
					: backend.commands.templateUpdate(id, input),
			),
	});
	const remove = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.templateDelete(id)),
	});
	const restore = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.templateRestore(id)),
	});
	return { save, remove, restore };
}
