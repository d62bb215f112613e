#!/usr/bin/env python3
"""Throwaway SMTP server for tests (aiosmtpd). Loopback only.

  fake_smtp.py --dir DIR --port 10025 [--tls-port 10465] [--cert C --key K]
               [--user alice@example.test:alicepw ...] [--lmtp 127.0.0.1:10024 --lmtp-domain example.test]

* AUTH PLAIN/LOGIN (required if --user given), STARTTLS (if cert), implicit TLS on --tls-port.
* Every accepted message -> DIR/new/<n>.eml (+ <n>.json envelope), written atomically via DIR/tmp.
* Optional relay into Dovecot LMTP so it shows up over IMAP (LMTP errors are passed back to the client).
* Fault injection by recipient local part:  reject* -> 550,  tempfail* -> 451,  drop* -> connection aborted,
  slow<N>* -> sleep N s before answering RCPT,  datafail* -> 451 at end of DATA (after the body was sent).
  Or by a file DIR/fault containing one of: greeting421 | drop-on-connect | auth535 | data451 | data554 | data-drop
  (re-read on every connection/command, so a test can flip it at runtime; delete it to heal).
* Prints "READY <port>" on stdout once listening.
"""
import warnings, logging; warnings.filterwarnings('ignore'); logging.getLogger('mail.log').setLevel(logging.ERROR)
import argparse, asyncio, json, os, re, smtplib, ssl, sys, time, itertools
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword
from aiosmtpd.controller import Controller

ap = argparse.ArgumentParser()
ap.add_argument('--dir', required=True); ap.add_argument('--host', default='127.0.0.1')
ap.add_argument('--port', type=int, default=10025); ap.add_argument('--tls-port', type=int)
ap.add_argument('--cert'); ap.add_argument('--key')
ap.add_argument('--user', action='append', default=[])
ap.add_argument('--lmtp'); ap.add_argument('--lmtp-domain', default='example.test')
a = ap.parse_args()
assert a.host.startswith('127.') or a.host == '::1', 'loopback only'
os.makedirs(f'{a.dir}/tmp', exist_ok=True); os.makedirs(f'{a.dir}/new', exist_ok=True)
USERS = dict(u.split(':', 1) for u in a.user)
counter = itertools.count(1)

def fault():
    try: return open(f'{a.dir}/fault').read().strip()
    except FileNotFoundError: return ''

def authenticator(server, session, envelope, mechanism, auth_data):
    if fault() == 'auth535' or not isinstance(auth_data, LoginPassword):
        return AuthResult(success=False, handled=False)
    ok = USERS.get(auth_data.login.decode()) == auth_data.password.decode()
    # auth_data on success: the envelope .json records who signed in.
    return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        lp = address.split('@')[0].lower()
        if lp.startswith('reject'): return '550 5.1.1 <%s>: Recipient address rejected (test)' % address
        if lp.startswith('tempfail'): return '451 4.7.1 <%s>: Temporary failure (test)' % address
        if lp.startswith('drop'): server.transport.abort(); return '421 4.4.2 dropped'
        m = re.match(r'slow(\d+)', lp)
        if m: await asyncio.sleep(int(m.group(1)))
        envelope.rcpt_tos.append(address); return '250 2.1.5 OK'

    async def handle_DATA(self, server, session, envelope):
        f = fault()
        if f == 'data451' or any(r.split('@')[0].lower().startswith('datafail') for r in envelope.rcpt_tos):
            return '451 4.3.0 Temporary failure after DATA (test)'
        if f == 'data554': return '554 5.6.0 Message rejected (test)'
        if f == 'data-drop':  # the whole body arrived, the connection dies before the reply: nothing accepted
            server.transport.abort(); return '421 4.4.2 dropped during DATA (test)'
        data = envelope.original_content  # raw bytes as received (dot-unstuffed)
        if a.lmtp:
            local = [r for r in envelope.rcpt_tos if r.lower().endswith('@' + a.lmtp_domain)]
            if local:
                try: await asyncio.to_thread(lmtp_deliver, envelope.mail_from, local, data)
                except smtplib.SMTPRecipientsRefused as e:
                    c, m = list(e.recipients.values())[0]; return f'{c} {m.decode()}'
                except smtplib.SMTPResponseException as e: return f'{e.smtp_code} {e.smtp_error.decode()}'
        n = f'{time.time_ns()}-{next(counter)}'
        meta = dict(mail_from=envelope.mail_from, rcpt_tos=envelope.rcpt_tos,
                    auth=session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
                    peer=session.peer[0], tls=server.transport.get_extra_info('ssl_object') is not None or session.ssl is not None)
        for ext, payload in (('json', json.dumps(meta).encode()), ('eml', data)):
            with open(f'{a.dir}/tmp/{n}.{ext}', 'wb') as fh: fh.write(payload)
            os.rename(f'{a.dir}/tmp/{n}.{ext}', f'{a.dir}/new/{n}.{ext}')
        return '250 2.0.0 OK queued as %s' % n

def lmtp_deliver(mail_from, rcpts, data):  # one LMTP connection per message; fine for tests
    with smtplib.LMTP(*a.lmtp.rsplit(':', 1)) as l:
        l.sendmail(mail_from, rcpts, data)

class FaultySMTP(SMTP):
    def connection_made(self, transport):
        f = fault()
        if f == 'drop-on-connect': transport.abort()
        elif f == 'greeting421':
            transport.write(b'421 4.3.2 Service not available (test)\r\n'); transport.close()
        super().connection_made(transport)

class C(Controller):
    def factory(self):
        kw = dict(hostname='localhost', authenticator=authenticator, auth_require_tls=False,
                  auth_required=bool(USERS), decode_data=False, ident='fake-smtp')
        if self.starttls_ctx: kw['tls_context'] = self.starttls_ctx
        return FaultySMTP(self.handler, **kw)

ctx = None
if a.cert:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH); ctx.load_cert_chain(a.cert, a.key)
ctrls = []
c = C(Handler(), hostname=a.host, port=a.port, ready_timeout=5); c.starttls_ctx = ctx; ctrls.append(c)
if a.tls_port:
    c2 = C(Handler(), hostname=a.host, port=a.tls_port, ssl_context=ctx, ready_timeout=5); c2.starttls_ctx = None; ctrls.append(c2)
for c in ctrls: c.start()
print('READY', a.port, a.tls_port or '', flush=True)
try:
    import signal; signal.sigwait({signal.SIGTERM, signal.SIGINT})
finally:
    for c in ctrls: c.stop()
