import { createElement, type ReactNode } from "react";

/** Tags a "simple HTML" email uses; anything else shows its text only. */
const allowedTags = new Set([
	"a",
	"b",
	"blockquote",
	"br",
	"code",
	"div",
	"em",
	"h1",
	"h2",
	"h3",
	"h4",
	"hr",
	"i",
	"li",
	"ol",
	"p",
	"pre",
	"small",
	"span",
	"strong",
	"table",
	"tbody",
	"td",
	"th",
	"thead",
	"tr",
	"u",
	"ul",
]);
const voidTags = new Set(["br", "hr"]);
/** Whole subtrees that never show (their text would only be noise). */
const droppedTags = new Set(["script", "style", "head", "title", "template", "iframe", "object"]);

function toReact(node: Node, key: number): ReactNode {
	if (node.nodeType === Node.TEXT_NODE) return node.textContent;
	if (node.nodeType !== Node.ELEMENT_NODE) return null;
	const el = node as Element;
	const tag = el.tagName.toLowerCase();
	if (droppedTags.has(tag)) return null;
	const children = [...el.childNodes].map(toReact);
	if (!allowedTags.has(tag)) return children;
	const props: Record<string, unknown> = { key };
	const href = el.getAttribute("href");
	// Links show where they go but never navigate the app's window.
	if (tag === "a" && href && /^(https?:|mailto:)/i.test(href)) {
		props.title = href;
		props.onClick = (e: MouseEvent) => e.preventDefault();
		props.href = href;
	}
	return voidTags.has(tag) ? createElement(tag, props) : createElement(tag, props, ...children);
}

/**
 * A rendered HTML body, shown as React elements built from an allowlist of tags (no attributes but a
 * link's address, no scripts, no styles, no remote images): the preview can't run or load anything.
 */
export function HtmlPreview({ html }: { html: string }) {
	const doc = new DOMParser().parseFromString(html, "text/html");
	return (
		<div className="template-html-preview" data-testid="template-preview-html">
			{[...doc.body.childNodes].map(toReact)}
		</div>
	);
}
