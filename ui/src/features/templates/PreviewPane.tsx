import { AlertTriangle, Eye } from "lucide-react";
import { useState } from "react";
import type { TemplateInput, TemplatePart } from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { errorMessage } from "../../ipc/unwrap";
import { HtmlPreview } from "./HtmlPreview";
import { usePreview } from "./queries";
import { type Chosen, contextOf, RecordChooser } from "./RecordChooser";

export const partLabel: Record<TemplatePart, string> = {
	subject: "Subject",
	body_text: "Text body",
	body_html: "HTML body",
};

/** The draft rendered for the chosen contact or deal, with the fields it would leave empty. */
export function PreviewPane({
	draft,
	chosen,
	onChoose,
}: {
	draft: TemplateInput;
	chosen: Chosen | null;
	onChoose: (c: Chosen | null) => void;
}) {
	const preview = usePreview(draft, contextOf(chosen));
	const data = preview.data;
	const rendered = data?.rendered ?? null;
	const [showText, setShowText] = useState(false);
	const view = draft.body_html && !showText ? "html" : "text";

	return (
		<section className="template-preview" aria-label="Preview" data-testid="template-preview">
			<div className="template-preview-head">
				<Eye size={14} aria-hidden="true" />
				<h2>Preview</h2>
				{preview.isFetching && <Spinner size={12} label="Updating the preview" />}
				<span className="spacer" />
				{draft.body_html && (
					<fieldset className="segmented" aria-label="Which body to preview">
						<button type="button" aria-pressed={!showText} onClick={() => setShowText(false)}>
							HTML
						</button>
						<button type="button" aria-pressed={showText} onClick={() => setShowText(true)}>
							Text
						</button>
					</fieldset>
				)}
			</div>
			<RecordChooser value={chosen} onChange={onChoose} />
			{preview.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(preview.error)}
				</p>
			) : !data ? (
				<Spinner label="Rendering the preview" />
			) : data.problems.length > 0 ? (
				<div className="template-problems" role="alert" data-testid="template-problems">
					<p>Fix these to see the preview and save:</p>
					<ul>
						{data.problems.map((p) => (
							<li key={`${p.part}-${p.line}-${p.message}`} data-testid="template-problem">
								<strong>
									{partLabel[p.part]}
									{p.line !== null && `, line ${p.line}`}:
								</strong>{" "}
								{p.message}
							</li>
						))}
					</ul>
				</div>
			) : rendered ? (
				<>
					{rendered.missing.length > 0 && (
						<div className="template-missing" role="status" data-testid="template-missing">
							<AlertTriangle size={14} aria-hidden="true" />
							<div>
								{chosen ? (
									<>
										<strong>{chosen.title}</strong> has no value for{" "}
									</>
								) : (
									"Without a record, these print empty: "
								)}
								{rendered.missing.map((m, i) => (
									<span key={m}>
										{i > 0 && ", "}
										<code>{m}</code>
									</span>
								))}
								. Fill them in, or add a fallback like <code>| default("…")</code>.
							</div>
						</div>
					)}
					<div className="template-email">
						<div className="template-email-subject" data-testid="template-preview-subject">
							{rendered.subject || <span className="cell-muted">(no subject)</span>}
						</div>
						{view === "html" && rendered.body_html !== null ? (
							<HtmlPreview html={rendered.body_html} />
						) : (
							<pre className="template-email-text" data-testid="template-preview-text">
								{rendered.body_text}
							</pre>
						)}
					</div>
				</>
			) : null}
		</section>
	);
}
