import { useQueries } from "@tanstack/react-query";
import { ArrowLeftRight } from "lucide-react";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { Company, ContactDetail, DuplicatePair } from "../../bindings";
import { Dialog } from "../../components/Dialog";
import { FormActions } from "../../components/FormActions";
import { Spinner } from "../../components/Spinner";
import { relativeTime } from "../../format/relativeTime";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { useCustomFields } from "../customFields/queries";
import {
	chosenSide,
	companyRows,
	contactRows,
	differs,
	type FieldRow,
	other,
	type Side,
	takeFromDrop,
} from "./mergeFields";
import { type MergeEntity, useMergeRecords } from "./queries";
import "./duplicates.css";

type Loaded =
	| { entity: "contact"; a: ContactDetail; b: ContactDetail }
	| { entity: "company"; a: Company; b: Company };

const contactName = (c: ContactDetail) =>
	`${c.first_name} ${c.last_name}`.trim() || c.emails[0]?.value || `Contact ${c.id}`;

const nameOf = (r: Loaded, side: Side) =>
	r.entity === "contact" ? contactName(r[side]) : r[side].name;

/** Both records of a pair, fresh from the core (the list's labels may be stale). */
function usePairRecords(pair: DuplicatePair) {
	const backend = useBackend();
	const entity = pair.entity as MergeEntity;
	const [a, b] = useQueries({
		queries: [pair.a_id, pair.b_id].map((id) =>
			entity === "company"
				? {
						queryKey: queryKeys.company(id),
						queryFn: (): Promise<Company | ContactDetail> =>
							unwrap(backend.commands.companyGet(id)),
					}
				: {
						queryKey: queryKeys.contact(id),
						queryFn: (): Promise<Company | ContactDetail> =>
							unwrap(backend.commands.contactGet(id)),
					},
		),
	});
	const fields = useCustomFields(entity);
	const loaded: Loaded | null =
		a?.data && b?.data && fields.data ? ({ entity, a: a.data, b: b.data } as Loaded) : null;
	const rows: FieldRow[] = !loaded
		? []
		: loaded.entity === "contact"
			? contactRows(loaded.a, loaded.b, fields.data ?? [])
			: companyRows(loaded.a, loaded.b, fields.data ?? []);
	// Once both are shown, a failed refetch (the dropped record, right after the merge) changes nothing.
	const error = loaded ? null : (a?.error ?? b?.error ?? fields.error);
	return { loaded, rows, error };
}

type Props = {
	pair: DuplicatePair;
	onClose: () => void;
	onMerged: (kept: { id: number; name: string; dropped: string; undoToken: number }) => void;
};

/**
 * Two records side by side: one choice per field that differs, which record stays, and what moves.
 * Confirming merges them in the core; the other record goes to the Trash.
 */
export function MergeDialog({ pair, onClose, onMerged }: Props) {
	const { loaded, rows, error } = usePairRecords(pair);
	const noun = pair.entity === "company" ? "companies" : "contacts";
	return (
		<Dialog title={`Merge ${noun}`} onClose={onClose} testId="merge-dialog">
			{error ? (
				<div className="form">
					<p className="form-error" role="alert">
						{errorMessage(error)}
					</p>
					<div className="form-actions">
						<span className="spacer" />
						<button type="button" className="button" onClick={onClose}>
							Close
						</button>
					</div>
				</div>
			) : !loaded ? (
				<div className="centered">
					<Spinner label="Loading both records" />
				</div>
			) : (
				<MergeForm records={loaded} rows={rows} onClose={onClose} onMerged={onMerged} />
			)}
		</Dialog>
	);
}

