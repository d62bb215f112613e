import { X } from "lucide-react";
import {
	createContext,
	type ReactNode,
	useCallback,
	useContext,
	useEffect,
	useMemo,
	useRef,
	useState,
} from "react";

export type ToastAction = { label: string; onClick: () => void; testId?: string };
export type ToastInput = {
	message: string;
	action?: ToastAction;
	/** More actions after `action` (e.g. Undo and Open). */
	actions?: ToastAction[];
	tone?: "info" | "error";
	durationMs?: number;
};
type Toast = ToastInput & { id: number };

type ToastApi = { show: (toast: ToastInput) => void };

const ToastContext = createContext<ToastApi | null>(null);

export function useToast(): ToastApi {
	const api = useContext(ToastContext);
	if (!api) throw new Error("useToast() needs a <ToastProvider> above it");
	return api;
}

let nextId = 1;

export function ToastProvider({ children }: { children: ReactNode }) {
	const [toasts, setToasts] = useState<Toast[]>([]);
	const dismiss = useCallback(
		(id: number) => setToasts((all) => all.filter((t) => t.id !== id)),
		[],
	);
	// Only the newest few stay: older ones are no longer what the user is acting on.
	const show = useCallback(
		(toast: ToastInput) => setToasts((all) => [...all.slice(-2), { ...toast, id: nextId++ }]),
		[],
	);
	const api = useMemo(() => ({ show }), [show]);

	return (
		<ToastContext.Provider value={api}>
			{children}
			<section className="toasts" aria-live="polite" aria-label="Notifications">
				{toasts.map((t) => (
					<ToastItem key={t.id} toast={t} onDismiss={() => dismiss(t.id)} />
				))}
			</section>
		</ToastContext.Provider>
	);
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
	// A ref, so re-rendering the list (a new toast arriving) does not restart this toast's timer.
	const dismissRef = useRef(onDismiss);
	dismissRef.current = onDismiss;
	useEffect(() => {
		const timer = setTimeout(() => dismissRef.current(), toast.durationMs ?? 6000);
		return () => clearTimeout(timer);
	}, [toast.durationMs]);

	return (
		<div className={`toast toast-${toast.tone ?? "info"}`} role="status" data-testid="toast">
			<span className="toast-message">{toast.message}</span>
			{[...(toast.action ? [toast.action] : []), ...(toast.actions ?? [])].map((action) => (
				<button
					key={action.label}
					type="button"
					className="toast-action"
					data-testid={action.testId}
					onClick={() => {
						action.onClick();
						onDismiss();
					}}
				>
					{action.label}
				</button>
			))}
			<button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
				<X size={14} aria-hidden="true" />
			</button>
		</div>
	);
}
