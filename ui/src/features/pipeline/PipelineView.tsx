import {
	type Announcements,
	type CollisionDetection,
	DndContext,
	type DragEndEvent,
	DragOverlay,
	type DragStartEvent,
	KeyboardSensor,
	PointerSensor,
	pointerWithin,
	useDroppable,
	useSensor,
	useSensors,
} from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { useQuery } from "@tanstack/react-query";
import { Kanban, Plus, ThumbsDown, Trophy } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import type { Deal, Pipeline, Stage } from "../../bindings";
import { EmptyState } from "../../components/EmptyState";
import { Spinner } from "../../components/Spinner";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { useNavigate, useNavTarget } from "../../navigation";
import { DealPanel } from "../deals/DealPanel";
import { cardId, type DropPlan, groupByStage, parseDropId, planDrop, stageDropId } from "./board";
import { CloseDealDialog } from "./CloseDealDialog";
import { DealCardBody, SortableDealCard } from "./DealCard";
import { boardKeyboardCoordinates, keyboardCollisions } from "./keyboard";
import { formatTotals, formatWeightedTotals } from "./money";
import { NewDealDialog } from "./NewDealDialog";
import { useMoveDeal } from "./useMoveDeal";

export function PipelineView() {
	const backend = useBackend();
	const pipelines = useQuery({
		queryKey: queryKeys.pipelines,
		queryFn: () => unwrap(backend.commands.pipelines()),
	});
	const [chosen, setChosen] = useState<number | null>(null);
	const all = pipelines.data ?? [];
	const pipeline = all.find((p) => p.id === chosen) ?? all.find((p) => p.is_default) ?? all[0];
	const [creating, setCreating] = useState(false);
	const target = useNavTarget();
	const navigate = useNavigate();
	// `#pipeline/new` (the palette's "New deal") opens the form.
	useEffect(() => {
		if (target?.id === "new") setCreating(true);
	}, [target]);
	const closeCreate = () => {
		setCreating(false);
		if (target?.id === "new") navigate("pipeline");
	};

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Pipeline</h1>
					{all.length > 1 && pipeline && (
						<select
							className="select-inline"
							aria-label="Pipeline"
							data-testid="pipeline-switcher"
							value={pipeline.id}
							onChange={(e) => setChosen(Number(e.target.value))}
						>
							{all.map((p) => (
								<option key={p.id} value={p.id}>
									{p.name}
								</option>
							))}
						</select>
					)}
				</div>
				<div className="toolbar">
					<button
						type="button"
						className="button button-primary"
						data-testid="new-deal"
						disabled={!pipeline}
						onClick={() => setCreating(true)}
					>
						<Plus size={14} aria-hidden="true" />
						New deal
					</button>
				</div>
			</header>
			<div className="view-body view-body-board">
				{pipelines.isPending ? (
					<div className="centered">
						<Spinner label="Loading pipeline" />
					</div>
				) : pipelines.isError ? (
					<p className="form-error" role="alert">
						{errorMessage(pipelines.error)}
					</p>
				) : !pipeline ? (
					<EmptyState icon={Kanban} title="No pipeline yet">
						Pipelines group your deals by stage. Add one in Settings → Pipelines.
					</EmptyState>
				) : (
					<Board pipeline={pipeline} />
				)}
			</div>
			{creating && pipeline && (
				<NewDealDialog pipelineId={pipeline.id} stages={pipeline.stages} onClose={closeCreate} />
			)}
		</div>
	);
}

/** Pointer drops go where the pointer is; keyboard drags to the target the arrow keys chose. */
const collisionDetection: CollisionDetection = (args) => {
	const hits = args.pointerCoordinates ? pointerWithin(args) : [];
	return hits.length > 0 ? hits : keyboardCollisions(args);
};

