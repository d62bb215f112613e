import type { ReactNode } from "react";
import type { ListEntity, SavedView, SavedViewInput } from "../../bindings";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useViewMutations } from "./queries";
import { ViewsBar } from "./ViewsBar";

type Props = {
	entity: ListEntity;
	views: SavedView[];
	/** The open saved view; null is "All". */
	activeId: number | null;
	dirty: boolean;
	onOpen: (view: SavedView | null) => void;
	/** A view saved from the current state becomes the open one. */
	onCreated: (id: number) => void;
	/** The list's current filter, sort and columns as a view named `name`. */
	viewInput: (name: string) => SavedViewInput;
	children?: ReactNode;
};

/** A list's saved-view tabs, wired to the core: save, save as, rename, and delete with Undo. */
export function SavedViewsBar({
	entity,
	views,
	activeId,
	dirty,
	onOpen,
	onCreated,
	viewInput,
	children,
}: Props) {
	const viewOps = useViewMutations();
	const toast = useToast();
	const activeView = views.find((v) => v.id === activeId) ?? null;
	return (
		<ViewsBar
			views={views}
			activeId={activeId}
			dirty={dirty}
			onSelect={onOpen}
			onSave={async () => {
				if (!activeView) return;
				await viewOps.update.mutateAsync({
					id: activeView.id,
					input: viewInput(activeView.name),
				});
				toast.show({ message: `Saved the view “${activeView.name}”.` });
			}}
			onSaveAs={async (name) => {
				const v = await viewOps.create.mutateAsync(viewInput(name));
				onCreated(v.id);
				toast.show({ message: `Saved the view “${v.name}”.` });
			}}
			onRename={async (v, name) => {
				await viewOps.update.mutateAsync({
					id: v.id,
					input: { entity, name, filter: v.filter, sort: v.sort, columns: v.columns },
				});
			}}
			onDelete={(v) =>
				viewOps.remove.mutate(v.id, {
					onSuccess: () => {
						if (v.id === activeId) onOpen(null);
						toast.show({
							message: `Deleted the view “${v.name}”.`,
							action: {
								label: "Undo",
								testId: "toast-undo",
								onClick: () => viewOps.restore.mutate(v.id),
							},
						});
					},
					onError: (e) => toast.show({ message: errorMessage(e), tone: "error" }),
				})
			}
		>
			{children}
		</ViewsBar>
	);
}
