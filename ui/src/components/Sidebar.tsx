import { type ViewId, views } from "../views";

type Props = { current: ViewId; onNavigate: (view: ViewId) => void };

export function Sidebar({ current, onNavigate }: Props) {
	return (
		<nav className="sidebar" aria-label="Main">
			<div className="sidebar-brand">
				<span className="sidebar-logo" aria-hidden="true">
					O
				</span>
				<span>Outpost</span>
			</div>
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
		</nav>
	);
}
