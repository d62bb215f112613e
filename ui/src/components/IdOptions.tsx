import type { ReactNode } from "react";

type Props<T extends { id: number }> = {
	/** Undefined while they load: shown as none. */
	items: readonly T[] | undefined;
	label: (item: T) => ReactNode;
	/** A blank option's text for when there are none, so the select says why it is empty. */
	empty?: string;
};

/** A select's options, one per record, valued by its id. */
export function IdOptions<T extends { id: number }>({ items = [], label, empty }: Props<T>) {
	return (
		<>
			{items.length === 0 && empty !== undefined && <option value="">{empty}</option>}
			{items.map((item) => (
				<option key={item.id} value={item.id}>
					{label(item)}
				</option>
			))}
		</>
	);
}
