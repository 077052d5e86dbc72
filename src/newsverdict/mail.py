"""Send the digest by e-mail over SMTP, with the settings of the ``[email]`` table of the config file.

    [email]
    host = "smtp.example.org"      # required
    port = 587                     # default: 587 with starttls, 465 with ssl, 25 with none
    security = "starttls"          # starttls (default), ssl, or none (only for a relay on this machine)
    username = "me@example.org"    # optional: log in when set
    password_env = "NEWSVERDICT_SMTP_PASSWORD"   # the NAME of an environment variable holding the password
    from = "newsverdict <me@example.org>"
    to = ["me@example.org"]
    every_hours = 24               # `watch` sends at most this often (default 24)
    subject = "newsverdict digest" # optional prefix; the date is added

Passwords never go in the file, like the LLM's API keys.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tomllib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from newsverdict.errors import MailError

SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}



@dataclass(frozen=True)
class EmailConfig:
    host: str
    sender: str
    to: tuple[str, ...]
    port: int = 0
    security: str = "starttls"
    username: str = ""
    password_env: str = ""
    every_hours: float = 24.0
    subject: str = "newsverdict digest"
    timeout_s: float = 30.0
    source: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]


def load_email_config(path: Path | None = None) -> EmailConfig | None:
    """The [email] table of the config file; None when there is none (e-mail is then off)."""
    from newsverdict.config import config_path

    path = path or config_path()
    if not path.exists():
        return None
    try:
        table = tomllib.loads(path.read_text()).get("email")
    except (tomllib.TOMLDecodeError, OSError) as exc:
        raise MailError(f"{path}: cannot read the config ({exc})") from None
    if table is None:
        return None
    if "password" in table:
        raise MailError(f"{path}: do not put the SMTP password in the config; set password_env to the name of "
                        "an environment variable that holds it")
    missing = [k for k in ("host", "from", "to") if not table.get(k)]
    if missing:
        raise MailError(f"{path}: [email] needs {', '.join(missing)}")
    to = table["to"]
    to = (to,) if isinstance(to, str) else tuple(str(t) for t in to)
    security = str(table.get("security", "starttls"))
    if security not in SECURITY:
        raise MailError(f"{path}: [email] security must be one of {', '.join(SECURITY)}")
    try:
        return EmailConfig(host=str(table["host"]), sender=str(table["from"]), to=to, port=int(table.get("port", 0)),
                           security=security, username=str(table.get("username", "")),
                           password_env=str(table.get("password_env", "")),
                           every_hours=float(table.get("every_hours", 24)),
                           subject=str(table.get("subject", "newsverdict digest")),
                           timeout_s=float(table.get("timeout_s", 30)), source={"file": str(path)})
    except (TypeError, ValueError) as exc:
        raise MailError(f"{path}: [email] has a value of the wrong type ({exc})") from None


def digest_message(config: EmailConfig, *, subject: str, text: str, html: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = config.sender
    message["To"] = ", ".join(config.to)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="newsverdict.local")
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message


def send(config: EmailConfig, message: EmailMessage, env: dict[str, str] | None = None) -> None:
    env = dict(os.environ) if env is None else env
    password = ""
    if config.username:
        if not config.password_env or not env.get(config.password_env):
            raise MailError(f"[email] username is set but ${config.password_env or 'password_env'} is empty")
        password = env[config.password_env]
    try:
        if config.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.effective_port, timeout=config.timeout_s,
                                                   context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(config.host, config.effective_port, timeout=config.timeout_s)
        with client:
            if config.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if config.username:
                client.login(config.username, password)
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        raise MailError(f"cannot send the digest via {config.host}:{config.effective_port}: {exc}") from None
