import { Globe, Handshake, User } from "lucide-react";
import { useState } from "react";
import type { Company, CompanyRelated } from "../../bindings";
import { CustomFieldValues } from "../../components/CustomFieldValues";
import { Dialog } from "../../components/Dialog";
import { EditDeleteButtons, Fact, RecordPanel } from "../../components/RecordPanel";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { TagEditor } from "../../components/tags/TagEditor";
import { useTrashWithUndo } from "../../hooks/useTrashWithUndo";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { LifecycleBadge } from "../contacts/LifecycleBadge";
import { useCustomFields } from "../customFields/queries";
import { DealPanel } from "../deals/DealPanel";
import { DealStatusPill } from "../deals/DealStatusPill";
import { ComposeButton } from "../outbox/ComposeButton";
import { formatMoney } from "../pipeline/money";
import { Timeline } from "../timeline/Timeline";
import { CompanyForm } from "./CompanyForm";
import { useCompany, useCompanyRelated, useTrashCompanies } from "./queries";
import "../../components/records.css";

type Props = { companyId: number | null; onClose: () => void };

/** A company's page: its facts and custom values, its people and deals, its timeline; or the form. */
export function CompanyPanel({ companyId, onClose }: Props) {
	const company = useCompany(companyId);
	const toast = useToast();

	if (companyId === null) {
		return (
			<Dialog title="New company" onClose={onClose} testId="company-dialog">
				<CompanyForm
					existing={null}
					onCancel={onClose}
					onSaved={(saved) => {
						onClose();
						toast.show({ message: `Added ${saved.name}.` });
					}}
				/>
			</Dialog>
		);
	}
	return (
		<RecordPanel
			record={company}
			name={(c) => c.name}
			noun="Company"
			testId="company-dialog"
			loadingLabel="Loading company"
			onClose={onClose}
			form={(c, done) => (
				<CompanyForm
					existing={c}
					onCancel={done}
					onSaved={(saved) => {
						done();
						toast.show({ message: `Saved ${saved.name}.` });
					}}
				/>
			)}
			details={(c, edit) => <CompanyDetails company={c} onEdit={edit} onDeleted={onClose} />}
		/>
	);
}

function CompanyDetails({
	company: c,
	onEdit,
	onDeleted,
}: {
	company: Company;
	onEdit: () => void;
	onDeleted: () => void;
}) {
	const fields = useCustomFields("company");
	const mutations = useTrashCompanies();
	const trashWithUndo = useTrashWithUndo(mutations);
	const [error, setError] = useState<string | null>(null);

	const onDelete = () =>
		trashWithUndo(c.id, c.name, {
			onTrashed: onDeleted,
			onError: (err) => setError(errorMessage(err)),
		});

	const location = [c.city, c.country].filter(Boolean).join(", ");
	return (
		<div data-testid="company-details">
			{error && (
				<p className="form-error" role="alert">
					{error}
				</p>
			)}
			<div className="record-header">
				{c.domain && (
					<span className="cell-muted" data-testid="company-domain">
						<Globe size={12} aria-hidden="true" /> {c.domain}
					</span>
				)}
				{c.industry && <span className="cell-muted">{c.industry}</span>}
				<span className="spacer" />
				<EditDeleteButtons
					testPrefix="company"
					onEdit={onEdit}
					onDelete={onDelete}
					deleting={mutations.trash.isPending}
				/>
			</div>
			<dl className="facts" data-testid="company-facts">
				<Fact label="Website">{c.website ?? c.domain}</Fact>
				<Fact label="Industry">{c.industry}</Fact>
				<Fact label="Size">{c.size && `${c.size} people`}</Fact>
				<Fact label="Phone">{c.phone}</Fact>
				<Fact label="Location">{location}</Fact>
				{c.description && <Fact label="About">{c.description}</Fact>}
			</dl>
			{(fields.data?.length ?? 0) > 0 && (
				<section className="record-section" aria-label="Custom fields">
					<CustomFieldValues fields={fields.data ?? []} values={c.custom} />
				</section>
			)}
			<Related companyId={c.id} />
			<TagEditor record={{ entity: "company", id: c.id }} />
			<Timeline record={{ entity: "company", id: c.id }} />
		</div>
	);
}

/** The company's people and deals; a person opens in Contacts, a deal in its own panel. */
function Related({ companyId }: { companyId: number }) {
	const related = useCompanyRelated(companyId);
	const navigate = useNavigate();
	const [openDeal, setOpenDeal] = useState<number | null>(null);
	if (related.isPending) return <Spinner label="Loading contacts and deals" />;
	if (related.isError)
		return (
			<p className="form-error" role="alert">
				{errorMessage(related.error)}
			</p>
		);
	const r: CompanyRelated = related.data;
	return (
		<>
			<section className="record-section" data-testid="company-contacts">
				<h3>
					Contacts <span className="count">{r.contacts_total}</span>
				</h3>
				{r.contacts.length === 0 ? (
					<p className="hint">No one from this company yet. Link contacts to it from their form.</p>
				) : (
					<ul className="related-list">
						{r.contacts.map((p) => (
							<li key={p.id} data-testid="company-contact">
								<User size={13} aria-hidden="true" className="cell-muted" />
								<button
									type="button"
									className="link-button related-main"
									onClick={() => navigate("contacts", p.id)}
								>
									{p.name || p.email || "Unnamed"}
								</button>
								<span className="cell-muted">{p.title}</span>
								<LifecycleBadge lifecycle={p.lifecycle} leadStatus={null} />
								<ComposeButton
									contactId={p.id}
									email={p.email}
									name={p.name}
									testId="company-contact-compose"
									compact
								/>
							</li>
						))}
					</ul>
				)}
				{r.contacts_total > r.contacts.length && (
					<p className="hint">
						Showing {r.contacts.length} of {r.contacts_total}.
					</p>
				)}
			</section>
			<section className="record-section" data-testid="company-deals">
				<h3>
					Deals <span className="count">{r.deals_total}</span>
				</h3>
				{r.deals.length === 0 ? (
					<p className="hint">No deals with this company yet.</p>
				) : (
					<ul className="related-list">
						{r.deals.map((d) => (
							<li key={d.id} data-testid="company-deal">
								<Handshake size={13} aria-hidden="true" className="cell-muted" />
								<button
									type="button"
									className="link-button related-main"
									onClick={() => setOpenDeal(d.id)}
								>
									{d.title}
								</button>
								<span className="cell-muted">{formatMoney(d.value_cents, d.currency)}</span>
								<DealStatusPill deal={d} />
							</li>
						))}
					</ul>
				)}
			</section>
			{openDeal !== null && <DealPanel dealId={openDeal} onClose={() => setOpenDeal(null)} />}
		</>
	);
}
