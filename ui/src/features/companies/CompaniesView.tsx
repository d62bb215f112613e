import { Plus } from "lucide-react";
import { useRoutedRecord } from "../../hooks/useRoutedRecord";
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { EntityList } from "../lists/EntityList";
import { CompanyPanel } from "./CompanyPanel";
import { companiesTable } from "./companiesTable";

export function CompaniesView() {
	// The open company's panel (null id: a new company); `#companies/12` opens one (the palette, a deal's link).
	const { open, setOpen, close, target } = useRoutedRecord("companies");
	const highlightId = typeof target?.id === "number" ? target.id : null;

	return (
		<>
			<EntityList
				config={companiesTable}
				onOpen={(id) => setOpen({ id })}
				highlightId={highlightId}
				actions={
					<>
						<FindDuplicatesButton entity="company" />
						<button
							type="button"
							className="button button-primary"
							data-testid="new-company"
							onClick={() => setOpen({ id: null })}
						>
							<Plus size={14} aria-hidden="true" />
							New company
						</button>
					</>
				}
			/>
			{open && <CompanyPanel key={open.id ?? "new"} companyId={open.id} onClose={close} />}
		</>
	);
}
