import type { BackupInfo, ListEntity, PageQuery } from "../../bindings";
import type { Commands } from "../backend";
import { Failure, type FakeContext } from "./context";

type BackupCommands = Pick<Commands, "backupsList" | "backupNow" | "backupRestore" | "exportList">;

/** How many rows a list query matches (the lists fake knows; exports write that many). */
type CountRows = (entity: ListEntity, query: PageQuery) => ReturnType<Commands["listCount"]>;

/** Backups and exports in memory: files are only names, nothing touches a disk. */
export function fakeBackups(ctx: FakeContext, countRows?: CountRows): { commands: BackupCommands } {
	const backups: BackupInfo[] = [];
	const stamp = () => new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
	const add = (kind: string): BackupInfo => {
		const file_name = `outpost-${kind}-${stamp()}-${backups.length + 1}.db`;
		const info = {
			path: `/backups/${file_name}`,
			file_name,
			kind,
			created_at: new Date().toISOString(),
			bytes: 1_048_576,
		};
		backups.unshift(info);
		return info;
	};
	return {
		commands: {
			backupsList: () => ctx.run(() => backups),
			backupNow: () => ctx.run(() => add("manual")),
			backupRestore: (path) =>
				ctx.run(() => {
					if (!path.endsWith(".db"))
						throw new Failure({
							code: "bad_file",
							message: `${path} is not a usable Outpost backup: it is not an SQLite database`,
							field: null,
						});
					const safety = add("before_restore");
					for (const entity of ["contact", "company", "deal"] as const) ctx.changed(entity, []);
					return safety;
				}),
			exportList: async (entity, query, format, path) => {
				// Like the core: every page of the list, and the Leads list is the contacts that are leads.
				const q = { ...query, cursor: null, limit: null, sort: null, desc: null };
				const counted = countRows
					? await countRows(entity, entity === "lead" ? { ...q, lifecycle: "lead" } : q)
					: null;
				if (counted?.status === "error") return counted;
				return ctx.run(() => ({ path, rows: counted?.data ?? 0, format }));
			},
		},
	};
}
