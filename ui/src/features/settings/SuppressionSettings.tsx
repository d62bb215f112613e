import { useMutation, useQuery } from "@tanstack/react-query";
import { AtSign, Building2, Globe, type LucideIcon, Plus, ShieldOff, Trash2 } from "lucide-react";
import { type FormEvent, useId, useRef, useState } from "react";
import type {
	Suppression,
	SuppressionInput,
	SuppressionKind,
	SuppressionReason,
} from "../../bindings";
import { Field } from "../../components/Field";
import {
	type FormErrors,
	focusField,
	formErrorsFrom,
	noFormErrors,
} from "../../components/formErrors";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { relativeTime } from "../../format/relativeTime";
import { useDebounced } from "../../hooks/useDebounced";
import { useBackend } from "../../ipc/backend";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { templateKeys } from "../templates/queries";
import "../../components/records.css";
import "../templates/templates.css";
import "./suppressionSettings.css";

const kinds: Record<SuppressionKind, { icon: LucideIcon; label: string; placeholder: string }> = {
	email: { icon: AtSign, label: "Email", placeholder: "name@example.com" },
	domain: { icon: Globe, label: "Domain", placeholder: "example.com" },
	company: { icon: Building2, label: "Company", placeholder: "Search companies…" },
};

export const reasons: Record<SuppressionReason, string> = {
	manual: "Added by hand",
	unsubscribe: "Unsubscribed",
	hard_bounce: "Hard bounce",
	complaint: "Spam complaint",
};

const inputOf = (s: Suppression): SuppressionInput => ({
	kind: s.kind,
	value: s.kind === "company" ? "" : s.value,
	company_id: s.kind === "company" ? Number(s.value) : null,
	reason: s.reason,
	note: s.note,
});

/** Settings → Suppression: addresses, domains and companies that are never mailed. */
export function SuppressionSettings() {
	const backend = useBackend();
	const toast = useToast();
	const list = useQuery({
		queryKey: templateKeys.suppressions,
		queryFn: () => unwrap(backend.commands.suppressionsList()),
	});
	const add = useMutation({
		mutationFn: (input: SuppressionInput) => unwrap(backend.commands.suppressionAdd(input)),
	});
	const remove = useMutation({
		mutationFn: (id: number) => unwrap(backend.commands.suppressionRemove(id)),
	});

	const onRemove = (entry: Suppression) =>
		remove.mutate(entry.id, {
			onSuccess: (removed) =>
				toast.show({
					message: `${removed.label} can be mailed again.`,
					action: {
						label: "Undo",
						testId: "suppression-undo",
						onClick: () =>
							add.mutate(inputOf(removed), {
								onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
							}),
					},
				}),
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});

	const entries = list.data ?? [];
	return (
		<section
			className="panel"
			data-testid="suppression-settings"
			aria-labelledby="suppression-heading"
		>
			<div className="settings-section-header">
				<h2 id="suppression-heading">Suppression list</h2>
			</div>
			<p className="hint">
				Mail is never sent to what is listed here: an address, every address at a domain (and its
				subdomains), or everyone at a company. Unsubscribes and hard bounces are added for you.
			</p>
			<AddSuppressionForm
				pending={add.isPending}
				onAdd={(input, done) => add.mutate(input, done)}
			/>
			{list.isPending ? (
				<Spinner label="Loading the suppression list" />
			) : list.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(list.error)}
				</p>
			) : entries.length === 0 ? (
				<p className="hint" data-testid="suppression-empty">
					Nobody is suppressed yet.
				</p>
			) : (
				<ul className="suppression-list" aria-label="Suppressed">
					{entries.map((s) => {
						const { icon: Icon, label } = kinds[s.kind];
						return (
							<li key={s.id} className="suppression-row" data-testid="suppression-row">
								<Icon size={14} aria-label={label} />
								<span className="suppression-main">
									<span className="suppression-label">{s.label}</span>
									<span className="cell-muted">
										{reasons[s.reason]}
										{s.note && ` — ${s.note}`} · {relativeTime(s.created_at)}
									</span>
								</span>
								<button
									type="button"
									className="button button-small button-danger-ghost"
									data-testid="suppression-remove"
									aria-label={`Remove ${s.label} from the suppression list`}
									disabled={remove.isPending}
									onClick={() => onRemove(s)}
								>
									<Trash2 size={13} aria-hidden="true" />
									Remove
								</button>
							</li>
						);
					})}
				</ul>
			)}
			<CheckAddress />
		</section>
	);
}

type Done = { onSuccess: () => void; onError: (err: unknown) => void };

