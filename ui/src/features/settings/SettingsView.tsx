import { useQuery } from "@tanstack/react-query";
import { Spinner } from "../../components/Spinner";
import { useBackend } from "../../ipc/backend";
import { queryKeys } from "../../ipc/queryKeys";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import { BackupsSettings } from "./BackupsSettings";
import { CustomFieldsSettings } from "./CustomFieldsSettings";
import { MailboxesSettings } from "./mailboxes/MailboxesSettings";
import { PipelineSettings } from "./PipelineSettings";
import { ScoringSettings } from "./ScoringSettings";
import { SuppressionSettings } from "./SuppressionSettings";
import { TagsSettings } from "./TagsSettings";

export function SettingsView() {
	const backend = useBackend();
	const info = useQuery({
		queryKey: queryKeys.appInfo,
		queryFn: () => unwrap(backend.commands.appInfo()),
	});
	const stats = useQuery({
		queryKey: queryKeys.stats,
		queryFn: () => unwrap(backend.commands.stats()),
	});

	return (
		<div className="view">
			<header className="view-header">
				<div className="view-title">
					<h1>Settings</h1>
				</div>
			</header>
			<div className="view-body view-body-padded">
				<section className="panel">
					<h2>About this installation</h2>
					{info.isPending ? (
						<Spinner />
					) : info.isError ? (
						<p className="form-error">{errorMessage(info.error)}</p>
					) : (
						<dl className="facts" data-testid="app-info">
							<dt>Version</dt>
							<dd>{info.data.version}</dd>
							<dt>Database</dt>
							<dd>
								<code>{info.data.db_path}</code>
							</dd>
							<dt>Schema version</dt>
							<dd>{info.data.schema_version}</dd>
							<dt>Sample data</dt>
							<dd>{info.data.sample_loaded ? "Loaded" : "Not loaded"}</dd>
						</dl>
					)}
				</section>
				{stats.data && (
					<section className="panel">
						<h2>Records</h2>
						<dl className="facts">
							<dt>Contacts</dt>
							<dd>{stats.data.contacts}</dd>
							<dt>Leads</dt>
							<dd>{stats.data.leads}</dd>
							<dt>Companies</dt>
							<dd>{stats.data.companies}</dd>
							<dt>Deals</dt>
							<dd>{stats.data.deals}</dd>
							<dt>Pipelines</dt>
							<dd>{stats.data.pipelines}</dd>
						</dl>
					</section>
				)}
				<CustomFieldsSettings />
				<TagsSettings />
				<PipelineSettings />
				<ScoringSettings />
				<MailboxesSettings />
				<SuppressionSettings />
				<BackupsSettings />
			</div>
		</div>
	);
}
