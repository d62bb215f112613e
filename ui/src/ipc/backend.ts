import { createContext, createElement, type ReactNode, useContext } from "react";
import { type CoreEvent, commands, events } from "../bindings";

export type { CoreEvent };
export type Commands = typeof commands;

/** Everything the UI needs from the core; the fake in tests implements the same shape. */
export type Backend = {
	commands: Commands;
	onCoreEvent(cb: (e: CoreEvent) => void): Promise<() => void>;
};

export const tauriBackend: Backend = {
	commands,
	onCoreEvent: (cb) => events.coreEventMsg.listen((event) => cb(event.payload)),
};

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ backend, children }: { backend: Backend; children: ReactNode }) {
	return createElement(BackendContext.Provider, { value: backend }, children);
}

export function useBackend(): Backend {
	const backend = useContext(BackendContext);
	if (!backend) throw new Error("useBackend() needs a <BackendProvider> above it");
	return backend;
}
