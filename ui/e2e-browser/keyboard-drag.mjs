// Keyboard drag on the pipeline board in a real browser layout (not run by `npm test`).
//   npm run build && npx vite preview --port 4173 &
//   NODE_PATH=/path/to/node_modules/with/playwright-core node e2e-browser/keyboard-drag.mjs
// Needs playwright-core (installed anywhere, e.g. `npm i --prefix /tmp/pw playwright-core`)
// and Chromium at /usr/bin/chromium (or CHROMIUM=...). Exits non-zero when a check fails.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require(
	require.resolve("playwright-core", { paths: [...(process.env.NODE_PATH ?? "").split(":"), "."] }),
);

const URL = process.env.URL ?? "http://localhost:4173/#pipeline";
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
	args: [
		"--no-sandbox",
		"--disable-gpu",
		"--disable-background-networking",
		"--disable-component-update",
		"--disable-sync",
		"--disable-quic",
		"--no-first-run",
	],
});
let failures = 0;

async function board(page) {
	return page.$$eval("[data-testid=pipeline-column]", (cols) =>
		Object.fromEntries(
			cols.map((c) => [
				c.getAttribute("aria-label"),
				[...c.querySelectorAll("[data-testid=deal-card] .deal-title")].map((t) => t.textContent),
			]),
		),
	);
}

/** What dnd-kit's live region last announced ("… is over Discovery, at Stark fleet tracking."). */
async function overName(page) {
	const said = await page.$$eval("[id^=DndLiveRegion]", (els) =>
		els.map((e) => e.textContent).join(""),
	);
	return said.replace(/^.* is over /, "").replace(/\.$/, "");
}

/** Cards in DOM order and in on-screen order, per column, must be the same. */
async function domMatchesScreen(page) {
	return page.$$eval("[data-testid=pipeline-column]", (cols) =>
		cols.every((c) => {
			const dom = [...c.querySelectorAll("[data-testid=deal-card]")];
			const shown = [...dom].sort(
				(a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
			);
			return dom.every((d, i) => d === shown[i]);
		}),
	);
}

async function scenario(name, { width, height, title, keys, expect, setup, knownIssue }) {
	const page = await browser.newPage({ viewport: { width, height } });
	await page.goto(URL);
	await page.waitForSelector("[data-testid=deal-card]");
	await page.waitForTimeout(300);
	if (setup) await setup(page);
	if (!(await domMatchesScreen(page))) {
		failures++;
		console.log("FAIL cards in DOM order are not in on-screen order");
	}
	const before = await board(page);
	const card = page.locator("[data-testid=deal-card]", { hasText: title });
	await card.focus();
	await page.keyboard.press("Enter");
	await page.waitForTimeout(150);
	const trail = [];
	for (const key of keys) {
		await page.keyboard.press(key);
		await page.waitForTimeout(250);
		trail.push(`${key} → ${await overName(page)}`);
	}
	await page.keyboard.press("Enter");
	await page.waitForTimeout(400);
	const dialog = await page.$(
		"[data-testid=close-deal-dialog] h2, [data-testid=close-deal-dialog] [role=heading]",
	);
	const after = await board(page);
	const result = await expect({
		before,
		after,
		dialog: dialog && (await dialog.textContent()),
		page,
	});
	const known = !result && knownIssue?.({ width, height });
	console.log(
		`${result ? "ok  " : known ? "KNOWN" : "FAIL"} ${name} [${width}x${height}]: ${trail.join("; ")}`,
	);
	if (known) console.log(`  known limitation: ${known}`);
	else if (!result) {
		failures++;
		console.log("  before", JSON.stringify(before));
		console.log("  after ", JSON.stringify(after));
	}
	await page.close();
}

const col = (b, stage) => b[stage] ?? [];
for (const [width, height] of [
	[1280, 800],
	[900, 500],
	[760, 380],
]) {
	await scenario("Right moves to the top of the next column", {
		width,
		height,
		title: "Umbrella pilot",
		keys: ["ArrowRight"],
		expect: ({ after }) =>
			col(after, "Discovery")[0] === "Umbrella pilot" && col(after, "Qualified").length === 1,
	});
	await scenario("Right, Right moves two columns", {
		width,
		height,
		title: "Umbrella pilot",
		keys: ["ArrowRight", "ArrowRight"],
		expect: ({ after }) => col(after, "Proposal")[0] === "Umbrella pilot",
	});
	await scenario("Right, Left comes back to the first column", {
		width,
		height,
		title: "Stark fleet tracking",
		keys: ["ArrowRight", "ArrowLeft"],
		expect: ({ after }) => col(after, "Discovery").includes("Stark fleet tracking"),
	});
	await scenario("Down moves one card down", {
		width,
		height,
		title: "Umbrella pilot",
		keys: ["ArrowDown"],
		expect: ({ after }) => col(after, "Qualified")[1] === "Umbrella pilot",
	});
	await scenario("Down then Up is back at the top", {
		width,
		height,
		title: "Umbrella pilot",
		keys: ["ArrowDown", "ArrowUp"],
		expect: ({ after, before }) => JSON.stringify(after) === JSON.stringify(before),
	});
	await scenario("Right from the last open column is Won", {
		width,
		height,
		title: "Initech platform renewal",
		keys: ["ArrowRight"],
		expect: ({ dialog }) => /won/i.test(dialog ?? ""),
	});
	await scenario("Right, Down from the last open column is Lost", {
		width,
		height,
		title: "Initech platform renewal",
		keys: ["ArrowRight", "ArrowDown"],
		expect: ({ dialog }) => /lost/i.test(dialog ?? ""),
	});
	await scenario("Right four times goes from the first column to Won", {
		width,
		height,
		title: "Umbrella pilot",
		keys: ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowRight"],
		expect: ({ dialog }) => /won/i.test(dialog ?? ""),
	});
	await scenario("Left from Won comes back to the last open column", {
		width,
		height,
		title: "Globex line automation",
		keys: ["ArrowRight", "ArrowRight", "ArrowLeft"],
		expect: ({ after }) => col(after, "Negotiation")[0] === "Globex line automation",
	});
	await scenario("Right, Down lands after the next column’s first card", {
		width,
		height,
		title: "Umbrella pilot",
		keys: ["ArrowRight", "ArrowDown"],
		// dnd-kit's KeyboardSensor scrolls the scroll containers around the card the drag was
		// over one key earlier (here the card's own column, Qualified); when that column itself
		// overflows, a vertical move in another column scrolls the wrong column.
		knownIssue: ({ height }) =>
			height < 400 && "vertical move in another column while the card's own column scrolls",
		expect: ({ after }) =>
			JSON.stringify(col(after, "Discovery")) ===
			JSON.stringify(["Stark fleet tracking", "Umbrella pilot", "Blue Fjord grid analytics"]),
	});
	await scenario("Left into an empty column lands in it", {
		width,
		height,
		title: "Stark fleet tracking",
		// Empty Qualified first: its two cards go to Discovery.
		setup: async (page) => {
			for (const t of ["Umbrella pilot", "Northwind wholesale portal"]) {
				await page.locator("[data-testid=deal-card]", { hasText: t }).focus();
				for (const k of ["Enter", "ArrowRight", "Enter"]) {
					await page.keyboard.press(k);
					await page.waitForTimeout(250);
				}
			}
			await page.waitForTimeout(300);
		},
		keys: ["ArrowLeft"],
		expect: ({ after }) =>
			JSON.stringify(col(after, "Qualified")) === JSON.stringify(["Stark fleet tracking"]),
	});
}
await browser.close();
process.exit(failures ? 1 : 0);
