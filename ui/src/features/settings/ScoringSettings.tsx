import { useMutation, useQuery } from "@tanstack/react-query";
import { Plus, X } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import type { ScoringRules } from "../../bindings";
import { Field } from "../../components/Field";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, IpcError, unwrap } from "../../ipc/unwrap";
import { leadStatusLabels } from "../contacts/LifecycleBadge";
import { leadSourceLabels } from "../scoring/labels";
import { fromDraft, type ScoringDraft, sourceKeys, statusKeys, toDraft } from "./scoringDraft";

/** Settings → Lead scoring: the weights, fit lists, decay and thresholds. Saving rescores every contact. */
export function ScoringSettings() {
	const backend = useBackend();
	const rules = useQuery({
		queryKey: queryKeys.scoringRules,
		queryFn: () => unwrap(backend.commands.scoringRules()),
	});
	return (
		<section
			className="panel"
			data-testid="scoring-settings"
			aria-labelledby="scoring-settings-title"
		>
			<h2 id="scoring-settings-title">Lead scoring</h2>
			<p className="hint">
				Every contact gets a score from 0 to 100: points for its lead status and source, for recent
				calls, meetings, emails, notes and completed tasks, for how recently you were last in touch
				(halving with each half-life of silence), and for a title or company that fits. The score
				sets the grade (A–F) and the temperature (hot, warm, cold).
			</p>
			{rules.isPending ? (
				<Spinner label="Loading the scoring rules" />
			) : rules.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(rules.error)}
				</p>
			) : (
				// Saved rules come back from the core trimmed: the form starts over from them.
				<ScoringForm key={JSON.stringify(rules.data)} saved={rules.data} />
			)}
		</section>
	);
}

