import {
	Building2,
	ChartColumn,
	CopyCheck,
	FileText,
	Handshake,
	Inbox,
	Kanban,
	type LucideIcon,
	Send,
	SendHorizontal,
	Settings,
	SquareCheck,
	Target,
	Trash2,
	Upload,
	Users,
} from "lucide-react";

export type ViewId =
	| "pipeline"
	| "contacts"
	| "leads"
	| "companies"
	| "deals"
	| "tasks"
	| "inbox"
	| "outbox"
	| "sequences"
	| "templates"
	| "imports"
	| "reports"
	| "trash"
	| "settings"
	| "duplicates";

export type ViewDef = { id: ViewId; label: string; icon: LucideIcon };

export const views: ViewDef[] = [
	{ id: "pipeline", label: "Pipeline", icon: Kanban },
	{ id: "contacts", label: "Contacts", icon: Users },
	{ id: "leads", label: "Leads", icon: Target },
	{ id: "companies", label: "Companies", icon: Building2 },
	{ id: "deals", label: "Deals", icon: Handshake },
	{ id: "tasks", label: "Tasks", icon: SquareCheck },
	{ id: "inbox", label: "Inbox", icon: Inbox },
	{ id: "outbox", label: "Outbox", icon: SendHorizontal },
	{ id: "sequences", label: "Sequences", icon: Send },
	{ id: "templates", label: "Templates", icon: FileText },
	{ id: "imports", label: "Imports", icon: Upload },
	{ id: "reports", label: "Reports", icon: ChartColumn },
	{ id: "trash", label: "Trash", icon: Trash2 },
	{ id: "settings", label: "Settings", icon: Settings },
];

/** Views reached from another view (a toolbar button, the palette) rather than the sidebar. */
export const subViews: ViewDef[] = [{ id: "duplicates", label: "Duplicates", icon: CopyCheck }];

/** Views that work without any data, so the first-run screen does not cover them. */
// The Trash too: with every record deleted the book counts as empty, and the Trash is where they are.
export const availableWhenEmpty: ReadonlySet<ViewId> = new Set([
	"imports",
	"settings",
	"trash",
	"templates",
	"outbox",
	// Mail from strangers can arrive before the book has anyone in it (and becomes contacts from there).
	"inbox",
]);