function Board({ pipeline }: { pipeline: Pipeline }) {
	const backend = useBackend();
	const deals = useQuery({
		queryKey: queryKeys.openDeals(pipeline.id),
		queryFn: () => unwrap(backend.commands.dealsOpen(pipeline.id)),
	});
	const stages = useMemo(
		() => [...pipeline.stages].sort((a, b) => a.position - b.position),
		[pipeline.stages],
	);
	const { move } = useMoveDeal(pipeline.id, stages);
	const [activeId, setActiveId] = useState<string | null>(null);
	const [closing, setClosing] = useState<DropPlan | null>(null);
	const [openDeal, setOpenDeal] = useState<number | null>(null);
	const target = useNavTarget();
	const highlightId = typeof target?.id === "number" ? target.id : null;
	const sensors = useSensors(
		// A few pixels of travel before a drag starts, so a click on a card stays a click.
		useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
		// Space picks a card up; Enter is left to open it (see SortableDealCard).
		useSensor(KeyboardSensor, {
			coordinateGetter: boardKeyboardCoordinates,
			keyboardCodes: { start: ["Space"], cancel: ["Escape"], end: ["Space", "Enter"] },
		}),
	);

	const all = deals.data ?? [];
	const byStage = useMemo(() => groupByStage(all), [all]);
	const stageName = (id: string | number | undefined | null) => {
		const parsed = parseDropId(id);
		if (!parsed) return null;
		if (parsed.type === "stage") return stages.find((s) => s.id === parsed.id)?.name ?? null;
		const d = all.find((x) => x.id === parsed.id);
		return d ? `${d.stage_name}, at ${d.title}` : null;
	};
	const dealTitle = (id: string | number) =>
		all.find((d) => d.id === parseDropId(id)?.id)?.title ?? "the deal";
	const announcements: Announcements = {
		onDragStart: ({ active }) =>
			`Picked up ${dealTitle(active.id)}. Arrow keys move it: left and right between stages, up and down within one. Space drops it, Escape cancels.`,
		onDragOver: ({ active, over }) =>
			over ? `${dealTitle(active.id)} is over ${stageName(over.id)}.` : undefined,
		onDragEnd: ({ active, over }) =>
			over ? `Dropped ${dealTitle(active.id)} on ${stageName(over.id)}.` : undefined,
		onDragCancel: ({ active }) => `Cancelled. ${dealTitle(active.id)} stays where it was.`,
	};

	if (deals.isPending) {
		return (
			<div className="centered">
				<Spinner label="Loading deals" />
			</div>
		);
	}
	if (deals.isError) {
		return (
			<p className="form-error" role="alert">
				{errorMessage(deals.error)}
			</p>
		);
	}

	const onDragStart = ({ active }: DragStartEvent) => setActiveId(String(active.id));
	const onDragEnd = ({ active, over }: DragEndEvent) => {
		setActiveId(null);
		const translated = active.rect.current.translated;
		const plan = planDrop({
			activeId: active.id,
			overId: over?.id,
			stages,
			deals: all,
			// Dropped on the lower half of a card in another column: after it.
			placeAfter: !!over && !!translated && translated.top > over.rect.top + over.rect.height / 2,
		});
		if (!plan) return;
		if (plan.stage.kind === "open") void move(plan);
		else setClosing(plan);
	};

	const openStages = stages.filter((s) => s.kind === "open");
	const closeStages = stages.filter((s) => s.kind !== "open");
	const active = all.find((d) => cardId(d.id) === activeId) ?? null;

	return (
		<div className="board-wrap">
			<p className="board-summary">
				{all.length} open {all.length === 1 ? "deal" : "deals"} worth{" "}
				<strong>{formatTotals(all)}</strong>
				<span className="cell-muted"> · weighted {formatWeightedTotals(all)}</span>
			</p>
			<DndContext
				sensors={sensors}
				collisionDetection={collisionDetection}
				onDragStart={onDragStart}
				onDragEnd={onDragEnd}
				onDragCancel={() => setActiveId(null)}
				accessibility={{
					announcements,
					screenReaderInstructions: {
						draggable:
							"To move a deal, press Space to pick it up. Left and right arrows move it between stages, up and down within a stage. Press Space to drop it, or Escape to cancel.",
					},
				}}
			>
				<div className="board" data-testid="pipeline-board">
					{openStages.map((stage) => (
						<Column
							key={stage.id}
							stage={stage}
							items={byStage.get(stage.id) ?? []}
							highlightId={highlightId}
							onOpen={setOpenDeal}
						/>
					))}
					{closeStages.length > 0 && (
						<div className="close-zones" data-testid="close-zones">
							{closeStages.map((stage) => (
								<CloseZone key={stage.id} stage={stage} dragging={activeId !== null} />
							))}
						</div>
					)}
				</div>
				<DragOverlay dropAnimation={null}>
					{active && (
						<div className="deal-card deal-card-overlay">
							<DealCardBody deal={active} />
						</div>
					)}
				</DragOverlay>
			</DndContext>
			{openDeal !== null && <DealPanel dealId={openDeal} onClose={() => setOpenDeal(null)} />}
			{closing && (
				<CloseDealDialog
					key={closing.deal.id}
					plan={closing}
					onConfirm={(reason) => move(closing, reason)}
					onCancel={() => setClosing(null)}
				/>
			)}
		</div>
	);
}

