import { Plus, X } from "lucide-react";
import { useState } from "react";
import type {
	FilterGroup,
	FilterNode,
	FilterOp,
	FilterRule,
	ListField,
	Value,
} from "../../bindings";
import { ValueInput } from "../../components/table/ValueInput";
import { useTags } from "../../components/tags/queries";
import {
	conjunctionOf,
	group,
	isRule,
	needsValue,
	newRule,
	nodesOf,
	opLabel,
	takesList,
	valueForOp,
} from "./filterModel";

type Props = {
	fields: ListField[];
	value: FilterGroup;
	onChange: (filter: FilterGroup) => void;
	/** The core's message when the filter can't run. */
	error?: string | null;
};

/**
 * Rules of "field, operator, value" in a group that matches all or any of them, with nested groups one level
 * down ("city is Berlin AND (tag is VIP OR score > 50)"). Incomplete rules are ignored until filled in.
 */
export function FilterBuilder({ fields, value, onChange, error }: Props) {
	const filterable = fields.filter((f) => f.operators.length > 0);
	return (
		<div className="filter-builder" data-testid="filter-builder">
			<GroupEditor fields={filterable} group={value} onChange={onChange} depth={0} />
			{error && (
				<p className="form-error" role="alert" data-testid="filter-error">
					{error}
				</p>
			)}
		</div>
	);
}

function GroupEditor({
	fields,
	group: g,
	onChange,
	depth,
	onRemove,
}: {
	fields: ListField[];
	group: FilterGroup;
	onChange: (g: FilterGroup) => void;
	depth: number;
	onRemove?: () => void;
}) {
	const nodes = nodesOf(g);
	const conj = conjunctionOf(g);
	const setNodes = (next: FilterNode[]) => onChange(group(conj, next));
	const setNode = (i: number, node: FilterNode) =>
		setNodes(nodes.map((n, j) => (j === i ? node : n)));
	const first = fields[0];
	return (
		<div
			className={depth === 0 ? "filter-group" : "filter-group filter-group-nested"}
			data-testid="filter-group"
		>
			<div className="filter-group-head">
				<span className="cell-muted">Match</span>
				<select
					aria-label="Match all or any rule"
					data-testid="filter-conjunction"
					value={conj}
					onChange={(e) => onChange(group(e.target.value === "or" ? "or" : "and", nodes))}
				>
					<option value="and">all</option>
					<option value="or">any</option>
				</select>
				<span className="cell-muted">of these rules</span>
				<span className="spacer" />
				{onRemove && (
					<button
						type="button"
						className="icon-button"
						aria-label="Remove group"
						onClick={onRemove}
					>
						<X size={14} aria-hidden="true" />
					</button>
				)}
			</div>
			{nodes.length === 0 && (
				<p className="cell-muted filter-empty">No rules yet: every record shows.</p>
			)}
			{nodes.map((n, i) =>
				isRule(n) ? (
					<RuleEditor
						// biome-ignore lint/suspicious/noArrayIndexKey: rules have no ids; their place is their identity.
						key={i}
						fields={fields}
						rule={n}
						onChange={(r) => setNode(i, r)}
						onRemove={() => setNodes(nodes.filter((_, j) => j !== i))}
					/>
				) : (
					<GroupEditor
						// biome-ignore lint/suspicious/noArrayIndexKey: groups have no ids; their place is their identity.
						key={i}
						fields={fields}
						group={n}
						depth={depth + 1}
						onChange={(inner) => setNode(i, inner)}
						onRemove={() => setNodes(nodes.filter((_, j) => j !== i))}
					/>
				),
			)}
			<div className="filter-actions">
				<button
					type="button"
					className="button button-small"
					data-testid="filter-add-rule"
					disabled={!first}
					onClick={() => first && setNodes([...nodes, newRule(first)])}
				>
					<Plus size={12} aria-hidden="true" /> Add rule
				</button>
				{depth === 0 && (
					<button
						type="button"
						className="button button-small"
						data-testid="filter-add-group"
						disabled={!first}
						onClick={() =>
							first && setNodes([...nodes, group(conj === "and" ? "or" : "and", [newRule(first)])])
						}
					>
						<Plus size={12} aria-hidden="true" /> Add group
					</button>
				)}
			</div>
		</div>
	);
}

