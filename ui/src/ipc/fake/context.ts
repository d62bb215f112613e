import type { AppError, Entity } from "../../bindings";
import type { IpcResult } from "../unwrap";

/** A command failure the fake raises inside a body; `run` turns it into an error result. */
export class Failure extends Error {
	constructor(readonly appError: AppError) {
		super(appError.message);
	}
}

export function validation(field: string, message: string): Failure {
	return new Failure({ code: "validation", message, field });
}

export function notFound(what: string, id: number): Failure {
	return new Failure({ code: "not_found", message: `No ${what} ${id}.`, field: null });
}

/** What the per-area fake modules share with the main fake backend. */
export type FakeContext = {
	run<T>(body: () => T): Promise<IpcResult<T>>;
	changed(entity: Entity, ids: number[]): void;
	newId(): number;
};
