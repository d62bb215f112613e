import type { UseQueryResult } from "@tanstack/react-query";
import type { EnrollResult, SkippedContact, SkipReason } from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { errorMessage } from "../../ipc/unwrap";

export const skipLabels: Record<SkipReason, string> = {
	not_found: "Not found",
	no_email: "No email address",
	suppressed: "Suppressed",
	bounced: "Bounced before",
	unsubscribed: "Unsubscribed",
	already_enrolled: "Already enrolled",
	missing_merge_fields: "Missing merge fields",
};

type Props = {
	preview: UseQueryResult<EnrollResult>;
	/** Test ids: `${testPrefix}-preview`, `-count` and `-error`. */
	testPrefix: string;
	/** The spinner's label while the core checks. */
	checking: string;
	/** What happens to the counted contacts, e.g. "contacts will be enrolled". */
	outcome: (count: number) => string;
};

/** The enrollment preview's answer, before anyone is enrolled: how many go in, who is skipped and why. */
export function EnrollPreview({ preview, testPrefix, checking, outcome }: Props) {
	if (preview.isPending) return <Spinner label={checking} />;
	if (preview.isError)
		return (
			<p className="form-error" role="alert" data-testid={`${testPrefix}-error`}>
				{errorMessage(preview.error)}
			</p>
		);
	const { enrolled, skipped } = preview.data;
	return (
		<div data-testid={`${testPrefix}-preview`}>
			<p className="lede">
				<strong data-testid={`${testPrefix}-count`}>{enrolled}</strong> {outcome(enrolled)}
				{skipped.length > 0 && (
					<>
						; <strong>{skipped.length}</strong> will be skipped
					</>
				)}
				.
			</p>
			{skipped.length > 0 && <SkipList skipped={skipped} />}
		</div>
	);
}

/** Who is skipped, counted by reason, then one by one with the detail. */
export function SkipList({ skipped }: { skipped: SkippedContact[] }) {
	const byReason = new Map<SkipReason, number>();
	for (const s of skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
	return (
		<>
			<ul className="enroll-reasons" data-testid="enroll-reasons">
				{[...byReason].map(([reason, n]) => (
					<li key={reason} className="badge seq-status">
						{skipLabels[reason]}: {n}
					</li>
				))}
			</ul>
			<div className="table-wrap enroll-skips">
				<table className="table enroll-skip-table">
					<thead>
						<tr>
							<th>Skipped</th>
							<th>Why</th>
						</tr>
					</thead>
					<tbody>
						{skipped.map((s) => (
							<tr key={s.contact_id} data-testid="enroll-skip">
								<td>
									<span className="cell-primary">{s.name}</span>
									{s.email && <span className="cell-muted"> {s.email}</span>}
								</td>
								<td>
									<span className="badge seq-status">{skipLabels[s.reason]}</span>
									{s.detail !== skipLabels[s.reason] && (
										<span className="cell-muted"> {s.detail}</span>
									)}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</div>
		</>
	);
}
