import { ArrowRight, Building2, User } from "lucide-react";
import { useState } from "react";
import type { Deal } from "../../bindings";
import { CustomFieldValues } from "../../components/CustomFieldValues";
import { EditDeleteButtons, Fact, RecordPanel } from "../../components/RecordPanel";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { TagEditor } from "../../components/tags/TagEditor";
import { fullTime, relativeTime } from "../../format/relativeTime";
import { useTrashWithUndo } from "../../hooks/useTrashWithUndo";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { useContact } from "../contacts/queries";
import { useCustomFields } from "../customFields/queries";
import { ComposeButton } from "../outbox/ComposeButton";
import { daysInStage } from "../pipeline/board";
import { formatMoney } from "../pipeline/money";
import { Timeline } from "../timeline/Timeline";
import { DealForm } from "./DealForm";
import { DealStatusPill } from "./DealStatusPill";
import { useDeal, useDealHistory, useTrashDeals } from "./queries";
import "../../components/records.css";

type Props = { dealId: number; onClose: () => void };

/**
 * A deal's page: its fields and custom values, where it has been (stage history) and what happened
 * (timeline), with an edit form. Opened from a board card, a company's deals, or the Deals list.
 */
export function DealPanel({ dealId, onClose }: Props) {
	const deal = useDeal(dealId);
	const toast = useToast();
	return (
		<RecordPanel
			record={deal}
			name={(d) => d.title}
			noun="Deal"
			testId="deal-panel"
			loadingLabel="Loading deal"
			onClose={onClose}
			form={(d, done) => (
				<DealForm
					deal={d}
					onCancel={done}
					onSaved={(saved) => {
						done();
						toast.show({ message: `Saved “${saved.title}”.` });
					}}
				/>
			)}
			details={(d, edit) => <DealDetails deal={d} onEdit={edit} onDeleted={onClose} />}
		/>
	);
}

function DealDetails({
	deal: d,
	onEdit,
	onDeleted,
}: {
	deal: Deal;
	onEdit: () => void;
	onDeleted: () => void;
}) {
	const fields = useCustomFields("deal");
	const mutations = useTrashDeals();
	const trashWithUndo = useTrashWithUndo(mutations);
	const navigate = useNavigate();
	const [error, setError] = useState<string | null>(null);

	const onDelete = () =>
		trashWithUndo(d.id, `“${d.title}”`, {
			onTrashed: onDeleted,
			onError: (err) => setError(errorMessage(err)),
		});

	const days = daysInStage(d.stage_changed_at);
	return (
		<div data-testid="deal-details">
			{error && (
				<p className="form-error" role="alert">
					{error}
				</p>
			)}
			<div className="record-header">
				<DealStatusPill deal={d} />
				<strong data-testid="deal-panel-value">{formatMoney(d.value_cents, d.currency)}</strong>
				<span className="cell-muted">{d.probability}%</span>
				<span className="spacer" />
				{d.contact_id !== null && <DealCompose deal={d} contactId={d.contact_id} />}
				<EditDeleteButtons
					testPrefix="deal"
					onEdit={onEdit}
					onDelete={onDelete}
					deleting={mutations.trash.isPending}
				/>
			</div>
			<dl className="facts" data-testid="deal-facts">
				<Fact label="Company">
					{d.company_id !== null && d.company_name && (
						<button
							type="button"
							className="link-button"
							onClick={() => navigate("companies", d.company_id ?? undefined)}
						>
							<Building2 size={12} aria-hidden="true" /> {d.company_name}
						</button>
					)}
				</Fact>
				<Fact label="Contact">
					{d.contact_id !== null && d.contact_name && (
						<button
							type="button"
							className="link-button"
							onClick={() => navigate("contacts", d.contact_id ?? undefined)}
						>
							<User size={12} aria-hidden="true" /> {d.contact_name}
						</button>
					)}
				</Fact>
				<Fact label="Stage">
					{d.stage_name}
					{d.status === "open" && (
						<span className="cell-muted">
							{" "}
							· {days} {days === 1 ? "day" : "days"} in stage
						</span>
					)}
				</Fact>
				<Fact label="Probability">
					{d.probability}%
					<span className="cell-muted">
						{d.probability_set
							? ` (set for this deal; stage says ${d.stage_probability}%)`
							: " (from the stage)"}
					</span>
				</Fact>
				<Fact label="Expected close">{d.expected_close && formatDate(d.expected_close)}</Fact>
				{d.status === "lost" && <Fact label="Lost because">{d.loss_reason}</Fact>}
			</dl>
			{(fields.data?.length ?? 0) > 0 && (
				<section className="record-section" aria-label="Custom fields">
					<CustomFieldValues fields={fields.data ?? []} values={d.custom} />
				</section>
			)}
			<StageHistory dealId={d.id} />
			<TagEditor record={{ entity: "deal", id: d.id }} />
			<Timeline record={{ entity: "deal", id: d.id }} />
		</div>
	);
}

function StageHistory({ dealId }: { dealId: number }) {
	const history = useDealHistory(dealId);
	return (
		<section className="record-section" data-testid="stage-history">
			<h3>Stage history</h3>
			{history.isPending ? (
				<Spinner label="Loading stage history" />
			) : history.isError ? (
				<p className="form-error" role="alert">
					{errorMessage(history.error)}
				</p>
			) : (
				<ol className="stage-history">
					{[...history.data].reverse().map((h) => (
						<li
							key={`${h.changed_at}-${h.from_stage}-${h.to_stage}`}
							data-testid="stage-history-entry"
						>
							{h.from_stage ? (
								<span>
									{h.from_stage} <ArrowRight size={11} aria-label="to" /> {h.to_stage}
								</span>
							) : (
								<span>Created in {h.to_stage}</span>
							)}
							<time className="cell-muted" dateTime={h.changed_at} title={fullTime(h.changed_at)}>
								{relativeTime(h.changed_at)}
							</time>
							{h.seconds_in_from !== null && h.from_stage && (
								<span className="cell-muted">
									after {duration(h.seconds_in_from)} in {h.from_stage}
								</span>
							)}
						</li>
					))}
				</ol>
			)}
		</section>
	);
}

/** "3 days", "5 hours", "a few minutes". */
function duration(seconds: number): string {
	const days = Math.floor(seconds / 86_400);
	if (days >= 1) return `${days} ${days === 1 ? "day" : "days"}`;
	const hours = Math.floor(seconds / 3600);
	if (hours >= 1) return `${hours} ${hours === 1 ? "hour" : "hours"}`;
	return "a few minutes";
}

function formatDate(ymd: string): string {
	const d = new Date(`${ymd}T00:00:00`);
	return Number.isNaN(d.getTime())
		? ymd
		: d.toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });
}

/** "Email" to the deal's contact, when they have an address; the message is filed on the deal too. */
function DealCompose({ deal, contactId }: { deal: Deal; contactId: number }) {
	const contact = useContact(contactId);
	const emails = contact.data?.emails ?? [];
	return (
		<ComposeButton
			contactId={contactId}
			dealId={deal.id}
			email={(emails.find((e) => e.is_primary) ?? emails[0])?.value}
			name={deal.contact_name ?? undefined}
			testId="deal-compose"
		/>
	);
}
