import { Dialog } from "../../components/Dialog";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
export const modKey = isMac ? "⌘" : "Ctrl";

const shortcuts: { keys: string[][]; does: string }[] = [
	{ keys: [[modKey, "K"]], does: "Search and commands" },
	{ keys: [["N"]], does: "New contact" },
	{ keys: [["G"], ["P"]], does: "Go to Pipeline" },
	{ keys: [["G"], ["C"]], does: "Go to Contacts" },
	{ keys: [["G"], ["L"]], does: "Go to Leads" },
	{ keys: [["G"], ["O"]], does: "Go to Companies" },
	{ keys: [["?"]], does: "Show this list" },
	{ keys: [["Esc"]], does: "Close a dialog, or cancel a drag" },
	{ keys: [["Enter"]], does: "Pipeline: open the focused deal" },
	{ keys: [["Space"]], does: "Pipeline: pick up or drop the focused deal" },
	{ keys: [["←"], ["→"]], does: "Pipeline: while dragging, move between stages" },
	{ keys: [["↑"], ["↓"]], does: "Pipeline: while dragging, move within a stage" },
];

/** `?`: every keyboard shortcut on one screen. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
	return (
		<Dialog title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-help">
			<p className="hint">Single-key shortcuts wait while you type in a field.</p>
			<table className="shortcuts-table">
				<tbody>
					{shortcuts.map(({ keys, does }) => (
						<tr key={does}>
							<td className="shortcut-keys">
								{keys.map((combo, i) => (
									<span key={combo.join("+")}>
										{i > 0 && <span className="cell-muted"> then </span>}
										{combo.map((k) => (
											<kbd key={k}>{k}</kbd>
										))}
									</span>
								))}
							</td>
							<td>{does}</td>
						</tr>
					))}
				</tbody>
			</table>
		</Dialog>
	);
}