function RuleEditor({
	fields,
	rule,
	onChange,
	onRemove,
}: {
	fields: ListField[];
	rule: FilterRule;
	onChange: (r: FilterRule) => void;
	onRemove: () => void;
}) {
	const field = fields.find((f) => f.key === rule.field);
	return (
		<div className="filter-rule" data-testid="filter-rule">
			<select
				aria-label="Field"
				data-testid="filter-field"
				value={rule.field}
				onChange={(e) => {
					const f = fields.find((x) => x.key === e.target.value);
					if (f) onChange(newRule(f));
				}}
			>
				{!field && <option value={rule.field}>{rule.field} (no longer exists)</option>}
				{fields.map((f) => (
					<option key={f.key} value={f.key}>
						{f.label}
					</option>
				))}
			</select>
			<select
				aria-label="Operator"
				data-testid="filter-op"
				value={rule.op}
				onChange={(e) => {
					const op = e.target.value as FilterOp;
					onChange({ ...rule, op, value: valueForOp(rule, op) });
				}}
			>
				{(field?.operators ?? [rule.op]).map((op) => (
					<option key={op} value={op}>
						{opLabel(op, field?.kind ?? "text")}
					</option>
				))}
			</select>
			{field && needsValue(rule.op) ? (
				<RuleValue field={field} rule={rule} onChange={(value) => onChange({ ...rule, value })} />
			) : (
				<span className="filter-value-none" />
			)}
			<button
				type="button"
				className="icon-button"
				aria-label="Remove rule"
				data-testid="filter-remove"
				onClick={onRemove}
			>
				<X size={14} aria-hidden="true" />
			</button>
		</div>
	);
}

function RuleValue({
	field,
	rule,
	onChange,
}: {
	field: ListField;
	rule: FilterRule;
	onChange: (v: Value) => void;
}) {
	const tags = useTags().data ?? [];
	const value = rule.value ?? null;
	const label = `${field.label} value`;
	if (rule.op === "in_last_days" || rule.op === "in_next_days") {
		return (
			<span className="filter-days">
				<ValueInput
					kind="number"
					options={[]}
					value={value}
					onChange={onChange}
					label={label}
					testId="filter-value"
				/>
				<span className="cell-muted">days</span>
			</span>
		);
	}
	if (field.kind === "tags") {
		const options = tags.map((t) => ({ value: String(t.id), label: t.name }));
		if (takesList(rule.op)) {
			return (
				<ValueInput
					kind="multi_choice"
					options={options}
					value={Array.isArray(value) ? value.map(String) : []}
					onChange={(v) => onChange(Array.isArray(v) ? v.map(Number) : [])}
					label={label}
					testId="filter-value"
				/>
			);
		}
		return (
			<ValueInput
				kind="choice"
				options={options}
				value={value === null ? null : String(value)}
				onChange={(v) => onChange(v === null ? null : Number(v))}
				label={label}
				testId="filter-value"
			/>
		);
	}
	if (takesList(rule.op)) {
		if (field.kind === "choice" || field.kind === "multi_choice") {
			return (
				<ValueInput
					kind="multi_choice"
					options={field.options}
					value={value}
					onChange={onChange}
					label={label}
					testId="filter-value"
				/>
			);
		}
		return <ListText label={label} value={value} onChange={onChange} />;
	}
	const kind = field.kind === "multi_choice" ? "choice" : field.kind;
	return (
		<ValueInput
			// A new field or operator starts a fresh input (money inputs keep their own text).
			key={`${field.key}:${rule.op}`}
			kind={kind}
			options={field.options}
			value={value}
			onChange={onChange}
			label={label}
			testId="filter-value"
		/>
	);
}

/** Free-text values for "any of": typed comma-separated, kept as typed while editing. */
function ListText({
	label,
	value,
	onChange,
}: {
	label: string;
	value: Value;
	onChange: (v: Value) => void;
}) {
	const [text, setText] = useState(Array.isArray(value) ? value.join(", ") : "");
	return (
		<input
			type="text"
			className="value-input"
			aria-label={label}
			data-testid="filter-value"
			placeholder="Berlin, Paris"
			value={text}
			onChange={(e) => {
				setText(e.target.value);
				onChange(
					e.target.value
						.split(",")
						.map((s) => s.trim())
						.filter(Boolean),
				);
			}}
		/>
	);
}
