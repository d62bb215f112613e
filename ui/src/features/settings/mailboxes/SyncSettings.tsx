import { useEffect, useId, useState } from "react";
import type { Mailbox, MailFolderInfo } from "../../../bindings";
import { QueryStatus } from "../../../components/QueryStatus";
import { Spinner } from "../../../components/Spinner";
import { useToast } from "../../../components/Toast";
import { errorMessage } from "../../../ipc/unwrap";
import { useMailSync, useMailSyncMutations, useServerFolders } from "./queries";

const roleLabel: Record<string, string> = { inbox: "Inbox", sent: "Sent" };

/**
 * A mailbox's sync: how far back a folder's first sync reaches, and which folders are synced. INBOX and
 * Sent are on unless turned off; other folders on the server only once turned on. The folders stored so
 * far show at once; the server's full list follows (it needs a sign-in, and may fail offline).
 */
export function SyncSettings({ mailbox }: { mailbox: Mailbox }) {
	const settings = useMailSync(mailbox.id);
	const server = useServerFolders(mailbox.id);
	const { setDays, setFolder } = useMailSyncMutations();
	const toast = useToast();
	const daysId = useId();
	const [days, setDraftDays] = useState("");
	const [daysError, setDaysError] = useState<string | null>(null);
	const stored = settings.data;

	useEffect(() => {
		if (stored) setDraftDays(String(stored.sync_days));
	}, [stored]);

	if (settings.isPending || settings.isError)
		return <QueryStatus query={settings} loading="Loading sync settings" />;

	const saveDays = () => {
		const n = Number(days);
		if (days.trim() === "" || String(n) === String(settings.data.sync_days)) return;
		if (!Number.isInteger(n) || n < 1 || n > 3650) {
			setDaysError("Choose a whole number of days between 1 and 3650.");
			return;
		}
		setDaysError(null);
		setDays.mutate(
			{ mailboxId: mailbox.id, days: n },
			{
				onSuccess: () =>
					toast.show({ message: `${mailbox.name}: first syncs reach back ${n} days.` }),
				onError: (err) => setDaysError(errorMessage(err)),
			},
		);
	};

	const folders = mergeFolders(settings.data.folders, server.data);
	const toggle = (f: MailFolderInfo, enabled: boolean) =>
		setFolder.mutate(
			{ mailboxId: mailbox.id, folder: f.name, enabled },
			{ onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }) },
		);

	return (
		<div className="mailbox-sync" data-testid="mailbox-sync">
			<div className="mailbox-sync-days">
				<label htmlFor={daysId}>First sync reaches back</label>
				<span className="input-suffix">
					<input
						id={daysId}
						type="number"
						min={1}
						max={3650}
						inputMode="numeric"
						data-testid="mailbox-sync-days"
						aria-invalid={daysError ? true : undefined}
						aria-describedby={`${daysId}-hint`}
						value={days}
						onChange={(e) => setDraftDays(e.target.value)}
						onBlur={saveDays}
						onKeyDown={(e) => {
							if (e.key === "Enter") {
								e.preventDefault();
								saveDays();
							}
						}}
					/>
					days
				</span>
			</div>
			<p className="hint" id={`${daysId}-hint`}>
				For folders synced for the first time; mail already synced stays as it is.
			</p>
			{daysError && (
				<p className="form-error" role="alert" data-testid="mailbox-sync-days-error">
					{daysError}
				</p>
			)}
			<fieldset className="mailbox-sync-folders">
				<legend>Folders synced</legend>
				<ul>
					{folders.map((f) => (
						<li key={f.name}>
							<label className="checkbox">
								<input
									type="checkbox"
									data-testid="mailbox-sync-folder"
									data-folder={f.name}
									checked={f.enabled}
									disabled={setFolder.isPending}
									onChange={(e) => toggle(f, e.target.checked)}
								/>
								<span>{f.name}</span>
								{roleLabel[f.role] && <span className="badge">{roleLabel[f.role]}</span>}
							</label>
						</li>
					))}
				</ul>
				{server.isPending && (
					<p className="hint">
						<Spinner size={12} label="Asking the server for its folders" /> Asking the server for
						its other folders…
					</p>
				)}
				{server.isError && (
					<p className="hint" data-testid="mailbox-sync-server-error">
						Could not list the server's other folders: {errorMessage(server.error)}{" "}
						<button type="button" className="link-button" onClick={() => server.refetch()}>
							Try again
						</button>
					</p>
				)}
			</fieldset>
		</div>
	);
}

/** The server's folders (names and roles), with on/off as stored where the rep chose; stored folders the
 * server no longer lists stay visible so they can be turned off. */
export function mergeFolders(
	stored: MailFolderInfo[],
	server: MailFolderInfo[] | undefined,
): MailFolderInfo[] {
	if (!server) return stored;
	const byName = new Map(stored.map((f) => [f.name, f]));
	const merged = server.map((f) => {
		const known = byName.get(f.name);
		return known ? { ...f, enabled: known.enabled } : f;
	});
	const listed = new Set(server.map((f) => f.name));
	return [...merged, ...stored.filter((f) => !listed.has(f.name))];
}
