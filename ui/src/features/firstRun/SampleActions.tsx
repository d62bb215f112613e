import { FileSpreadsheet, Sparkles } from "lucide-react";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { errorMessage } from "../../ipc/unwrap";
import { useNavigate } from "../../navigation";
import { useJobProgress, useLoadSample } from "./useLoadSample";

/** The two ways to get data into an empty Outpost; shown on first run and in empty lists. */
export function SampleActions() {
	const load = useLoadSample();
	const navigate = useNavigate();
	const toast = useToast();
	const progress = useJobProgress(load.isPending);

	const onLoad = () =>
		load.mutate(undefined, {
			onSuccess: (result) => {
				if (!result.loaded) toast.show({ message: "The sample data is already loaded." });
				else {
					const { contacts, companies, deals } = result.summary;
					toast.show({
						message: `Added ${contacts} contacts, ${companies} companies and ${deals} deals.`,
					});
				}
				navigate("contacts");
			},
			onError: (e) => toast.show({ message: errorMessage(e), tone: "error" }),
		});

	return (
		<div className="sample-actions">
			<button
				type="button"
				className="button button-primary"
				data-testid="empty-load-sample"
				disabled={load.isPending}
				onClick={onLoad}
			>
				{load.isPending ? (
					<Spinner size={14} label="Loading sample data" />
				) : (
					<Sparkles size={14} aria-hidden="true" />
				)}
				{load.isPending ? loadingLabel(progress?.done, progress?.total) : "Load sample data"}
			</button>
			<button
				type="button"
				className="button"
				data-testid="empty-import"
				disabled={load.isPending}
				onClick={() => navigate("imports", "new")}
			>
				<FileSpreadsheet size={14} aria-hidden="true" />
				Import a spreadsheet
			</button>
		</div>
	);
}

function loadingLabel(done?: number, total?: number | null): string {
	if (done === undefined || !total) return "Loading sample data…";
	return `Loading sample data… ${Math.round((done / total) * 100)}%`;
}