function ScoringForm({ saved }: { saved: ScoringRules }) {
	const backend = useBackend();
	const toast = useToast();
	const [draft, setDraft] = useState<ScoringDraft>(() => toDraft(saved));
	const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
	const save = useMutation({
		mutationFn: (r: ScoringRules) => unwrap(backend.commands.scoringRulesSave(r)),
	});
	const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(saved));

	// An error names its field: bring it into view for the rep.
	useEffect(() => {
		if (error?.field)
			document
				.querySelector<HTMLElement>(`[data-testid="scoring-${error.field}"]`)
				?.focus({ preventScroll: false });
	}, [error]);

	const setNumber = (path: string, value: string) => {
		setDraft((d) => ({ ...d, numbers: { ...d.numbers, [path]: value } }));
		if (error?.field === path) setError(null);
	};
	const errorAt = (path: string) => (error?.field === path ? error.message : null);

	const submit = (e: FormEvent) => {
		e.preventDefault();
		if (save.isPending) return;
		const built = fromDraft(draft);
		if ("field" in built) {
			setError(built);
			return;
		}
		setError(null);
		save.mutate(built.rules, {
			onSuccess: () => toast.show({ message: "Scoring rules saved; every contact was rescored." }),
			onError: (err) =>
				setError({
					field: err instanceof IpcError ? err.field : null,
					message: errorMessage(err),
				}),
		});
	};

	const number = (path: string, label: string, suffix?: string) => (
		<Field key={path} label={label} name={path} error={errorAt(path)}>
			{(p) => (
				<span className="input-suffix">
					<input
						{...p}
						type="number"
						inputMode="numeric"
						data-testid={`scoring-${path}`}
						value={draft.numbers[path] ?? ""}
						onChange={(e) => setNumber(path, e.target.value)}
					/>
					{suffix && <span className="cell-muted">{suffix}</span>}
				</span>
			)}
		</Field>
	);

	const setKeyword = (i: number, patch: Partial<{ keyword: string; points: string }>) =>
		setDraft((d) => ({
			...d,
			keywords: d.keywords.map((k, j) => (j === i ? { ...k, ...patch } : k)),
		}));

	return (
		<form className="settings-form" onSubmit={submit} noValidate>
			{error && !error.field && (
				<p className="form-error" role="alert" data-testid="scoring-error">
					{error.message}
				</p>
			)}
			<fieldset className="settings-group">
				<legend>Lead status</legend>
				<div className="settings-grid">
					{statusKeys.map((k) => number(`status_points.${k}`, leadStatusLabels[k]))}
				</div>
			</fieldset>
			<fieldset className="settings-group">
				<legend>Lead source</legend>
				<div className="settings-grid">
					{sourceKeys.map((k) => number(`source_points.${k}`, leadSourceLabels[k]))}
				</div>
			</fieldset>
			<fieldset className="settings-group">
				<legend>Engagement and recency</legend>
				<div className="settings-grid">
					{number("engagement.window_days", "Count touches over", "days")}
					{number("engagement.points_per_touch", "Points per touch")}
					{number("engagement.max_points", "Engagement at most")}
					{number("recency.max_points", "Recency on the day")}
					{number("recency.half_life_days", "Recency half-life", "days")}
				</div>
			</fieldset>
			<fieldset className="settings-group">
				<legend>Fit</legend>
				<p className="hint">
					Title keywords match whole words, ignoring case (“VP” counts in “VP, Sales”, not in
					“MVP”); the best match counts once.
				</p>
				<ul className="keyword-list" data-testid="scoring-keywords">
					{draft.keywords.map((k, i) => (
						// Rows have no id until saved; their order is their identity while editing.
						// biome-ignore lint/suspicious/noArrayIndexKey: see above
						<li key={i}>
							<input
								aria-label="Title keyword"
								data-testid="scoring-keyword"
								value={k.keyword}
								placeholder="Keyword"
								onChange={(e) => setKeyword(i, { keyword: e.target.value })}
							/>
							<input
								aria-label={`Points for ${k.keyword || "this keyword"}`}
								data-testid="scoring-keyword-points"
								type="number"
								inputMode="numeric"
								value={k.points}
								onChange={(e) => setKeyword(i, { points: e.target.value })}
							/>
							<button
								type="button"
								className="icon-button"
								aria-label={`Remove ${k.keyword || "keyword"}`}
								onClick={() =>
									setDraft((d) => ({ ...d, keywords: d.keywords.filter((_, j) => j !== i) }))
								}
							>
								<X size={14} aria-hidden="true" />
							</button>
						</li>
					))}
				</ul>
				{errorAt("fit.title_keywords") && (
					<p className="field-error" role="alert" data-testid="field-error-fit.title_keywords">
						{errorAt("fit.title_keywords")}
					</p>
				)}
				<div>
					<button
						type="button"
						className="button button-small"
						data-testid="scoring-add-keyword"
						onClick={() =>
							setDraft((d) => ({ ...d, keywords: [...d.keywords, { keyword: "", points: "5" }] }))
						}
					>
						<Plus size={13} aria-hidden="true" />
						Add keyword
					</button>
				</div>
				<div className="settings-grid settings-grid-wide">
					<ListField
						label="Industries that fit"
						path="fit.industries"
						value={draft.industries}
						placeholder="Software, Logistics"
						onChange={(v) => setDraft((d) => ({ ...d, industries: v }))}
					/>
					{number("fit.industry_points", "Points")}
					<ListField
						label="Company sizes that fit"
						path="fit.company_sizes"
						value={draft.company_sizes}
						placeholder="51-200, 201-1000, 1000+"
						onChange={(v) => setDraft((d) => ({ ...d, company_sizes: v }))}
					/>
					{number("fit.company_size_points", "Points")}
					<ListField
						label="Countries that fit"
						path="fit.countries"
						value={draft.countries}
						placeholder="US, DE, GB"
						onChange={(v) => setDraft((d) => ({ ...d, countries: v }))}
					/>
					{number("fit.country_points", "Points")}
				</div>
			</fieldset>
			<fieldset className="settings-group">
				<legend>Grades and temperature (lowest score of each)</legend>
				<div className="settings-grid">
					{number("grades.a", "Grade A")}
					{number("grades.b", "Grade B")}
					{number("grades.c", "Grade C")}
					{number("grades.d", "Grade D (below: F)")}
					{number("temperature.hot", "Hot")}
					{number("temperature.warm", "Warm (below: cold)")}
				</div>
			</fieldset>
			<div className="form-actions">
				<span className="hint">Saving rescores every contact at once.</span>
				<span className="spacer" />
				<button
					type="button"
					className="button"
					disabled={!dirty || save.isPending}
					onClick={() => {
						setDraft(toDraft(saved));
						setError(null);
					}}
				>
					Discard changes
				</button>
				<button
					type="submit"
					className="button button-primary"
					data-testid="scoring-save"
					disabled={!dirty || save.isPending}
				>
					{save.isPending && <Spinner size={14} label="Rescoring" />}
					Save and rescore
				</button>
			</div>
		</form>
	);
}

function ListField(props: {
	label: string;
	path: string;
	value: string;
	placeholder: string;
	onChange: (value: string) => void;
}) {
	return (
		<Field label={props.label} name={props.path}>
			{(p) => (
				<input
					{...p}
					data-testid={`scoring-${props.path}`}
					value={props.value}
					placeholder={props.placeholder}
					onChange={(e) => props.onChange(e.target.value)}
				/>
			)}
		</Field>
	);
}
