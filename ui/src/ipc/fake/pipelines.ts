import type { Deal, Pipeline, Stage, StageKind, TimelineItem } from "../../bindings";
import type { Commands } from "../backend";
import { Failure, type FakeContext, notFound, validation } from "./context";
import type { SettingsUndo } from "./settingsUndo";

/** The main fake's state this module works on. `pipelines` holds the live pipelines, in order. */
export type PipelineMaps = {
	pipelines: Pipeline[];
	deals: Map<number, Deal>;
	writeTimeline(item: Omit<TimelineItem, "id">): TimelineItem;
	nextPosition(stageId: number): number;
	undo: SettingsUndo;
};

type PipelineCommands = Pick<
	Commands,
	| "pipelineCreate"
	| "pipelineRename"
	| "pipelineSetDefault"
	| "pipelineDelete"
	| "stageCreate"
	| "stageUpdate"
	| "stagesReorder"
	| "stageDelete"
	| "stageCounts"
>;

const starterStages: [string, number, string, StageKind][] = [
	["Qualified", 20, "#60a5fa", "open"],
	["Proposal", 50, "#a78bfa", "open"],
	["Negotiation", 75, "#f59e0b", "open"],
	["Won", 100, "#22c55e", "won"],
	["Lost", 0, "#ef4444", "lost"],
];

const conflict = (message: string) => new Failure({ code: "conflict", message, field: null });

function cleanName(raw: string | null | undefined): string {
	const name = (raw ?? "").trim().replace(/\s+/g, " ");
	if (!name) throw validation("name", "Give it a name.");
	if (name.length > 60) throw validation("name", "Keep the name to 60 characters.");
	return name;
}

