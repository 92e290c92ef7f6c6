"""The mail tests' SMTP server (server/tests/it/common/smtp.rs): aiosmtpd
writing every mail it accepts to a Maildir, in plain text, with STARTTLS
or with TLS from the first byte, with or without a login, and writing one
line per event to a log the tests read: `listening` once it listens,
`connect` for every connection
(so a test can count the connections a batch of mail used) and
`auth <mechanism> ok|refused` for every login.

Configured by environment variables, all set by smtp.rs:
SMTP_PORT, SMTP_MAILDIR, SMTP_EVENTS (the log), SMTP_MODE (plain,
starttls or smtps), SMTP_CERT and SMTP_KEY (PEM files, for starttls and
smtps), SMTP_USER and SMTP_PASSWORD (the one login accepted; without them
no login is asked), SLOW_SMTP_SECONDS (a wait before each mail is taken
in, so a test can stop a sender in the middle of a conversation).
"""

import asyncio
import os
import ssl

from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

ENV = os.environ


def log(line):
    with open(ENV["SMTP_EVENTS"], "a", encoding="utf-8") as f:
        f.write(line + "\n")


class Handler(Mailbox):
    """A Maildir that waits SLOW_SMTP_SECONDS before it takes a mail in:
    the mail is written only after the wait, just before the `250`."""

    async def handle_DATA(self, server, session, envelope):
        delay = float(ENV.get("SLOW_SMTP_SECONDS", "0"))
        if delay:
            await asyncio.sleep(delay)
        return await super().handle_DATA(server, session, envelope)


def authenticator(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == ENV["SMTP_USER"].encode()
        and auth_data.password == ENV["SMTP_PASSWORD"].encode()
    )
    log(f"auth {mechanism} {'ok' if ok else 'refused'}")
    # Not `handled`: aiosmtpd answers a refusal with its own 535.
    return AuthResult(success=ok, handled=False)


def main():
    mode = ENV.get("SMTP_MODE", "plain")
    context = None
    if mode != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(ENV["SMTP_CERT"], ENV["SMTP_KEY"])
    options = {"hostname": "smtp.test"}
    if "SMTP_USER" in ENV:
        # Over STARTTLS the login is offered only once encrypted; a plain
        # server offers it in clear, to show the client never takes that.
        options.update(
            authenticator=authenticator,
            auth_required=True,
            auth_require_tls=(mode == "starttls"),
        )
    if mode == "starttls":
        options.update(tls_context=context, require_starttls=True)
    handler = Handler(ENV["SMTP_MAILDIR"])

    def connection():
        log("connect")
        return SMTP(handler, **options)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    loop.run_until_complete(
        loop.create_server(
            connection,
            "127.0.0.1",
            int(ENV["SMTP_PORT"]),
            ssl=context if mode == "smtps" else None,
        )
    )
    # The tests wait for this line rather than trying to connect, so the
    # connections counted are the client's own.
    log("listening")
    loop.run_forever()


main()
