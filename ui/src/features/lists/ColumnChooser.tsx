import { ArrowDown, ArrowUp, Columns3 } from "lucide-react";
import { useState } from "react";
import type { ListField } from "../../bindings";
import { Popover } from "../../components/Popover";
import { sameJson } from "./filterModel";

type Props = {
	fields: ListField[];
	columns: string[];
	defaults: string[];
	/** Always shown (the record's name). */
	fixed: string;
	onChange: (columns: string[]) => void;
};

/** Which columns the table shows, custom fields included, and in what order. */
export function ColumnChooser({ fields, columns, defaults, fixed, onChange }: Props) {
	const [open, setOpen] = useState(false);
	const shown = columns.filter((c) => fields.some((f) => f.key === c));
	const hidden = fields.filter((f) => !shown.includes(f.key));
	const move = (key: string, by: number) => {
		const i = shown.indexOf(key);
		const j = i + by;
		if (i < 0 || j < 0 || j >= shown.length) return;
		const next = [...shown];
		[next[i], next[j]] = [next[j] as string, next[i] as string];
		onChange(next);
	};
	const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
	return (
		<span className="popover-anchor">
			<button
				type="button"
				className="button button-small"
				data-testid="columns-button"
				aria-expanded={open}
				onClick={() => setOpen((o) => !o)}
			>
				<Columns3 size={13} aria-hidden="true" /> Columns
			</button>
			{open && (
				<Popover
					label="Columns"
					onClose={() => setOpen(false)}
					align="right"
					testId="column-chooser"
				>
					<div className="column-list">
						{shown.map((key, i) => (
							<div key={key} className="column-option">
								<label>
									<input
										type="checkbox"
										checked
										disabled={key === fixed}
										data-testid={`column-${key}`}
										onChange={() => onChange(shown.filter((c) => c !== key))}
									/>
									{label(key)}
								</label>
								<span className="spacer" />
								<button
									type="button"
									className="icon-button"
									aria-label={`Move ${label(key)} left`}
									disabled={i === 0}
									onClick={() => move(key, -1)}
								>
									<ArrowUp size={12} aria-hidden="true" />
								</button>
								<button
									type="button"
									className="icon-button"
									aria-label={`Move ${label(key)} right`}
									disabled={i === shown.length - 1}
									onClick={() => move(key, 1)}
								>
									<ArrowDown size={12} aria-hidden="true" />
								</button>
							</div>
						))}
						{hidden.length > 0 && <div className="column-divider" />}
						{hidden.map((f) => (
							<div key={f.key} className="column-option">
								<label>
									<input
										type="checkbox"
										checked={false}
										data-testid={`column-${f.key}`}
										onChange={() => onChange([...shown, f.key])}
									/>
									{f.label}
									{f.custom && <span className="cell-muted"> · custom</span>}
								</label>
							</div>
						))}
					</div>
					<div className="popover-footer">
						<button
							type="button"
							className="button button-small"
							disabled={sameJson(shown, defaults)}
							onClick={() => onChange(defaults)}
						>
							Reset to default
						</button>
					</div>
				</Popover>
			)}
		</span>
	);
}
