import { displayLocale } from "../../pipeline/money";

export const backupKindLabels: Record<string, { label: string; badge: string }> = {
	daily: { label: "Daily", badge: "badge-contact" },
	manual: { label: "Manual", badge: "badge-customer" },
	before_restore: { label: "Before restore", badge: "badge-lead" },
};

export function backupKind(kind: string): { label: string; badge: string } {
	return backupKindLabels[kind] ?? { label: kind, badge: "badge-contact" };
}

const sizeUnits = ["bytes", "KB", "MB", "GB"];

/** 812 → "812 bytes", 1_572_864 → "1.5 MB". */
export function fileSize(bytes: number): string {
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < sizeUnits.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit === 0 || value >= 100 ? 0 : 1;
	const n = new Intl.NumberFormat(displayLocale(), { maximumFractionDigits: digits }).format(value);
	return `${n} ${sizeUnits[unit]}`;
}

/** The folder a file is in, for either path separator; null for a bare file name. */
export function folderOf(path: string): string | null {
	const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
	return cut > 0 ? path.slice(0, cut) : null;
}

/** The last part of a path, for either separator. */
export function fileNameOf(path: string): string {
	const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
	return path.slice(cut + 1);
}
