import type { Mailbox } from "../../bindings";

/** How the sequence forms name a mailbox and a saved view in their pickers. */
export const mailboxLabel = (m: Mailbox) => `${m.name} (${m.email})`;

export const viewLabel = (v: { group: string; name: string }) => `${v.group}: ${v.name}`;

/** The view picker's blank option, for when nothing is saved yet. */
export const noSavedViews = "No saved views — save one in Contacts or Leads";
