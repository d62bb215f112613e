import { errorMessage } from "../ipc/unwrap";
import { FormError } from "./FormError";
import { Spinner } from "./Spinner";

type Props = {
	query: { isPending: boolean; error: unknown };
	/** The spinner's label while it loads, e.g. "Loading sequences". */
	loading: string;
	/** Centre the spinner in the space the data will fill (a view's body or a detail pane). */
	centered?: boolean;
};

/** What stands in for a query's data: a spinner while it loads, then its error if it failed. */
export function QueryStatus({ query, loading, centered = false }: Props) {
	if (!query.isPending) return <FormError message={errorMessage(query.error)} />;
	const spinner = <Spinner label={loading} />;
	return centered ? <div className="centered">{spinner}</div> : spinner;
}
