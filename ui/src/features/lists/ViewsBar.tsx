import { MoreHorizontal, Pencil, Save, Trash2 } from "lucide-react";
import { type FormEvent, type ReactNode, useState } from "react";
import type { SavedView } from "../../bindings";
import { Popover } from "../../components/Popover";
import { errorMessage } from "../../ipc/unwrap";

type Props = {
	views: SavedView[];
	/** The open saved view; null is "All". */
	activeId: number | null;
	/** The filter, sort or columns differ from the open view's. */
	dirty: boolean;
	onSelect: (view: SavedView | null) => void;
	/** Stores the current filter, sort and columns in the open view. */
	onSave: () => Promise<void>;
	onSaveAs: (name: string) => Promise<void>;
	onRename: (view: SavedView, name: string) => Promise<void>;
	onDelete: (view: SavedView) => void;
	children?: ReactNode;
};

/** Tabs for "All" and each saved view of a list, with save, rename and delete. */
export function ViewsBar({
	views,
	activeId,
	dirty,
	onSelect,
	onSave,
	onSaveAs,
	onRename,
	onDelete,
	children,
}: Props) {
	const [naming, setNaming] = useState<"new" | SavedView | null>(null);
	const [menu, setMenu] = useState<number | null>(null);
	const active = views.find((v) => v.id === activeId) ?? null;

	return (
		<div className="views-bar" data-testid="views-bar">
			<div className="views-tabs" role="tablist" aria-label="Saved views">
				<button
					type="button"
					role="tab"
					className="view-tab"
					aria-selected={activeId === null}
					data-testid="view-tab-all"
					onClick={() => onSelect(null)}
				>
					All
				</button>
				{views.map((v) => (
					<span key={v.id} className="popover-anchor view-tab-wrap">
						<button
							type="button"
							role="tab"
							className="view-tab"
							aria-selected={v.id === activeId}
							data-testid="view-tab"
							data-view-id={v.id}
							onClick={() => onSelect(v)}
							onDoubleClick={() => setNaming(v)}
						>
							{v.name}
							{v.id === activeId && dirty && (
								<span className="view-dirty" title="Changed since saved">
									•
								</span>
							)}
						</button>
						{v.id === activeId && (
							<button
								type="button"
								className="icon-button view-menu-button"
								aria-label={`Options for the view ${v.name}`}
								data-testid="view-menu"
								aria-expanded={menu === v.id}
								onClick={() => setMenu(menu === v.id ? null : v.id)}
							>
								<MoreHorizontal size={14} aria-hidden="true" />
							</button>
						)}
						{menu === v.id && (
							<Popover
								label={`Options for ${v.name}`}
								onClose={() => setMenu(null)}
								className="menu"
							>
								<button
									type="button"
									className="menu-item"
									data-testid="view-rename"
									onClick={() => {
										setMenu(null);
										setNaming(v);
									}}
								>
									<Pencil size={13} aria-hidden="true" /> Rename
								</button>
								<button
									type="button"
									className="menu-item menu-item-danger"
									data-testid="view-delete"
									onClick={() => {
										setMenu(null);
										onDelete(v);
									}}
								>
									<Trash2 size={13} aria-hidden="true" /> Delete view
								</button>
							</Popover>
						)}
						{naming !== null && naming !== "new" && naming.id === v.id && (
							<NamePopover
								title="Rename view"
								initial={v.name}
								onClose={() => setNaming(null)}
								onSubmit={(name) => onRename(v, name)}
							/>
						)}
					</span>
				))}
			</div>
			<div className="views-actions">
				{dirty && active && (
					<button
						type="button"
						className="button button-small"
						data-testid="view-save"
						onClick={() => void onSave()}
					>
						<Save size={13} aria-hidden="true" /> Save view
					</button>
				)}
				{dirty && (
					<span className="popover-anchor">
						<button
							type="button"
							className="button button-small"
							data-testid="view-save-as"
							onClick={() => setNaming("new")}
						>
							{active ? "Save as new view" : "Save as view"}
						</button>
						{naming === "new" && (
							<NamePopover
								title="Save as a view"
								initial=""
								align="right"
								onClose={() => setNaming(null)}
								onSubmit={onSaveAs}
							/>
						)}
					</span>
				)}
				{children}
			</div>
		</div>
	);
}

function NamePopover({
	title,
	initial,
	onSubmit,
	onClose,
	align,
}: {
	title: string;
	initial: string;
	onSubmit: (name: string) => Promise<void>;
	onClose: () => void;
	align?: "left" | "right";
}) {
	const [name, setName] = useState(initial);
	const [error, setError] = useState<string | null>(null);
	const [busy, setBusy] = useState(false);
	const submit = async (e: FormEvent) => {
		e.preventDefault();
		setBusy(true);
		try {
			await onSubmit(name);
			onClose();
		} catch (err) {
			setError(errorMessage(err));
			setBusy(false);
		}
	};
	return (
		<Popover label={title} onClose={onClose} align={align}>
			<form className="name-form" onSubmit={(e) => void submit(e)}>
				<input
					type="text"
					aria-label="View name"
					placeholder="View name"
					data-testid="view-name"
					value={name}
					aria-invalid={!!error}
					onChange={(e) => {
						setName(e.target.value);
						setError(null);
					}}
				/>
				<button
					type="submit"
					className="button button-primary button-small"
					data-testid="view-name-save"
					disabled={busy}
				>
					Save
				</button>
				{error && (
					<p className="field-error" role="alert" data-testid="view-name-error">
						{error}
					</p>
				)}
			</form>
		</Popover>
	);
}
