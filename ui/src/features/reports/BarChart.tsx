import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

type Props = {
	labels: string[];
	values: number[];
	/** One colour for all bars, or one per bar. */
	colors: string | string[];
	/** Axis text for a value. */
	format: (value: number) => string;
	height?: number;
	label: string;
};

let canvasSupport: boolean | null = null;
/** jsdom (tests) has no 2D canvas; the chart's figures are in the legend beside it anyway. */
function canDraw(): boolean {
	if (canvasSupport === null) {
		try {
			canvasSupport = document.createElement("canvas").getContext("2d") !== null;
		} catch {
			canvasSupport = false;
		}
	}
	return canvasSupport;
}

const FILL = 3 as uPlot.Series.BarsPathBuilderFacetUnit;
const DISCRETE = 2 as uPlot.Series.BarsPathBuilderFacetKind;

/** A bar chart on uPlot's canvas (no eval, no injected scripts: fine under the app's CSP). */
export function BarChart({ labels, values, colors, format, height = 220, label }: Props) {
	const host = useRef<HTMLDivElement>(null);

	useEffect(() => {
		const el = host.current;
		if (!el || !canDraw() || labels.length === 0) return;
		let disposed = false;
		let cleanup: (() => void) | null = null;
		// Loaded on first use: only Reports needs it, and it reads the display when imported.
		void import("uplot").then(({ default: UPlot }) => {
			if (!disposed) cleanup = draw(UPlot, el, { labels, values, colors, format, height, label });
		});
		return () => {
			disposed = true;
			cleanup?.();
		};
	}, [labels, values, colors, format, height, label]);

	return <div ref={host} className="chart" role="img" aria-label={label} />;
}

function draw(
	UPlot: typeof uPlot,
	el: HTMLDivElement,
	{ labels, values, colors, format, height = 220, label }: Props,
): () => void {
	const perBar = Array.isArray(colors) ? colors : labels.map(() => colors);
	const xs = labels.map((_, i) => i);
	const css = getComputedStyle(el);
	const ink = css.getPropertyValue("--text-muted").trim() || "#64748b";
	const grid = css.getPropertyValue("--border").trim() || "#e2e8f0";
	const opts: uPlot.Options = {
		width: Math.max(el.clientWidth, 200),
		height,
		legend: { show: false },
		cursor: { drag: { x: false, y: false }, points: { show: false } },
		scales: {
			x: { time: false, range: [-0.5, labels.length - 0.5] },
			y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
		},
		axes: [
			{
				stroke: ink,
				grid: { show: false },
				ticks: { show: false },
				splits: () => xs,
				values: (_u, splits) => splits.map((i) => labels[i] ?? ""),
			},
			{
				stroke: ink,
				grid: { stroke: grid, width: 1 },
				ticks: { show: false },
				size: 70,
				values: (_u, splits) => splits.map(format),
			},
		],
		series: [
			{},
			{
				label,
				fill: perBar[0] ?? "#6366f1",
				stroke: perBar[0] ?? "#6366f1",
				// uPlot colours bars one by one (disp.fill) only when they have no outline.
				width: 0,
				paths: UPlot.paths.bars?.({
					size: [0.6, 64],
					radius: 0.15,
					disp: { fill: { unit: FILL, kind: DISCRETE, values: () => perBar } },
				}),
				points: { show: false },
			},
		],
	};
	const chart = new UPlot(opts, [xs, values], el);
	const resize = new ResizeObserver(() => {
		chart.setSize({ width: Math.max(el.clientWidth, 200), height });
	});
	resize.observe(el);
	return () => {
		resize.disconnect();
		chart.destroy();
	};
}
