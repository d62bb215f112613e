import { ImageOff } from "lucide-react";
import type { ShownMessage } from "../../bindings";

/**
 * A message's body. HTML arrives sanitized by the core as a whole document with its own CSP (no scripts, no
 * remote loads unless allowed) and is shown in an iframe with `sandbox=""`: no scripts, no same-origin, no
 * forms, no popups, no top navigation — even a sanitizer miss could not run or reach the app.
 */
export function MessageBody({
	shown,
	onAllowImages,
	allowing,
}: {
	shown: ShownMessage;
	onAllowImages: () => void;
	allowing: boolean;
}) {
	const { message } = shown;
	if (shown.html_document) {
		return (
			<div className="mail-body">
				{shown.blocked_images > 0 && (
					<div className="mail-images-blocked">
						<ImageOff size={14} aria-hidden="true" />
						<span>
							{shown.blocked_images === 1
								? "1 remote image was blocked"
								: `${shown.blocked_images} remote images were blocked`}{" "}
							so the sender can’t tell you opened this.
						</span>
						<button
							type="button"
							className="button button-small"
							data-testid="mail-allow-images"
							disabled={allowing}
							onClick={onAllowImages}
						>
							Show images
						</button>
					</div>
				)}
				<iframe
					className="mail-frame"
					title={`Message from ${message.from_name ?? message.from_addr}`}
					sandbox=""
					srcDoc={shown.html_document}
					referrerPolicy="no-referrer"
					data-testid="mail-html"
				/>
			</div>
		);
	}
	return (
		<pre className="mail-text" data-testid="mail-text">
			{message.body_text?.trim() || "(no text)"}
		</pre>
	);
}
