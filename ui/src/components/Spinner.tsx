import { LoaderCircle } from "lucide-react";

export function Spinner({ size = 16, label }: { size?: number; label?: string }) {
	return (
		<span className="spinner" role="status" aria-label={label ?? "Loading"}>
			<LoaderCircle size={size} aria-hidden="true" />
		</span>
	);
}