function Column({
	stage,
	items,
	highlightId,
	onOpen,
}: {
	stage: Stage;
	items: Deal[];
	highlightId: number | null;
	onOpen: (dealId: number) => void;
}) {
	const { setNodeRef, isOver } = useDroppable({
		id: stageDropId(stage.id),
		data: { type: "stage" },
	});
	return (
		<section
			ref={setNodeRef}
			className={isOver ? "column column-over" : "column"}
			data-testid="pipeline-column"
			data-stage-id={stage.id}
			aria-label={stage.name}
		>
			<header className="column-header">
				<div className="column-title">
					<span className="stage-dot" style={{ background: stage.color }} aria-hidden="true" />
					<span className="column-name">{stage.name}</span>
					<span className="count" data-testid="column-count">
						{items.length}
					</span>
				</div>
				<div className="column-sums">
					<span className="column-sum" data-testid="column-sum" title="Total value">
						{formatTotals(items)}
					</span>
					<span
						className="column-weighted"
						data-testid="column-weighted"
						title={`Weighted by probability (${stage.probability}% for this stage)`}
					>
						{formatWeightedTotals(items)} weighted
					</span>
				</div>
			</header>
			<SortableContext
				items={items.map((d) => cardId(d.id))}
				strategy={verticalListSortingStrategy}
			>
				<ul className="column-cards">
					{items.map((d) => (
						<SortableDealCard
							key={d.id}
							deal={d}
							highlighted={d.id === highlightId}
							onOpen={onOpen}
						/>
					))}
					{items.length === 0 && <li className="column-empty">No deals</li>}
				</ul>
			</SortableContext>
		</section>
	);
}

function CloseZone({ stage, dragging }: { stage: Stage; dragging: boolean }) {
	const { setNodeRef, isOver } = useDroppable({
		id: stageDropId(stage.id),
		data: { type: "close-zone" },
	});
	const Icon = stage.kind === "won" ? Trophy : ThumbsDown;
	const className = [
		"close-zone",
		`close-zone-${stage.kind}`,
		dragging && "close-zone-active",
		isOver && "close-zone-over",
	]
		.filter(Boolean)
		.join(" ");
	return (
		<div
			ref={setNodeRef}
			className={className}
			data-testid={`drop-${stage.kind}`}
			data-stage-id={stage.id}
			style={{ borderColor: stage.color }}
		>
			<Icon size={16} aria-hidden="true" style={{ color: stage.color }} />
			<span>{stage.name}</span>
			<span className="close-zone-hint">Drop here</span>
		</div>
	);
}
