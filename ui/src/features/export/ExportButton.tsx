import { useMutation } from "@tanstack/react-query";
import { ChevronDown, Download, FileSpreadsheet, FileText } from "lucide-react";
import { useEffect, useState } from "react";
import type { ExportFormat, ListEntity, PageQuery } from "../../bindings";
import { Popover } from "../../components/Popover";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { chooseExportTarget } from "../../ipc/nativeDialogs";
import { errorMessage, unwrap } from "../../ipc/unwrap";
import "../lists/lists.css";
import "./export.css";

const fileStem: Record<ListEntity, string> = {
	contact: "contacts",
	lead: "leads",
	company: "companies",
	deal: "deals",
};

const formats: { format: ExportFormat; label: string; icon: typeof FileText }[] = [
	{ format: "csv", label: "Export CSV", icon: FileText },
	{ format: "xlsx", label: "Export Excel (.xlsx)", icon: FileSpreadsheet },
];

/** "contacts-2026-11-22.csv": what, and as of which (local) day. */
export function exportFileName(
	entity: ListEntity,
	format: ExportFormat,
	today = new Date(),
): string {
	const pad = (n: number) => String(n).padStart(2, "0");
	const day = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
	return `${fileStem[entity]}-${day}.${format}`;
}

/** Some save dialogs return the name as typed; the file should still open in the right program. */
function withExtension(path: string, format: ExportFormat): string {
	return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`;
}

type Props = {
	entity: ListEntity;
	/** The list as shown: search, filter and sort (paging is ignored: every matching row goes out). */
	query: PageQuery;
};

/** Exports what a list shows to CSV or Excel, to a file the rep picks. */
export function ExportButton({ entity, query }: Props) {
	const backend = useBackend();
	const toast = useToast();
	const [open, setOpen] = useState(false);
	const exporting = useMutation({
		mutationFn: async (format: ExportFormat) => {
			const path = await chooseExportTarget(exportFileName(entity, format), format);
			if (path === null) return null;
			const q: PageQuery = { ...query, cursor: null, limit: null };
			return unwrap(backend.commands.exportList(entity, q, format, withExtension(path, format)));
		},
		onSuccess: (summary) => {
			if (!summary) return;
			const rows = summary.rows.toLocaleString();
			toast.show({
				message: `Exported ${rows} ${summary.rows === 1 ? "row" : "rows"} to ${summary.path}.`,
				durationMs: 8000,
			});
		},
		onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
	});
	const done = useExportProgress(exporting.isPending);

	return (
		<span className="popover-anchor">
			<button
				type="button"
				className="button"
				data-testid="export-button"
				aria-expanded={open}
				disabled={exporting.isPending}
				onClick={() => setOpen((o) => !o)}
			>
				{exporting.isPending ? (
					<Spinner size={14} label="Exporting" />
				) : (
					<Download size={14} aria-hidden="true" />
				)}
				{exporting.isPending
					? done === null
						? "Exporting…"
						: `Exporting… ${done.toLocaleString()}`
					: "Export"}
				{!exporting.isPending && <ChevronDown size={13} aria-hidden="true" />}
			</button>
			{open && (
				<Popover
					label="Export"
					onClose={() => setOpen(false)}
					align="right"
					className="menu export-menu"
				>
					{formats.map(({ format, label, icon: Icon }) => (
						<button
							key={format}
							type="button"
							className="menu-item"
							data-testid={`export-${format}`}
							onClick={() => {
								setOpen(false);
								exporting.mutate(format);
							}}
						>
							<Icon size={13} aria-hidden="true" /> {label}
						</button>
					))}
				</Popover>
			)}
		</span>
	);
}

/** Rows written so far by the running export job, from the core's progress events. */
function useExportProgress(active: boolean): number | null {
	const backend = useBackend();
	const [done, setDone] = useState<number | null>(null);
	useEffect(() => {
		setDone(null);
		if (!active) return;
		let stop: (() => void) | null = null;
		let disposed = false;
		void backend
			.onCoreEvent((e) => {
				if (e.type === "job_progress" && e.kind === "export" && e.state === "running")
					setDone(e.done);
			})
			.then((unlisten) => {
				if (disposed) unlisten();
				else stop = unlisten;
			});
		return () => {
			disposed = true;
			stop?.();
		};
	}, [active, backend]);
	return done;
}
