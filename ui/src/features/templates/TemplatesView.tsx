import { useQuery } from "@tanstack/react-query";
import { FileText, Plus } from "lucide-react";
import { useEffect, useState } from "react";
import type { Template } from "../../bindings";
import { ActionButton } from "../../components/ActionButton";
import { EmptyState } from "../../components/EmptyState";
import { LibraryItem, LibraryNav } from "../../components/Library";
import { QueryStatus } from "../../components/QueryStatus";
import { relativeTime } from "../../format/relativeTime";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";
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
				<ActionButton icon={Plus} testId="template-new" primary onClick={() => setSelected("new")}>
					New template
				</ActionButton>
			</header>
			<div className="view-body">
				{templates.isPending || templates.isError ? (
					<QueryStatus query={templates} loading="Loading templates" centered />
				) : !current ? (
					<EmptyState
						icon={FileText}
						title="No templates yet"
						testId="templates-empty"
						actions={
							<ActionButton icon={Plus} primary onClick={() => setSelected("new")}>
								Write your first template
							</ActionButton>
						}
					>
						Templates are emails you send again and again — an intro, a follow-up, a proposal — with
						merge fields like the contact's first name or the deal's value filled in for each
						person. Preview one for any contact before it goes out.
					</EmptyState>
				) : (
					<div className="library-layout">
						<LibraryNav label="Templates" creating={selected === "new" ? "New template" : null}>
							{list.map((t) => (
								<LibraryItem
									key={t.id}
									active={t.id === current.id}
									testId="template-item"
									onSelect={() => setSelected(t.id)}
								>
									<span className="library-name">{t.name}</span>
									<span className="library-sub template-library-line">{t.subject}</span>
									<span className="template-library-when template-library-line">
										Edited {relativeTime(t.updated_at)}
									</span>
								</LibraryItem>
							))}
						</LibraryNav>
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
