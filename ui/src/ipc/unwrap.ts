import type { AppError } from "../bindings";

export type IpcResult<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

/** An `AppError` as a thrown Error, so TanStack Query sees failures and forms can read `field`. */
export class IpcError extends Error {
	readonly code: string;
	readonly field: string | null;

	constructor(error: AppError) {
		super(error.message);
		this.name = "IpcError";
		this.code = error.code;
		this.field = error.field;
	}
}

export async function unwrap<T>(result: IpcResult<T> | Promise<IpcResult<T>>): Promise<T> {
	const r = await result;
	if (r.status === "error") throw new IpcError(r.error);
	return r.data;
}

export function errorMessage(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}
