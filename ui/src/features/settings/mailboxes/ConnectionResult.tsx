import { CircleAlert, CircleCheck } from "lucide-react";
import type { ConnectionTest, ProtocolCheck } from "../../../bindings";

/** What a failure code means, in two or three words, next to the core's full sentence. */
const codeLabel: Record<string, string> = {
	mail_dns: "Server not found",
	mail_refused: "Connection refused",
	mail_tls: "Certificate / TLS",
	mail_auth: "Sign-in refused",
	mail_timeout: "No answer",
	mail_dropped: "Connection dropped",
	mail_protocol: "Unexpected answer",
	mail_transient: "Try again later",
	mail_rejected: "Refused",
};

function Check({ label, check }: { label: string; check: ProtocolCheck }) {
	const Icon = check.ok ? CircleCheck : CircleAlert;
	return (
		<li
			className={check.ok ? "mailbox-check mailbox-check-ok" : "mailbox-check mailbox-check-failed"}
			data-testid={`mailbox-check-${label.toLowerCase()}`}
			data-ok={check.ok}
			data-code={check.code ?? ""}
		>
			<Icon size={16} aria-hidden="true" />
			<div>
				<strong>
					{label}: {check.ok ? "OK" : (codeLabel[check.code ?? ""] ?? "Failed")}
				</strong>{" "}
				<span>{check.message}</span>
				{check.server_reply && (
					<div className="mailbox-check-reply">
						Server said: <code>{check.server_reply}</code>
					</div>
				)}
			</div>
		</li>
	);
}

/** SMTP and IMAP results of "Test connection", each on its own line. */
export function ConnectionResult({ result }: { result: ConnectionTest }) {
	return (
		<ul className="mailbox-checks" aria-label="Connection test" aria-live="polite">
			<Check label="SMTP" check={result.smtp} />
			<Check label="IMAP" check={result.imap} />
		</ul>
	);
}