function MergeForm({
	records,
	rows,
	onClose,
	onMerged,
}: {
	records: Loaded;
	rows: FieldRow[];
	onClose: () => void;
	onMerged: Props["onMerged"];
}) {
	const formId = useId();
	const form = useRef<HTMLFormElement>(null);
	const merge = useMergeRecords();
	// Focus starts on the first field's chosen value (the dialog would pick the first input, which may
	// be a disabled empty one), or on Merge when nothing differs.
	useEffect(() => {
		form.current
			?.querySelector<HTMLElement>("input:checked:not(:disabled), [data-testid=merge-confirm]")
			?.focus();
	}, []);
	// The older record (the pair's first) stays unless the user swaps.
	const [kept, setKept] = useState<Side>("a");
	// Choices are by side, not by kept/dropped, so swapping keeps the values the user picked.
	const [choices, setChoices] = useState<Partial<Record<string, Side>>>({});
	const dropped = other(kept);
	const keptName = nameOf(records, kept);
	const droppedName = nameOf(records, dropped);
	const differing = rows.filter(differs);
	const same = rows.filter((r) => !differs(r) && r.a.key !== null);

	const submit = (e: FormEvent) => {
		e.preventDefault();
		const keepId = records[kept].id;
		merge.mutate(
			{
				entity: records.entity,
				keep_id: keepId,
				drop_id: records[dropped].id,
				take_from_drop: takeFromDrop(rows, kept, choices),
			},
			{
				onSuccess: (result) => {
					// The name the kept record ends with, which may have come from the other one.
					const nameRows = records.entity === "contact" ? ["first_name", "last_name"] : ["name"];
					const finalName =
						nameRows
							.map((n) => rows.find((r) => r.name === n))
							.map((r) => (r ? r[chosenSide(r, kept, choices[r.name])].display : ""))
							.join(" ")
							.trim() || keptName;
					onMerged({
						id: keepId,
						name: finalName,
						dropped: droppedName,
						undoToken: result.undo_token,
					});
				},
			},
		);
	};

	const sideHeader = (side: Side) => {
		const r = records[side];
		const isKept = side === kept;
		const sub =
			records.entity === "contact"
				? (records[side].company_name ?? records[side].emails[0]?.value ?? "")
				: (records[side].domain ?? "");
		return (
			<div
				className={`merge-head${isKept ? " is-kept" : ""}`}
				data-testid={`merge-head-${side}`}
				data-kept={isKept}
			>
				<span className={`merge-role${isKept ? " merge-role-kept" : ""}`}>
					{isKept ? "Stays" : "Goes to Trash"}
				</span>
				<strong className="merge-name">{nameOf(records, side)}</strong>
				{sub && <span className="cell-muted">{sub}</span>}
				<span className="cell-muted">Added {relativeTime(r.created_at)}</span>
			</div>
		);
	};

	return (
		<form
			ref={form}
			className="form merge-form"
			onSubmit={submit}
			aria-describedby={`${formId}-summary`}
		>
			<div className="merge-grid">
				<div className="merge-heads">
					<div className="merge-swap-cell">
						<button
							type="button"
							className="button button-small"
							data-testid="merge-swap"
							onClick={() => setKept(dropped)}
							title={`Keep ${droppedName} instead`}
							aria-label={`Swap: keep ${droppedName} instead of ${keptName}`}
						>
							<ArrowLeftRight size={13} aria-hidden="true" />
							Swap
						</button>
					</div>
					{sideHeader("a")}
					{sideHeader("b")}
				</div>

				{differing.map((row) => {
					const chosen = chosenSide(row, kept, choices[row.name]);
					const labelId = `${formId}-${row.name}`;
					return (
						<div
							key={row.name}
							className="merge-row"
							role="radiogroup"
							aria-labelledby={labelId}
							data-testid={`merge-field-${row.name}`}
						>
							<span className="merge-label" id={labelId}>
								{row.label}
							</span>
							{(["a", "b"] as const).map((side) => {
								const value = row[side];
								const empty = value.key === null;
								return (
									<label
										key={side}
										className={`merge-option${chosen === side ? " is-chosen" : ""}${empty ? " is-empty" : ""}`}
										title={empty ? "An empty value never replaces a filled one" : undefined}
									>
										<input
											type="radio"
											name={labelId}
											value={side}
											checked={chosen === side}
											disabled={empty}
											data-testid={`merge-pick-${row.name}-${side}`}
											onChange={() => setChoices((c) => ({ ...c, [row.name]: side }))}
										/>
										<span className="merge-value">{value.display || "—"}</span>
									</label>
								);
							})}
						</div>
					);
				})}

				{records.entity === "contact" && <PointsRows a={records.a} b={records.b} />}
			</div>

			{differing.length === 0 && (
				<p className="cell-muted" data-testid="merge-no-differences">
					Every field has the same value in both records.
				</p>
			)}
			{same.length > 0 && (
				<p className="merge-same cell-muted" data-testid="merge-same">
					Same in both: {same.map((r) => r.label).join(", ")}.
				</p>
			)}

			<section className="merge-summary" id={`${formId}-summary`} data-testid="merge-summary">
				<h3>When you merge</h3>
				<ul>
					<li>
						<strong>{keptName}</strong> stays, with the values chosen above.
					</li>
					{records.entity === "contact" ? (
						<li>Emails and phones of both are kept, and their tags combined.</li>
					) : (
						<li>The tags of both are combined.</li>
					)}
					<li>
						{records.entity === "company" ? "Contacts, deals" : "Deals"}, activities, notes, tasks
						and emails of {droppedName} move to {keptName}.
					</li>
					<li>
						<strong>{droppedName}</strong> goes to the Trash. You can restore it from there, but
						what moved stays with {keptName}.
					</li>
				</ul>
			</section>

			{merge.isError && (
				<p className="form-error" role="alert">
					{errorMessage(merge.error)}
				</p>
			)}
			<FormActions
				onCancel={onClose}
				testId="merge-confirm"
				pending={merge.isPending}
				pendingLabel="Merging"
			>
				Merge into {keptName}
			</FormActions>
		</form>
	);
}

/** Emails and phones are not chosen: the kept record gets all of both. */
function PointsRows({ a, b }: { a: ContactDetail; b: ContactDetail }) {
	const kinds = [
		{ key: "emails", label: "Emails" },
		{ key: "phones", label: "Phones" },
	] as const;
	return kinds
		.filter(({ key }) => a[key].length > 0 || b[key].length > 0)
		.map(({ key, label }) => (
			<div key={key} className="merge-row merge-row-info" data-testid={`merge-points-${key}`}>
				<span className="merge-label">
					{label}
					<span className="merge-note">all kept</span>
				</span>
				{[a, b].map((c) => (
					<span key={c.id} className="merge-points">
						{c[key].length === 0 ? "—" : c[key].map((p) => <span key={p.id}>{p.value}</span>)}
					</span>
				))}
			</div>
		));
}
