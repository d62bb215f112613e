import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Command } from "cmdk";
import {
	Building2,
	ChartColumn,
	CopyCheck,
	Database,
	Handshake,
	Kanban,
	type LucideIcon,
	Search,
	Settings,
	SquareCheck,
	StickyNote,
	Target,
	UserPlus,
	Users,
} from "lucide-react";
import { useEffect, useState } from "react";
import type { Entity, SearchHit } from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { useDebounced } from "../../hooks/useDebounced";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { unwrap } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { openDuplicates } from "../duplicates/openDuplicates";
import { useLoadSample } from "../firstRun/useLoadSample";

const groups: { entity: Entity; heading: string; icon: LucideIcon }[] = [
	{ entity: "contact", heading: "Contacts", icon: Users },
	{ entity: "company", heading: "Companies", icon: Building2 },
	{ entity: "deal", heading: "Deals", icon: Handshake },
	{ entity: "note", heading: "Notes", icon: StickyNote },
];

type Action = { id: string; label: string; icon: LucideIcon; shortcut?: string; run: () => void };

const hitValue = (h: SearchHit) => `hit:${h.entity}:${h.id}`;

/** Ctrl+K: search everything and jump to it, or run an action. */
export function CommandPalette({ onClose }: { onClose: () => void }) {
	const backend = useBackend();
	const navigate = useNavigate();
	const loadSample = useLoadSample();
	const [query, setQuery] = useState("");
	const [value, setValue] = useState("");
	const debounced = useDebounced(query.trim(), 120);
	const search = useQuery({
		queryKey: queryKeys.search(debounced),
		queryFn: () => unwrap(backend.commands.search(debounced, 20)),
		enabled: debounced !== "",
		placeholderData: keepPreviousData,
	});
	const info = useQuery({
		queryKey: queryKeys.appInfo,
		queryFn: () => unwrap(backend.commands.appInfo()),
	});

	// Focus goes back where it was when the palette closes.
	useEffect(() => {
		const previous = document.activeElement as HTMLElement | null;
		return () => previous?.focus?.();
	}, []);

	const close = onClose;
	const go = (run: () => void) => () => {
		close();
		run();
	};

	const actions: Action[] = [
		{
			id: "new-contact",
			label: "New contact",
			icon: UserPlus,
			shortcut: "N",
			run: () => navigate("contacts", "new"),
		},
		{
			id: "new-deal",
			label: "New deal",
			icon: Handshake,
			run: () => navigate("pipeline", "new"),
		},
		{
			id: "new-task",
			label: "New task",
			icon: SquareCheck,
			run: () => navigate("tasks", "new"),
		},
		{
			id: "go-pipeline",
			label: "Go to Pipeline",
			icon: Kanban,
			shortcut: "G P",
			run: () => navigate("pipeline"),
		},
		{
			id: "go-contacts",
			label: "Go to Contacts",
			icon: Users,
			shortcut: "G C",
			run: () => navigate("contacts"),
		},
		{
			id: "go-leads",
			label: "Go to Leads",
			icon: Target,
			shortcut: "G L",
			run: () => navigate("leads"),
		},
		{
			id: "go-companies",
			label: "Go to Companies",
			icon: Building2,
			shortcut: "G O",
			run: () => navigate("companies"),
		},
		{ id: "go-tasks", label: "Go to Tasks", icon: SquareCheck, run: () => navigate("tasks") },
		{
			id: "find-duplicates",
			label: "Find duplicates",
			icon: CopyCheck,
			run: () => openDuplicates(navigate),
		},
		{ id: "go-reports", label: "Go to Reports", icon: ChartColumn, run: () => navigate("reports") },
		{ id: "go-settings", label: "Go to Settings", icon: Settings, run: () => navigate("settings") },
	];
	if (info.data?.is_empty) {
		actions.push({
			id: "load-sample",
			label: "Load sample data",
			icon: Database,
			run: () => loadSample.mutate(undefined, { onSuccess: () => navigate("contacts") }),
		});
	}
	const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
	const shownActions = actions.filter((a) => terms.every((t) => a.label.toLowerCase().includes(t)));
	const hits = debounced === "" ? [] : (search.data ?? []);

	const open = (hit: SearchHit) => {
		close();
		if (hit.entity === "contact") navigate("contacts", hit.id);
		else if (hit.entity === "company") navigate("companies", hit.id);
		else if (hit.entity === "deal") navigate("pipeline", hit.id);
	};

	// New results: the best hit is selected, so Enter opens it.
	const ordered = groups.flatMap((g) => hits.filter((h) => h.entity === g.entity));
	const first = ordered[0]
		? hitValue(ordered[0])
		: shownActions[0]
			? `action:${shownActions[0].id}`
			: "";
	useEffect(() => setValue(first), [first]);

	return (
		// biome-ignore lint/a11y/noStaticElementInteractions: a backdrop click is a mouse shortcut; Escape is the keyboard way out.
		<div
			className="dialog-backdrop palette-backdrop"
			onMouseDown={(e) => e.target === e.currentTarget && close()}
		>
			<div
				className="palette"
				role="dialog"
				aria-modal="true"
				aria-label="Command palette"
				data-testid="command-palette"
			>
				<Command
					label="Command palette"
					shouldFilter={false}
					value={value}
					onValueChange={setValue}
					loop
					onKeyDown={(e) => {
						if (e.key === "Escape") {
							e.preventDefault();
							e.stopPropagation();
							close();
						}
					}}
				>
					<div className="palette-search">
						<Search size={15} aria-hidden="true" />
						<Command.Input
							autoFocus
							value={query}
							onValueChange={setQuery}
							placeholder="Search contacts, companies, deals… or type a command"
							data-testid="palette-input"
						/>
						{search.isFetching && <Spinner size={12} />}
					</div>
					<Command.List className="palette-list">
						{debounced !== "" && !search.isFetching && hits.length === 0 && (
							<div className="palette-empty">No records match “{debounced}”.</div>
						)}
						{groups.map(({ entity, heading, icon: Icon }) => {
							const items = hits.filter((h) => h.entity === entity);
							if (items.length === 0) return null;
							return (
								<Command.Group key={entity} heading={heading}>
									{items.map((h) => (
										<Command.Item
											key={hitValue(h)}
											value={hitValue(h)}
											onSelect={() => open(h)}
											data-testid="palette-item"
											data-entity={h.entity}
										>
											<Icon size={14} aria-hidden="true" />
											<span className="palette-title">{h.title}</span>
											{h.subtitle && <span className="palette-subtitle">{h.subtitle}</span>}
										</Command.Item>
									))}
								</Command.Group>
							);
						})}
						{shownActions.length > 0 && (
							<Command.Group heading="Actions">
								{shownActions.map(({ id, label, icon: Icon, shortcut, run }) => (
									<Command.Item
										key={id}
										value={`action:${id}`}
										onSelect={go(run)}
										data-testid="palette-item"
										data-action={id}
									>
										<Icon size={14} aria-hidden="true" />
										<span className="palette-title">{label}</span>
										{shortcut && <kbd className="palette-kbd">{shortcut}</kbd>}
									</Command.Item>
								))}
							</Command.Group>
						)}
					</Command.List>
				</Command>
			</div>
		</div>
	);
}
