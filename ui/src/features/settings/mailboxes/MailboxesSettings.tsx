import { FolderSync, Pause, Pencil, Play, Plus, ShieldAlert, Trash2, Zap } from "lucide-react";
import { useState } from "react";
import type { ConnectionTest, Mailbox, MailboxState } from "../../../bindings";
import { ActionButton } from "../../../components/ActionButton";
import { ConfirmDialog } from "../../../components/ConfirmDialog";
import { QueryStatus } from "../../../components/QueryStatus";
import { Spinner } from "../../../components/Spinner";
import { useToast } from "../../../components/Toast";
import { errorMessage } from "../../../ipc/unwrap";
import { ConnectionResult } from "./ConnectionResult";
import { MailboxForm, securityLabel } from "./MailboxForm";
import { useMailboxes, useMailboxMutations } from "./queries";
import { SyncSettings } from "./SyncSettings";
import "../../../components/records.css";
import "./mailboxes.css";

const stateLabel: Record<MailboxState, string> = {
	active: "Sending",
	paused: "Paused",
	auth_failed: "Password refused",
};

/** Settings → Mailboxes: where mail goes out from, each with its state at a glance. */
export function MailboxesSettings() {
	const mailboxes = useMailboxes();
	const [editing, setEditing] = useState<Mailbox | "new" | null>(null);
	const [removing, setRemoving] = useState<Mailbox | null>(null);
	const { remove } = useMailboxMutations();
	const toast = useToast();
	const list = mailboxes.data ?? [];

	const onRemove = (m: Mailbox) =>
		remove.mutate(m.id, {
			onSuccess: () => {
				setRemoving(null);
				toast.show({ message: `Removed ${m.name}; its password was deleted from the keychain.` });
			},
			onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
		});

	return (
		<section className="panel" data-testid="mailboxes-settings" aria-labelledby="mailboxes-heading">
			<div className="settings-section-header">
				<h2 id="mailboxes-heading">Mailboxes</h2>
				<ActionButton icon={Plus} testId="mailbox-add" onClick={() => setEditing("new")}>
					Add mailbox
				</ActionButton>
			</div>
			{mailboxes.isPending || mailboxes.isError ? (
				<QueryStatus query={mailboxes} loading="Loading mailboxes" />
			) : list.length === 0 ? (
				<p className="hint" data-testid="mailboxes-empty">
					No mailbox yet. Add the address you send from (Gmail, Outlook, iCloud, Fastmail, your
					company's server…) and Outpost sends through it, filing a copy in its Sent folder. Most
					providers want an app password; it is kept in your system keychain, never in Outpost's
					database.
				</p>
			) : (
				<ul className="field-defs mailbox-list" aria-label="Mailboxes">
					{list.map((m) => (
						<MailboxRow
							key={m.id}
							mailbox={m}
							onEdit={() => setEditing(m)}
							onRemove={() => setRemoving(m)}
						/>
					))}
				</ul>
			)}
			{editing && (
				<MailboxForm
					mailbox={editing === "new" ? null : editing}
					onClose={() => setEditing(null)}
					onSaved={(m) => {
						setEditing(null);
						toast.show({ message: `Saved ${m.name}.` });
					}}
				/>
			)}
			{removing && (
				<ConfirmDialog
					title={`Remove ${removing.name}?`}
					testId="mailbox-remove-dialog"
					confirm={{
						testId: "mailbox-remove-confirm",
						label: "Remove mailbox",
						pendingLabel: "Removing",
					}}
					pending={remove.isPending}
					onConfirm={() => onRemove(removing)}
					onCancel={() => setRemoving(null)}
				>
					<p>
						Outpost stops sending from {removing.email} and deletes its password from your system
						keychain. Mail already sent stays on the timeline. To use it again, add it again with
						its password.
					</p>
				</ConfirmDialog>
			)}
		</section>
	);
}

function MailboxRow({
	mailbox: m,
	onEdit,
	onRemove,
}: {
	mailbox: Mailbox;
	onEdit: () => void;
	onRemove: () => void;
}) {
	const { test, setState } = useMailboxMutations();
	const [result, setResult] = useState<ConnectionTest | null>(null);
	const [error, setError] = useState<string | null>(null);
	const [syncOpen, setSyncOpen] = useState(false);
	const toast = useToast();
	const insecure = m.smtp_security === "none" || m.imap_security === "none";
	const paused = m.state === "paused";

	const onTest = () => {
		setResult(null);
		setError(null);
		test.mutate(m.id, { onSuccess: setResult, onError: (err) => setError(errorMessage(err)) });
	};

	const togglePause = () =>
		setState.mutate(
			{ id: m.id, state: paused ? "active" : "paused" },
			{ onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }) },
		);

	return (
		<li data-testid="mailbox-row" data-mailbox-id={m.id} data-state={m.state}>
			<div className="field-def">
				<span
					className={`mailbox-dot mailbox-dot-${m.state}`}
					title={stateLabel[m.state]}
					aria-hidden="true"
				/>
				<div className="field-def-label">
					<div>
						<span className="cell-primary" data-testid="mailbox-name">
							{m.name}
						</span>{" "}
						{m.name !== m.email && <span className="field-def-meta">{m.email}</span>}
					</div>
					<div className="field-def-meta">
						SMTP {m.smtp_host}:{m.smtp_port} ({securityLabel[m.smtp_security]}) · IMAP {m.imap_host}
						:{m.imap_port} ({securityLabel[m.imap_security]})
						{m.daily_limit > 0 ? ` · up to ${m.daily_limit} a day` : ""}
					</div>
				</div>
				{insecure && (
					<span className="badge mailbox-badge-insecure" title="Password sent unencrypted">
						<ShieldAlert size={12} aria-hidden="true" />
						Unencrypted
					</span>
				)}
				<span
					className={`badge mailbox-state mailbox-state-${m.state}`}
					data-testid="mailbox-state"
					title={m.state_reason ?? undefined}
				>
					{stateLabel[m.state]}
				</span>
				<span className="field-def-actions">
					<button
						type="button"
						className="button button-small"
						data-testid="mailbox-test"
						disabled={test.isPending}
						onClick={onTest}
					>
						{test.isPending ? (
							<Spinner size={12} label="Testing" />
						) : (
							<Zap size={12} aria-hidden="true" />
						)}
						Test
					</button>
					<button
						type="button"
						className="button button-small"
						data-testid="mailbox-sync-toggle"
						aria-expanded={syncOpen}
						aria-controls={`mailbox-sync-${m.id}`}
						onClick={() => setSyncOpen((o) => !o)}
					>
						<FolderSync size={12} aria-hidden="true" />
						Sync
					</button>
					<button
						type="button"
						className="icon-button"
						aria-label={paused ? `Resume sending from ${m.name}` : `Pause sending from ${m.name}`}
						title={paused ? "Resume sending" : "Pause sending"}
						data-testid="mailbox-pause"
						disabled={setState.isPending}
						onClick={togglePause}
					>
						{paused ? <Play size={14} /> : <Pause size={14} />}
					</button>
					<button
						type="button"
						className="icon-button"
						aria-label={`Edit ${m.name}`}
						title="Edit"
						data-testid="mailbox-edit"
						onClick={onEdit}
					>
						<Pencil size={14} />
					</button>
					<button
						type="button"
						className="icon-button icon-button-danger"
						aria-label={`Remove ${m.name}`}
						title="Remove"
						data-testid="mailbox-remove"
						onClick={onRemove}
					>
						<Trash2 size={14} />
					</button>
				</span>
			</div>
			{m.state === "auth_failed" && (
				<p className="mailbox-state-reason" role="status" data-testid="mailbox-state-reason">
					The server refused the password{m.state_reason ? ` (${m.state_reason})` : ""}. Sending is
					paused until you enter a new one: choose Edit.
				</p>
			)}
			{syncOpen && (
				<div className="mailbox-test-result" id={`mailbox-sync-${m.id}`}>
					<SyncSettings mailbox={m} />
				</div>
			)}
			{(result || error) && (
				<div className="mailbox-test-result" data-testid="mailbox-test-result">
					{result && <ConnectionResult result={result} />}
					{error && (
						<p className="form-error" role="alert">
							{error}
						</p>
					)}
				</div>
			)}
		</li>
	);
}
