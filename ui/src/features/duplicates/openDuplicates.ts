import type { Navigate } from "../../navigation";
import type { MergeEntity } from "./queries";

// The tab the Duplicates view opens on: the list the user came from, else the last one they looked at.
let lastTab: MergeEntity = "contact";

export const duplicatesTab = () => lastTab;

export function rememberDuplicatesTab(entity: MergeEntity) {
	lastTab = entity;
}

/** Opens the Duplicates view on the contacts or companies tab. */
export function openDuplicates(navigate: Navigate, entity?: MergeEntity) {
	if (entity) lastTab = entity;
	navigate("duplicates");
}
