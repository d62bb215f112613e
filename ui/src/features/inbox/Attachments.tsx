import { useMutation } from "@tanstack/react-query";
import { Download, Paperclip } from "lucide-react";
import type { AttachmentMeta, SavedAttachment } from "../../bindings";
import { Spinner } from "../../components/Spinner";
import { useToast } from "../../components/Toast";
import { useBackend } from "../../ipc/backend";
import { chooseAttachmentTarget, dialogsAvailable } from "../../ipc/nativeDialogs";
import { errorMessage, unwrap } from "../../ipc/unwrap";

/** "12 KB": sizes as people read them. */
export function fileSize(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A message's attachments. Their content stays on the server until the rep asks: "Save as…" downloads the
 * one chosen (into Outpost's attachments folder, under its cleaned-up name) and copies it where the rep
 * picks. Outside the desktop app there is no save dialog: the download alone is done, and its place said.
 */
export function Attachments({
	emailId,
	attachments,
}: {
	emailId: number;
	attachments: AttachmentMeta[];
}) {
	const backend = useBackend();
	const toast = useToast();
	const save = useMutation({
		mutationFn: async (a: AttachmentMeta): Promise<SavedAttachment | null> => {
			if (!dialogsAvailable())
				return unwrap(backend.commands.inboxAttachmentFetch(emailId, a.part));
			const target = await chooseAttachmentTarget(a.name);
			if (target === null) return null;
			return unwrap(backend.commands.inboxAttachmentSave(emailId, a.part, target));
		},
		onSuccess: (saved) => {
			if (saved) toast.show({ message: `Saved ${saved.name} to ${saved.path}.`, durationMs: 8000 });
		},
		onError: (err) => toast.show({ message: errorMessage(err), tone: "error" }),
	});
	return (
		<ul className="mail-attachments" aria-label="Attachments" data-testid="mail-attachments">
			{attachments.map((a) => {
				const busy = save.isPending && save.variables?.part === a.part;
				return (
					<li key={a.part}>
						<Paperclip size={12} aria-hidden="true" />
						<span className="mail-attachment-name" title={a.content_type}>
							{a.name}
						</span>
						<span className="mail-attachment-size">{fileSize(a.size)}</span>
						<button
							type="button"
							className="button button-small"
							data-testid="mail-attachment-save"
							data-part={a.part}
							aria-label={`Save ${a.name} as…`}
							disabled={save.isPending}
							onClick={() => save.mutate(a)}
						>
							{busy ? (
								<Spinner size={12} label="Downloading" />
							) : (
								<Download size={12} aria-hidden="true" />
							)}
							Save as…
						</button>
					</li>
				);
			})}
		</ul>
	);
}