function cleanColor(raw: string): string {
	const c = raw.trim().toLowerCase();
	if (!/^#[0-9a-f]{6}$/.test(c))
		throw validation("color", `“${raw.trim()}” is not a color like #6366f1.`);
	return c;
}

function cleanProbability(p: number): number {
	if (!Number.isInteger(p) || p < 0 || p > 100)
		throw validation("probability", "Probability is a percentage from 0 to 100.");
	return p;
}

const stageKey = (s: string) => s.replace(/\s+/g, "").toLowerCase();

/** Pipelines and stages like the core's ops/pipelines: names unique, an open stage kept, deals moved first. */
export function fakePipelines(
	ctx: FakeContext,
	maps: PipelineMaps,
): { commands: PipelineCommands } {
	const { pipelines, deals } = maps;

	function getPipeline(id: number): Pipeline {
		const p = pipelines.find((x) => x.id === id);
		if (!p) throw notFound("pipeline", id);
		return p;
	}

	function findStage(id: number): [Pipeline, Stage] {
		for (const p of pipelines) {
			const s = p.stages.find((x) => x.id === id);
			if (s) return [p, s];
		}
		throw notFound("stage", id);
	}

	const liveDealsIn = (stageId: number) =>
		[...deals.values()]
			.filter((d) => d.stage_id === stageId)
			.sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
	const openStages = (p: Pipeline) => p.stages.filter((s) => s.kind === "open").length;
	const sortStages = (p: Pipeline) =>
		p.stages.sort((a, b) => a.position - b.position || a.id - b.id);

	function uniqueStageName(p: Pipeline, name: string, except: number | null) {
		if (p.stages.some((s) => s.id !== except && stageKey(s.name) === stageKey(name)))
			throw validation("name", `“${p.name}” already has a stage called “${name}”.`);
	}

	function uniquePipelineName(name: string, except: number | null) {
		if (pipelines.some((p) => p.id !== except && p.name.toLowerCase() === name.toLowerCase()))
			throw validation("name", `There is already a pipeline called “${name}”.`);
	}

	/** Undo of a delete: deals still where the delete moved them go back (the core also drops the move's
	 * history; the fake keeps its timeline). */
	function putBack(before: Deal[], movedTo: number | undefined) {
		let moved_back = 0;
		for (const was of before) {
			const d = deals.get(was.id);
			if (!d || d.stage_id !== movedTo) continue;
			Object.assign(d, was);
			moved_back++;
		}
		return { moved_back, stayed: before.length - moved_back };
	}

	/** Moves a deal to the end of `to`, with its stage history written to the timeline, like a board move. */
	function moveDeal(d: Deal, to: Stage, reason: string) {
		const from = d.stage_name;
		const at = new Date().toISOString();
		d.position = maps.nextPosition(to.id);
		d.pipeline_id = to.pipeline_id;
		d.stage_id = to.id;
		d.stage_name = to.name;
		d.status = to.kind;
		d.stage_probability = to.probability;
		if (!d.probability_set) d.probability = to.probability;
		d.loss_reason = to.kind === "lost" ? (d.loss_reason ?? reason) : null;
		d.stage_changed_at = at;
		d.updated_at = at;
		maps.writeTimeline({
			source: "activity",
			kind: "stage_change",
			subject: `${d.title} moved from ${from} to ${to.name}`,
			body: null,
			occurred_at: at,
			contact_id: d.contact_id,
			company_id: d.company_id,
			deal_id: d.id,
			meta: { deal: d.title, from_stage: from, to_stage: to.name, status: to.kind },
		});
	}

	return {
		commands: {
			pipelineCreate: (name) =>
				ctx.run(() => {
					const clean = cleanName(name);
					uniquePipelineName(clean, null);
					const p: Pipeline = {
						id: ctx.newId(),
						name: clean,
						is_default: pipelines.length === 0,
						stages: [],
					};
					p.stages = starterStages.map(([n, probability, color, kind], position) => ({
						id: ctx.newId(),
						pipeline_id: p.id,
						name: n,
						position,
						probability,
						color,
						kind,
					}));
					pipelines.push(p);
					ctx.changed("pipeline", [p.id]);
					return p;
				}),
			pipelineRename: (id, name) =>
				ctx.run(() => {
					const p = getPipeline(id);
					const clean = cleanName(name);
					uniquePipelineName(clean, id);
					p.name = clean;
					ctx.changed("pipeline", [id]);
					return p;
				}),
			pipelineSetDefault: (id) =>
				ctx.run(() => {
					const p = getPipeline(id);
					for (const x of pipelines) x.is_default = x.id === id;
					ctx.changed("pipeline", []);
					return p;
				}),
			pipelineDelete: ({ pipeline_id, move_open_deals_to }) =>
				ctx.run(() => {
					const p = getPipeline(pipeline_id);
					if (pipelines.length <= 1)
						throw conflict(
							`“${p.name}” is the only pipeline; add another before deleting this one.`,
						);
					const open = [...deals.values()].filter(
						(d) => d.pipeline_id === p.id && d.status === "open",
					);
					let target: Stage | undefined;
					if (open.length > 0) {
						if (move_open_deals_to === null)
							throw validation(
								"move_open_deals_to",
								`“${p.name}” has ${open.length} open ${open.length === 1 ? "deal" : "deals"}: choose a stage in another pipeline to move them to.`,
							);
						target = pipelines
							.filter((x) => x.id !== p.id)
							.flatMap((x) => x.stages)
							.find((s) => s.id === move_open_deals_to && s.kind === "open");
						if (!target)
							throw validation("move_open_deals_to", "Choose an open stage of another pipeline.");
					}
					const before = open.map((d) => ({ ...d }));
					for (const d of open) if (target) moveDeal(d, target, "Pipeline deleted");
					const at = pipelines.indexOf(p);
					pipelines.splice(at, 1);
					const first = pipelines[0];
					if (p.is_default && first) first.is_default = true;
					ctx.changed("pipeline", [p.id]);
					if (open.length > 0) ctx.changed("deal", []);
					const undo_token = maps.undo.register(() => {
						uniquePipelineName(p.name, p.id);
						pipelines.splice(Math.min(at, pipelines.length), 0, p);
						if (p.is_default) for (const x of pipelines) x.is_default = x.id === p.id;
						const restored = putBack(before, target?.id);
						ctx.changed("pipeline", [p.id]);
						ctx.changed("deal", []);
						return restored;
					});
					return { moved_deals: open.length, undo_token };
				}),
			stageCreate: (pipelineId, input) =>
				ctx.run(() => {
					const p = getPipeline(pipelineId);
					const name = cleanName(input.name);
					uniqueStageName(p, name, null);
					const stage: Stage = {
						id: ctx.newId(),
						pipeline_id: p.id,
						name,
						position: Math.max(-1, ...p.stages.map((s) => s.position)) + 1,
						probability: cleanProbability(input.probability ?? 0),
						color: cleanColor(input.color ?? "#6366f1"),
						kind: input.kind ?? "open",
					};
					p.stages.push(stage);
					ctx.changed("pipeline", [p.id]);
					return stage;
				}),
			stageUpdate: (id, input) =>
				ctx.run(() => {
					const [p, stage] = findStage(id);
					const next = { ...stage };
					if (input.name !== null) {
						next.name = cleanName(input.name);
						uniqueStageName(p, next.name, id);
					}
					if (input.probability !== null) next.probability = cleanProbability(input.probability);
					if (input.color !== null) next.color = cleanColor(input.color);
					if (input.kind !== null && input.kind !== stage.kind) {
						const held = liveDealsIn(id).length;
						if (held > 0)
							throw validation(
								"kind",
								`“${stage.name}” holds ${held} ${held === 1 ? "deal" : "deals"}; move them to another stage before changing whether it is open, won or lost.`,
							);
						if (stage.kind === "open" && openStages(p) === 1)
							throw validation("kind", "A pipeline needs at least one open stage.");
						next.kind = input.kind;
					}
					Object.assign(stage, next);
					for (const d of liveDealsIn(id)) {
						d.stage_name = stage.name;
						d.stage_probability = stage.probability;
						if (!d.probability_set) d.probability = stage.probability;
					}
					ctx.changed("pipeline", [p.id]);
					ctx.changed("deal", []);
					return stage;
				}),
			stagesReorder: (pipelineId, stageIds) =>
				ctx.run(() => {
					const p = getPipeline(pipelineId);
					const have = p.stages.map((s) => s.id).sort((a, b) => a - b);
					const given = [...stageIds].sort((a, b) => a - b);
					if (have.join() !== given.join())
						throw validation(
							"stage_ids",
							"The stages changed meanwhile; reload and order them again.",
						);
					stageIds.forEach((id, position) => {
						const s = p.stages.find((x) => x.id === id);
						if (s) s.position = position;
					});
					sortStages(p);
					ctx.changed("pipeline", [p.id]);
					return p;
				}),
			stageDelete: ({ stage_id, move_deals_to }) =>
				ctx.run(() => {
					const [p, stage] = findStage(stage_id);
					if (stage.kind === "open" && openStages(p) === 1)
						throw conflict(
							`“${stage.name}” is the only open stage of “${p.name}”; add another before deleting it.`,
						);
					const held = liveDealsIn(stage.id);
					const before = held.map((d) => ({ ...d }));
					if (held.length > 0) {
						if (move_deals_to === null)
							throw validation(
								"move_deals_to",
								`“${stage.name}” holds ${held.length} ${held.length === 1 ? "deal" : "deals"}: choose the stage to move them to.`,
							);
						const to = p.stages.find((s) => s.id === move_deals_to && s.id !== stage.id);
						if (!to)
							throw validation("move_deals_to", "Choose another stage of the same pipeline.");
						for (const d of held) moveDeal(d, to, `Stage “${stage.name}” was deleted`);
					}
					p.stages.splice(p.stages.indexOf(stage), 1);
					ctx.changed("pipeline", [p.id]);
					if (held.length > 0) ctx.changed("deal", []);
					const undo_token = maps.undo.register(() => {
						if (!pipelines.includes(p))
							throw conflict(`The pipeline of “${stage.name}” was deleted since; undo that first.`);
						uniqueStageName(p, stage.name, stage.id);
						p.stages.push(stage);
						sortStages(p);
						const restored = putBack(before, move_deals_to ?? undefined);
						ctx.changed("pipeline", [p.id]);
						ctx.changed("deal", []);
						return restored;
					});
					return { moved_deals: held.length, undo_token };
				}),
			stageCounts: (pipelineId) =>
				ctx.run(() =>
					getPipeline(pipelineId).stages.map((s) => ({
						stage_id: s.id,
						deals: liveDealsIn(s.id).length,
					})),
				),
		},
	};
}
