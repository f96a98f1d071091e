"""Who may use the page, and what every answer carries.

The page serves one person at this computer, so three checks stand between it and
everything else (an ASGI middleware, in this order):

1. The Host header must name this server (127.0.0.1, localhost or [::1] at its port, or
   the address it was explicitly opened on). A web page elsewhere that points its own
   name at 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
2. Every request carries the run's key: in the address printed at start (``?t=...``),
   which sets a cookie (HttpOnly, SameSite=Strict) and reloads the page without the key in
   its address, or in that cookie. Without it: 403, and a page that says where to find the
   address. The key is 32 random bytes, new every run, compared in constant time.
3. A form sent from another site (Origin or Sec-Fetch-Site say so) is refused.

Every answer says ``Content-Security-Policy: default-src 'self'`` (and forbids framing,
plug-ins, other forms' targets), no referrer, no caching, no MIME sniffing: the page can
load nothing from outside, and what it shows is not kept by the browser.
"""
from __future__ import annotations

import ipaddress
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlencode

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}


def new_token() -> str:
    return secrets.token_urlsafe(32)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _split_host(value: str) -> tuple[str, int | None]:
    value = value.strip().lower()
    if value.startswith("["):  # [::1]:8080
        host, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        host, _, port = value.rpartition(":") if value.count(":") == 1 else (value, "", "")
    return host, int(port) if port.isdigit() else None


class Guard:
    """The ASGI middleware in front of the page's routes."""

    def __init__(self, app, token: str, port: int, bound_host: str = "127.0.0.1", lang_of=None):
        self.app, self.token, self.port = app, token, port
        self.bound_host = bound_host.strip("[]").lower()
        self.cookie = f"scrub_{port}"  # one per port: two pages open at once keep their own keys
        self.lang_of = lang_of

    def host_allowed(self, value: str) -> bool:
        host, port = _split_host(value)
        if port is not None and port != self.port:
            return False
        if host in LOOPBACK_NAMES or host == self.bound_host:
            return True
        if self.bound_host in ("0.0.0.0", "::"):
            # opened to the network on purpose: any address of this machine, never a name
            try:
                ipaddress.ip_address(host)
                return True
            except ValueError:
                return False
        return False

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        if not self.host_allowed(headers.get("host", "")):
            return await _plain(send_with_headers, 400, "page.refused-host", headers)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("t", [""])[0]
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001 - a malformed cookie is no key
            pass
        from_cookie = cookie[self.cookie].value if self.cookie in cookie else ""
        if given and secrets.compare_digest(given.encode(), self.token.encode()):
            if scope["method"] == "GET":
                # the key moves to a cookie, and out of the address bar and the history
                rest = {k: v for k, v in query.items() if k != "t"}
                location = scope["path"] + ("?" + urlencode(rest, doseq=True) if rest else "")
                set_cookie = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"
                return await _redirect(send_with_headers, location, [(b"set-cookie", set_cookie.encode())])
        elif not (from_cookie and secrets.compare_digest(from_cookie.encode(), self.token.encode())):
            return await _plain(send_with_headers, 403, "page.refused-token", headers)
        if scope["method"] not in ("GET", "HEAD") and self._cross_site(headers):
            return await _plain(send_with_headers, 403, "page.refused-origin", headers)
        return await self.app(scope, receive, send_with_headers)

    def _cross_site(self, headers: dict) -> bool:
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return True
        origin = headers.get("origin")
        if origin and origin != "null":
            host = origin.split("://", 1)[-1]
            return not (origin.startswith("http://") and self.host_allowed(host) and host == headers.get("host", "").lower())
        return False


def _lang(headers: dict) -> str:
    from scrub.web.pages import language

    return language(headers.get("accept-language", ""), headers.get("cookie", ""))


async def _plain(send, status: int, key: str, headers: dict) -> None:
    from scrub.web.pages import refusal

    body = refusal(key, _lang(headers)).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str, extra: list) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0"), *extra]})
    await send({"type": "http.response.body", "body": b""})
