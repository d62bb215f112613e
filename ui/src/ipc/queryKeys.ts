import type { QueryClient } from "@tanstack/react-query";
import type { CoreEvent, Entity } from "../bindings";

/**
 * Every key starts with the entity it reads, so a `data_changed` event for that entity
 * can invalidate all of its queries with one prefix.
 */
export const queryKeys = {
	appInfo: ["appInfo"] as const,
	stats: ["stats"] as const,
	contact: (id: number) => ["contact", "detail", id] as const,
	/** The Leads view: contacts with lifecycle = lead, narrowed by status and source. */
	leads: (filters: object, order: object) => ["contact", "leads", filters, order] as const,
	leadsCount: (filters: object) => ["contact", "leadsCount", filters] as const,
	scoringRules: ["settings", "scoring"] as const,
	/** Deals per stage (Settings → Pipelines): deal moves change them, as do stage edits. */
	stageCounts: (pipelineId: number) => ["deal", "stageCounts", pipelineId] as const,
	company: (id: number) => ["company", "detail", id] as const,
	/** A company's contacts and deals: changes to either reach it (see `alsoAffects`). */
	companyRelated: (id: number) => ["company", "related", id] as const,
	deal: (id: number) => ["deal", "detail", id] as const,
	dealHistory: (id: number) => ["deal", "history", id] as const,
	/** Custom field definitions live in Settings; values live on the records. */
	customFields: (entity: string | null) => ["settings", "customFields", entity] as const,
	/** Deleted contacts, companies and deals: a change to any of them may move one in or out. */
	trash: ["trash"] as const,
	pipelines: ["pipeline", "all"] as const,
	openDeals: (pipelineId: number) => ["deal", "open", pipelineId] as const,
	search: (query: string) => ["search", query] as const,
	tasks: (bucket: string) => ["task", "list", bucket] as const,
	/** Timelines mix activities and notes; both entities' events reach them (see `alsoAffects`). */
	timeline: (entity: string, id: number) => ["activity", "timeline", entity, id] as const,
	dashboard: (pipelineId: number | null) => ["dashboard", pipelineId] as const,
};

// Lists show data joined from other entities (contact rows show company names,
// company rows count contacts and deals), so a change reaches those lists too.
const alsoAffects: Partial<Record<Entity, Entity[]>> = {
	contact: ["company", "deal", "activity", "task"],
	company: ["contact", "deal"],
	deal: ["company", "contact", "activity", "task"],
	note: ["activity"],
	pipeline: ["deal"],
	// Enrollments show what the outbox sent for them and stop when mail sync sees a reply.
	outbox: ["sequence"],
	inbox: ["sequence"],
};

/** The dashboard sums deals, tasks and activities. */
const feedsDashboard: ReadonlySet<Entity> = new Set([
	"deal",
	"task",
	"activity",
	"note",
	"pipeline",
]);

/** The records the Trash holds. */
const inTrash: ReadonlySet<Entity> = new Set(["contact", "company", "deal"]);

export async function invalidateForEvent(client: QueryClient, event: CoreEvent): Promise<void> {
	if (event.type !== "data_changed") return;
	const entities = [event.entity, ...(alsoAffects[event.entity] ?? [])];
	const keys: (readonly unknown[])[] = [
		...entities.map((e) => [e]),
		queryKeys.stats,
		queryKeys.appInfo,
		["search"],
		...(feedsDashboard.has(event.entity) ? [["dashboard"]] : []),
		...(inTrash.has(event.entity) ? [queryKeys.trash] : []),
	];
	await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
}
