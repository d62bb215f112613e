import { Building2, Kanban, Users } from "lucide-react";
import { SampleActions } from "./SampleActions";

export function FirstRun({ onStartEmpty }: { onStartEmpty: () => void }) {
	return (
		<div className="first-run" data-testid="first-run">
			<div className="first-run-card">
				<p className="eyebrow">Welcome to Outpost</p>
				<h1>Your CRM lives on this computer.</h1>
				<p className="lede">
					Contacts, companies and deals are stored in a local database that only you can reach.
					Start by exploring with sample data, or bring in the spreadsheet you already keep.
				</p>
				<ul className="first-run-points">
					<li>
						<Users size={16} aria-hidden="true" /> People and leads, with every email and call in
						one place
					</li>
					<li>
						<Building2 size={16} aria-hidden="true" /> Companies linked to the people who work there
					</li>
					<li>
						<Kanban size={16} aria-hidden="true" /> A pipeline that shows what each stage is worth
					</li>
				</ul>
				<SampleActions />
				<p className="hint">
					Sample records can be deleted later; nothing leaves your machine. Or{" "}
					<button
						type="button"
						className="link-button"
						data-testid="empty-start-blank"
						onClick={onStartEmpty}
					>
						start with an empty database
					</button>
					.
				</p>
			</div>
		</div>
	);
}
