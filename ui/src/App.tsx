import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Sidebar } from "./components/Sidebar";
import { Spinner } from "./components/Spinner";
import { CompaniesView } from "./features/companies/CompaniesView";
import { ContactsView } from "./features/contacts/ContactsView";
import { DealsView } from "./features/deals/DealsView";
import { DuplicatesView } from "./features/duplicates/DuplicatesView";
import { FirstRun } from "./features/firstRun/FirstRun";
import { ImportsView } from "./features/imports/ImportsView";
import { InboxView } from "./features/inbox/InboxView";
import { LeadsView } from "./features/leads/LeadsView";
import { OutboxView } from "./features/outbox/OutboxView";
import { CommandPalette } from "./features/palette/CommandPalette";
import { ShortcutsHelp } from "./features/palette/ShortcutsHelp";
import { useGlobalShortcuts } from "./features/palette/useGlobalShortcuts";
import { PipelineView } from "./features/pipeline/PipelineView";
import { ReportsView } from "./features/reports/ReportsView";
import { SequencesView } from "./features/sequences/SequencesView";
import { SettingsView } from "./features/settings/SettingsView";
import { TasksView } from "./features/tasks/TasksView";
import { TemplatesView } from "./features/templates/TemplatesView";
import { TrashView } from "./features/trash/TrashView";
import { useBackend } from "./ipc/backend";
import { useCoreEventInvalidation } from "./ipc/coreEvents";
import { queryKeys } from "./ipc/queryKeys";
import { errorMessage, unwrap } from "./ipc/unwrap";
import { NavigationContext, NavTargetContext, useHashView } from "./navigation";
import { availableWhenEmpty, type ViewId } from "./views";

const screens: Record<ViewId, () => ReactNode> = {
	pipeline: () => <PipelineView />,
	contacts: () => <ContactsView />,
	leads: () => <LeadsView />,
	companies: () => <CompaniesView />,
	deals: () => <DealsView />,
	tasks: () => <TasksView />,
	inbox: () => <InboxView />,
	outbox: () => <OutboxView />,
	sequences: () => <SequencesView />,
	templates: () => <TemplatesView />,
	imports: () => <ImportsView />,
	reports: () => <ReportsView />,
	settings: () => <SettingsView />,
	trash: () => <TrashView />,
	duplicates: () => <DuplicatesView />,
};

export function App({ initialView = "contacts" }: { initialView?: ViewId }) {
	useCoreEventInvalidation();
	const backend = useBackend();
	const [view, target, setView] = useHashView(initialView);
	const [paletteOpen, setPaletteOpen] = useState(false);
	const [helpOpen, setHelpOpen] = useState(false);
	useGlobalShortcuts({
		view,
		navigate: setView,
		togglePalette: () => setPaletteOpen((open) => !open),
		openHelp: () => setHelpOpen(true),
	});
	// A rep who would rather type their first contact than load samples can step past the welcome panel.
	const [startedEmpty, setStartedEmpty] = useState(false);
	const info = useQuery({
		queryKey: queryKeys.appInfo,
		queryFn: () => unwrap(backend.commands.appInfo()),
	});

	let main: ReactNode;
	if (info.isPending) {
		main = (
			<div className="centered">
				<Spinner label="Opening your database" />
			</div>
		);
	} else if (info.isError) {
		main = (
			<div className="centered">
				<p className="form-error" role="alert">
					Outpost could not open its database: {errorMessage(info.error)}
				</p>
			</div>
		);
	} else if (info.data.is_empty && !startedEmpty && !availableWhenEmpty.has(view)) {
		main = (
			<FirstRun
				onStartEmpty={() => {
					setStartedEmpty(true);
					setView("contacts");
				}}
			/>
		);
	} else {
		main = screens[view]();
	}

	return (
		<NavigationContext.Provider value={setView}>
			<NavTargetContext.Provider value={target}>
				<div className="app">
					<Sidebar
						current={view}
						onNavigate={setView}
						onSearch={() => setPaletteOpen(true)}
						onHelp={() => setHelpOpen(true)}
					/>
					<main className="main">{main}</main>
				</div>
				{paletteOpen && <CommandPalette onClose={() => setPaletteOpen(false)} />}
				{helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
			</NavTargetContext.Provider>
		</NavigationContext.Provider>
	);
}
