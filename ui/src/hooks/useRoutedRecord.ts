import { useEffect, useState } from "react";
import { useNavigate, useNavTarget } from "../navigation";
import type { ViewId } from "../views";

/**
 * The record a list view has open in its panel (id null: a new one). `#view/12` and `#view/new` links (the
 * palette, a link from another record) open it; `close` drops the id from the URL, so a reload does not
 * open the panel again.
 */
export function useRoutedRecord(view: ViewId) {
	const target = useNavTarget();
	const navigate = useNavigate();
	const [open, setOpen] = useState<{ id: number | null } | null>(null);
	useEffect(() => {
		if (target) setOpen({ id: target.id === "new" ? null : target.id });
	}, [target]);
	const close = () => {
		setOpen(null);
		if (target) navigate(view);
	};
	return { open, setOpen, close, target };
}
