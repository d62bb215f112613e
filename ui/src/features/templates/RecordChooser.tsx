import { useQuery } from "@tanstack/react-query";
import { Handshake, User, X } from "lucide-react";
import { type KeyboardEvent, useId, useState } from "react";
import type { RenderContext } from "../../bindings";
import { useDebounced } from "../../hooks/useDebounced";
import { useBackend } from "../../ipc/backend";
import { unwrap } from "../../ipc/unwrap";

export type Chosen = { entity: "contact" | "deal"; id: number; title: string };

export const contextOf = (c: Chosen | null): RenderContext => ({
	contact_id: c?.entity === "contact" ? c.id : null,
	deal_id: c?.entity === "deal" ? c.id : null,
});

/** Picks the contact or deal the preview renders for, by searching names, emails and deal titles. */
export function RecordChooser({
	value,
	onChange,
}: {
	value: Chosen | null;
	onChange: (c: Chosen | null) => void;
}) {
	const backend = useBackend();
	const [query, setQuery] = useState("");
	const [active, setActive] = useState(0);
	const debounced = useDebounced(query.trim(), 150);
	const inputId = useId();
	const listId = useId();
	const hits = useQuery({
		queryKey: ["search", "templatePreview", debounced],
		queryFn: () => unwrap(backend.commands.search(debounced, 12)),
		enabled: debounced.length > 0,
	});
	const options = (hits.data ?? [])
		.filter((h) => h.entity === "contact" || h.entity === "deal")
		.slice(0, 8)
		.map((h) => ({
			entity: h.entity as Chosen["entity"],
			id: h.id,
			title: h.title,
			subtitle: h.subtitle,
		}));
	const open = query.trim().length > 0 && options.length > 0;

	const choose = (c: Chosen) => {
		onChange(c);
		setQuery("");
		setActive(0);
	};
	const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
		if (!open) return;
		if (e.key === "ArrowDown" || e.key === "ArrowUp") {
			e.preventDefault();
			const step = e.key === "ArrowDown" ? 1 : -1;
			setActive((i) => (i + step + options.length) % options.length);
		} else if (e.key === "Enter") {
			e.preventDefault();
			const pick = options[active];
			if (pick) choose(pick);
		} else if (e.key === "Escape") {
			e.stopPropagation();
			setQuery("");
		}
	};

	return (
		<div className="record-chooser" data-testid="record-chooser">
			<label htmlFor={inputId}>Preview for</label>
			{value && (
				<span className="record-chosen" data-testid="record-chosen">
					{value.entity === "deal" ? (
						<Handshake size={13} aria-label="Deal" />
					) : (
						<User size={13} aria-label="Contact" />
					)}
					{value.title}
					<button
						type="button"
						className="icon-button"
						aria-label="Preview without a record"
						onClick={() => onChange(null)}
					>
						<X size={12} aria-hidden="true" />
					</button>
				</span>
			)}
			<div className="record-chooser-search">
				<input
					id={inputId}
					type="search"
					role="combobox"
					aria-expanded={open}
					aria-controls={listId}
					aria-autocomplete="list"
					aria-activedescendant={open ? `${listId}-${active}` : undefined}
					placeholder={value ? "Another contact or deal…" : "Search a contact or deal…"}
					value={query}
					data-testid="record-chooser-input"
					onChange={(e) => {
						setQuery(e.target.value);
						setActive(0);
					}}
					onKeyDown={onKey}
				/>
				{open && (
					<div className="record-chooser-options" id={listId} role="listbox">
						{options.map((o, i) => (
							<div
								key={`${o.entity}-${o.id}`}
								id={`${listId}-${i}`}
								role="option"
								tabIndex={-1}
								aria-selected={i === active}
								className={i === active ? "active" : undefined}
								data-testid="record-option"
								onMouseDown={(e) => e.preventDefault()}
								onClick={() => choose(o)}
								onKeyDown={() => {}}
							>
								{o.entity === "deal" ? (
									<Handshake size={13} aria-hidden="true" />
								) : (
									<User size={13} aria-hidden="true" />
								)}
								<span>{o.title}</span>
								{o.subtitle && <span className="cell-muted">{o.subtitle}</span>}
							</div>
						))}
					</div>
				)}
			</div>
		</div>
	);
}
