import type { SettingsRestored } from "../../bindings";
import type { Commands } from "../backend";
import { Failure, type FakeContext, notFound } from "./context";

/** Lets the tag, stage and pipeline fakes register how to put back what a delete took away. */
export type SettingsUndo = { register(restore: () => SettingsRestored): number };

/** Like the core's `undo_settings_delete`: one token per delete, usable once. */
export function fakeSettingsUndo(ctx: FakeContext): SettingsUndo & {
	commands: Pick<Commands, "settingsUndoDelete">;
} {
	const pending = new Map<number, () => SettingsRestored>();
	const undone = new Set<number>();
	return {
		register(restore) {
			const token = ctx.newId();
			pending.set(token, restore);
			return token;
		},
		commands: {
			settingsUndoDelete: (token) =>
				ctx.run(() => {
					if (undone.has(token))
						throw new Failure({
							code: "conflict",
							message: "That delete was already undone.",
							field: null,
						});
					const restore = pending.get(token);
					if (!restore) throw notFound("undo", token);
					const restored = restore();
					pending.delete(token);
					undone.add(token);
					return restored;
				}),
		},
	};
}
