import { useId } from "react";
import type { DuplicatePolicy, ImportEntity } from "../../bindings";

const policies: { policy: DuplicatePolicy; label: string; hint: string }[] = [
	{
		policy: "skip",
		label: "Skip them",
		hint: "Keep what Outpost has; rows that match an existing record are left out.",
	},
	{
		policy: "fill",
		label: "Fill in the blanks",
		hint: "Add the file's values only where the existing record has none.",
	},
	{
		policy: "update",
		label: "Update them",
		hint: "The file's values replace what is stored; empty cells change nothing.",
	},
];

const matchedBy: Record<ImportEntity, string> = {
	contacts:
		"A row matches a contact with the same email, then phone, then a very similar name at the same company.",
	companies: "A row matches a company with the same website domain, then a very similar name.",
	deals: "A row matches a deal with the same title at the same company.",
};

/** What happens to rows that match a record already in Outpost. */
export function PolicyChoice({
	entity,
	policy,
	onChange,
}: {
	entity: ImportEntity;
	policy: DuplicatePolicy;
	onChange: (policy: DuplicatePolicy) => void;
}) {
	const name = useId();
	return (
		<fieldset className="import-policies">
			<legend className="hint">
				{matchedBy[entity]} Duplicates inside the file are merged into one record.
			</legend>
			{policies.map((p) => (
				<label key={p.policy} className="import-policy" data-testid={`import-policy-${p.policy}`}>
					<input
						type="radio"
						name={name}
						value={p.policy}
						checked={policy === p.policy}
						onChange={() => onChange(p.policy)}
					/>
					<span className="import-kind-text">
						<span className="import-kind-label">{p.label}</span>
						<span className="import-kind-hint">{p.hint}</span>
					</span>
				</label>
			))}
		</fieldset>
	);
}
