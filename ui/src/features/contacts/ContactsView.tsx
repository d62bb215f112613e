import { CopyCheck, Plus } from "lucide-react";
import { useEffect, useState } from "react";
import { useShortcut } from "../../hooks/useShortcut";
import { useNavigate, useNavTarget } from "../../navigation";
import { openDuplicates } from "../duplicates/openDuplicates";
import { EntityList } from "../lists/EntityList";
import { ContactForm } from "./ContactForm";
import { contactsTable } from "./ContactsTable";

type Editing = { id: number | null } | null;

export function ContactsView() {
	const [editing, setEditing] = useState<Editing>(null);
	const target = useNavTarget();
	const navigate = useNavigate();
	// Sent here to open a contact (from the command palette, or a `#contacts/12` link).
	useEffect(() => {
		if (target) setEditing({ id: target.id === "new" ? null : target.id });
	}, [target]);
	const closeEditor = () => {
		setEditing(null);
		// Drop the id from the URL, so a reload does not open the panel again.
		if (target) navigate("contacts");
	};

	useShortcut("n", () => setEditing({ id: null }), editing === null);

	return (
		<>
			<EntityList
				config={contactsTable}
				onOpen={(id) => setEditing({ id })}
				actions={
					<>
						<button
							type="button"
							className="button"
							data-testid="find-duplicates"
							onClick={() => openDuplicates(navigate, "contact")}
						>
							<CopyCheck size={14} aria-hidden="true" />
							Find duplicates
						</button>
						<button
							type="button"
							className="button button-primary"
							data-testid="new-contact"
							onClick={() => setEditing({ id: null })}
							title="New contact (N)"
						>
							<Plus size={14} aria-hidden="true" />
							New contact
							<kbd>N</kbd>
						</button>
					</>
				}
			/>
			{editing && (
				<ContactForm key={editing.id ?? "new"} contactId={editing.id} onClose={closeEditor} />
			)}
		</>
	);
}
