import { Plus } from "lucide-react";
import { useRoutedRecord } from "../../hooks/useRoutedRecord";
import { useShortcut } from "../../hooks/useShortcut";
import { FindDuplicatesButton } from "../duplicates/FindDuplicatesButton";
import { EntityList } from "../lists/EntityList";
import { ContactForm } from "./ContactForm";
import { contactsTable } from "./ContactsTable";

export function ContactsView() {
	// The open contact (null id: a new one); `#contacts/12` opens one (the command palette, a link).
	const { open: editing, setOpen: setEditing, close: closeEditor } = useRoutedRecord("contacts");

	useShortcut("n", () => setEditing({ id: null }), editing === null);

	return (
		<>
			<EntityList
				config={contactsTable}
				onOpen={(id) => setEditing({ id })}
				actions={
					<>
						<FindDuplicatesButton entity="contact" />
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
