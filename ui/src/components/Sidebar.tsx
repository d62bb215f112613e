import { Keyboard, Search } from "lucide-react";
import { modKey } from "../features/palette/ShortcutsHelp";
import { type ViewId, views } from "../views";

type Props = {
	current: ViewId;
	onNavigate: (view: ViewId) => void;
	onSearch?: () => void;
	onHelp?: () => void;
};

export function Sidebar({ current, onNavigate, onSearch, onHelp }: Props) {
	return (
		<nav className="sidebar" aria-label="Main">
			<div className="sidebar-brand">
				<span className="sidebar-logo" aria-hidden="true">
					O
				</span>
				<span>Outpost</span>
			</div>
			{onSearch && (
				<button
					type="button"
					className="sidebar-search"
					data-testid="open-palette"
					onClick={onSearch}
					title={`Search and commands (${modKey}+K)`}
				>
					<Search size={14} aria-hidden="true" />
					<span>Search…</span>
					<kbd>{modKey} K</kbd>
				</button>
			)}
			<ul className="sidebar-list">
				{views.map(({ id, label, icon: Icon }) => (
					<li key={id}>
						<button
							type="button"
							className="nav-item"
							data-testid={`nav-${id}`}
							aria-current={current === id ? "page" : undefined}
							onClick={() => onNavigate(id)}
						>
							<Icon size={16} strokeWidth={1.75} aria-hidden="true" />
							<span>{label}</span>
						</button>
					</li>
				))}
			</ul>
			{onHelp && (
				<button
					type="button"
					className="nav-item sidebar-help"
					data-testid="open-shortcuts"
					onClick={onHelp}
				>
					<Keyboard size={16} strokeWidth={1.75} aria-hidden="true" />
					<span>Shortcuts</span>
					<kbd>?</kbd>
				</button>
			)}
		</nav>
	);
}
