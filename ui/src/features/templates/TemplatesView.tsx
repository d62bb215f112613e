import { useQuery } from "@tanstack/react-query";
import { FileText, Plus } from "lucide-react";
import { useEffect, useState } from "react";
import type { Template } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { relativeTime } from "../../format/relativeTime";
import { useBackend } from "../../ipc/backend";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { useNavTarget } from "../../navigation";
import { useTemplates } from "./queries";
import type { Chosen } from "./RecordChooser";
import { newTemplateDraft, TemplateEditor } from "./TemplateEditor";
import "./templates.css";

/** The template library: every template on the left, the one being edited and its preview on the right. */
export function TemplatesView() {
	const backend = useBackend();
	const templates = useTemplates();
	const target = useNavTarget();
	const [selected, setSelected] = useState<number | "new" | null>(null);
	const [chosen, setChosen] = useState<Chosen | null>(null);
	const [choseNone, setChoseNone] = useState(false);
	// Preview for someone real from the start: the first contact, until the user picks another.
	const sample = useQuery({
		queryKey: ["contact", "templateSample"],
		queryFn: () => unwrap(backend.commands.contactsList({ search: null, cursor: null, limit: 1 })),
	});
	const first = sample.data?.items[0];
	const shownChoice: Chosen | null =
		chosen ??
		(first && !choseNone
			? { entity: "contact", id: first.id, title: `${first.first_name} ${first.last_name}`.trim() }
			: null);

	useEffect(() => {
		if (target) setSelected(target.id);
	}, [target]);

	const list = templates.data ?? [];
	const current: Template | null =
		selected === "new"
			? newTemplateDraft
			: (list.find((t) => t.id === selected) ?? list[0] ?? null);

	const choose = (c: Chosen | null) => {
		setChosen(c);
		setChoseNone(c === null);
	};

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Templates</h1>
					{templates.data && <span className="count">{list.length}</span>}
				</div>
				<button
					type="button"
					className="button button-primary"
					data-testid="template-new"
					onClick={() => setSelected("new")}
				>
					<Plus size={14} aria-hidden="true" />
					New template
				</button>
			</header>
			<div className="view-body">
				{templates.isPending ? (
					<div className="centered">
						<Spinner label="Loading templates" />
					</div>
				) : templates.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(templates.error)}
					</p>
				) : !current ? (
					<EmptyState
						icon={FileText}
						title="No templates yet"
						testId="templates-empty"
						actions={
							<button
								type="button"
								className="button button-primary"
								onClick={() => setSelected("new")}
							>
								<Plus size={14} aria-hidden="true" />
								Write your first template
							</button>
						}
					>
						Templates are emails you send again and again — an intro, a follow-up, a proposal — with
						merge fields like the contact's first name or the deal's value filled in for each
						person. Preview one for any contact before it goes out.
					</EmptyState>
				) : (
					<div className="templates-layout">
						<nav className="template-library" aria-label="Templates">
							<ul>
								{selected === "new" && (
									<li>
										<button
											type="button"
											className="template-library-item active"
											aria-current="true"
										>
											<span className="template-library-name">New template</span>
										</button>
									</li>
								)}
								{list.map((t) => (
									<li key={t.id}>
										<button
											type="button"
											className={
												t.id === current.id
													? "template-library-item active"
													: "template-library-item"
											}
											aria-current={t.id === current.id ? "true" : undefined}
											data-testid="template-item"
											onClick={() => setSelected(t.id)}
										>
											<span className="template-library-name">{t.name}</span>
											<span className="template-library-sub">{t.subject}</span>
											<span className="template-library-when">
												Edited {relativeTime(t.updated_at)}
											</span>
										</button>
									</li>
								))}
							</ul>
						</nav>
						<TemplateEditor
							key={current.id}
							template={current}
							chosen={shownChoice}
							onChoose={choose}
							onSaved={(t) => setSelected(t.id)}
							onDeleted={() => setSelected(null)}
						/>
					</div>
				)}
			</div>
		</div>
	);
}