function AddSuppressionForm({
	pending,
	onAdd,
}: {
	pending: boolean;
	onAdd: (input: SuppressionInput, done: Done) => void;
}) {
	const [kind, setKind] = useState<SuppressionKind>("email");
	const [value, setValue] = useState("");
	const [company, setCompany] = useState<{ id: number; name: string } | null>(null);
	const [reason, setReason] = useState<SuppressionReason>("manual");
	const [note, setNote] = useState("");
	const [errors, setErrors] = useState<FormErrors>(noFormErrors);
	const form = useRef<HTMLFormElement>(null);

	const submit = (e: FormEvent) => {
		e.preventDefault();
		onAdd(
			{
				kind,
				value,
				company_id: kind === "company" ? (company?.id ?? null) : null,
				reason,
				note: note || null,
			},
			{
				onSuccess: () => {
					setValue("");
					setCompany(null);
					setNote("");
					setErrors(noFormErrors);
				},
				onError: (err) => {
					const next = formErrorsFrom(err, ["value", "company_id"]);
					setErrors(next);
					focusField(form.current, next);
				},
			},
		);
	};

	return (
		<form
			ref={form}
			className="form suppression-form"
			onSubmit={submit}
			noValidate
			data-testid="suppression-form"
		>
			{errors.form && (
				<p className="form-error" role="alert">
					{errors.form}
				</p>
			)}
			<div className="suppression-form-row">
				<Field label="Kind" name="kind">
					{(p) => (
						<select
							{...p}
							value={kind}
							data-testid="suppression-kind"
							onChange={(e) => {
								setKind(e.target.value as SuppressionKind);
								setErrors(noFormErrors);
							}}
						>
							{(Object.keys(kinds) as SuppressionKind[]).map((k) => (
								<option key={k} value={k}>
									{kinds[k].label}
								</option>
							))}
						</select>
					)}
				</Field>
				{kind === "company" ? (
					<Field label="Company" name="company_id" error={errors.fields.company_id}>
						{(p) => <CompanySearch {...p} value={company} onChange={setCompany} />}
					</Field>
				) : (
					<Field label={kinds[kind].label} name="value" error={errors.fields.value}>
						{(p) => (
							<input
								{...p}
								name="value"
								value={value}
								placeholder={kinds[kind].placeholder}
								data-testid="suppression-value"
								onChange={(e) => setValue(e.target.value)}
							/>
						)}
					</Field>
				)}
				<Field label="Reason" name="reason">
					{(p) => (
						<select
							{...p}
							value={reason}
							onChange={(e) => setReason(e.target.value as SuppressionReason)}
						>
							{(Object.keys(reasons) as SuppressionReason[]).map((r) => (
								<option key={r} value={r}>
									{reasons[r]}
								</option>
							))}
						</select>
					)}
				</Field>
			</div>
			<div className="suppression-form-row">
				<Field label="Note (optional)" name="note">
					{(p) => <input {...p} value={note} onChange={(e) => setNote(e.target.value)} />}
				</Field>
				<button type="submit" className="button" data-testid="suppression-add" disabled={pending}>
					{pending ? <Spinner size={14} label="Adding" /> : <Plus size={14} aria-hidden="true" />}
					Add to list
				</button>
			</div>
		</form>
	);
}

function CompanySearch({
	value,
	onChange,
	...p
}: {
	id: string;
	"aria-invalid": boolean;
	"aria-describedby"?: string;
	value: { id: number; name: string } | null;
	onChange: (c: { id: number; name: string } | null) => void;
}) {
	const backend = useBackend();
	const [query, setQuery] = useState("");
	const debounced = useDebounced(query.trim(), 150);
	const listId = useId();
	const hits = useQuery({
		queryKey: ["search", "suppressionCompany", debounced],
		queryFn: () => unwrap(backend.commands.search(debounced, 20)),
		enabled: debounced.length > 0,
	});
	const companies = (hits.data ?? []).filter((h) => h.entity === "company").slice(0, 6);
	return (
		<div className="record-chooser-search">
			<input
				{...p}
				name="company_id"
				type="search"
				role="combobox"
				aria-expanded={companies.length > 0 && query !== ""}
				aria-controls={listId}
				value={value && query === "" ? value.name : query}
				placeholder="Search companies…"
				data-testid="suppression-company"
				onChange={(e) => {
					setQuery(e.target.value);
					onChange(null);
				}}
			/>
			{query !== "" && companies.length > 0 && (
				<div className="record-chooser-options" id={listId} role="listbox">
					{companies.map((c) => (
						<div
							key={c.id}
							role="option"
							tabIndex={-1}
							aria-selected={false}
							onMouseDown={(e) => e.preventDefault()}
							onClick={() => {
								onChange({ id: c.id, name: c.title });
								setQuery("");
							}}
							onKeyDown={() => {}}
						>
							<Building2 size={13} aria-hidden="true" />
							{c.title}
						</div>
					))}
				</div>
			)}
		</div>
	);
}

/** "Would this address be mailed?" — the same check the outbox makes before sending. */
function CheckAddress() {
	const backend = useBackend();
	const [email, setEmail] = useState("");
	const check = useMutation({
		mutationFn: (address: string) => unwrap(backend.commands.suppressionCheck(address)),
	});
	const id = useId();
	return (
		<form
			className="suppression-check"
			onSubmit={(e) => {
				e.preventDefault();
				if (email.trim()) check.mutate(email.trim());
			}}
		>
			<label htmlFor={id}>Check an address</label>
			<input
				id={id}
				type="email"
				value={email}
				placeholder="name@example.com"
				data-testid="suppression-check-input"
				onChange={(e) => {
					setEmail(e.target.value);
					check.reset();
				}}
			/>
			<button type="submit" className="button button-small" disabled={!email.trim()}>
				Check
			</button>
			{check.isSuccess && (
				<span className="suppression-verdict" data-testid="suppression-verdict" role="status">
					{check.data ? (
						<>
							<ShieldOff size={13} aria-hidden="true" /> Not sent: {check.data}
						</>
					) : (
						"Not suppressed: mail to it is sent."
					)}
				</span>
			)}
			{check.isError && <span className="field-error">{errorMessage(check.error)}</span>}
		</form>
	);
}
