"""A small but real OpenID Connect provider for the tests: an HTTP server on 127.0.0.1
(stdlib http.server in a thread, ephemeral port) with discovery, JWKS, an authorization
endpoint that signs in whoever the test chose, a token endpoint (authorization code with
PKCE, RS256-signed ID token) and userinfo.

    with OIDCStub() as stub:
        stub.next_person = {"sub": "1", "given_name": "Anna", ...}
        callback_url = stub.authorize(authorize_url)   # what the browser is sent back to
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa


class OIDCStub:
    client_id = "samverka-test"
    client_secret = "stub-secret"  # noqa: S105

    def __init__(self) -> None:
        self.signing_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "stub-key-1"
        self.next_person: dict = {}
        self.codes: dict[str, dict] = {}  # authorization code -> what it was issued for
        self.access_tokens: dict[str, dict] = {}  # access token -> the person's claims
        self.token_requests: list[dict] = []  # what the relying party sent to /token
        # Tests may tamper with what the provider says, to see the relying party refuse it.
        self.id_token_overrides: dict = {}
        self.userinfo_overrides: dict = {}
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> OIDCStub:
        stub = self

        class Handler(_Handler):
            provider = stub

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> OIDCStub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._server, "the stub is not running"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # -- what a test does in place of a browser ---------------------------------------------
    def authorize(self, authorize_url: str) -> str:
        """Follow the relying party's redirect to the provider, as a browser would, with
        `next_person` signing in there; return the URL the provider sends the browser back to."""
        response = requests.get(authorize_url, allow_redirects=False, timeout=5)
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile", "email"],
        }

    def jwks(self) -> dict:
        jwk = jwt.algorithms.RSAAlgorithm.to_jwk(self.signing_key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    # -- endpoints ----------------------------------------------------------------------------
    def _authorize(self, query: dict) -> tuple[int, dict, dict | None]:
        redirect_uri = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect_uri:
            return 400, {}, {"error": "invalid_request"}
        if query.get("response_type") != "code" or "openid" not in query.get("scope", "").split():
            return 400, {}, {"error": "invalid_request"}
        if query.get("code_challenge_method") != "S256" or not query.get("code_challenge"):
            return 400, {}, {"error": "invalid_request", "error_description": "PKCE required"}
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "person": dict(self.next_person),
            "redirect_uri": redirect_uri,
            "nonce": query.get("nonce"),
            "code_challenge": query["code_challenge"],
        }
        back = {"code": code}
        if "state" in query:
            back["state"] = query["state"]
        return 302, {"Location": f"{redirect_uri}?{urlencode(back)}"}, None

    def _client_authenticated(self, headers, form: dict) -> bool:
        auth = headers.get("Authorization", "")
        if auth.startswith("Basic "):
            client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        return client_id == self.client_id and secrets.compare_digest(secret, self.client_secret)

    def _token(self, headers, form: dict) -> tuple[int, dict]:
        self.token_requests.append({"form": form, "authorization": headers.get("Authorization", "")})
        if not self._client_authenticated(headers, form):
            return 401, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)  # a code is good once
        if form.get("grant_type") != "authorization_code" or grant is None:
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri differs"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if challenge != grant["code_challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        person = grant["person"]
        now = int(time.time())
        claims = {
            "iss": self.url, "aud": self.client_id, "sub": person["sub"], "iat": now, "exp": now + 300,
            "auth_time": now, "jti": secrets.token_hex(8),
            **({"nonce": grant["nonce"]} if grant["nonce"] else {}),
            **{k: v for k, v in person.items() if k in {"given_name", "family_name", "email", "email_verified"}},
            **self.id_token_overrides,
        }
        id_token = jwt.encode(claims, self.signing_key, algorithm="RS256", headers={"kid": self.kid})
        access_token = secrets.token_urlsafe(24)
        self.access_tokens[access_token] = person
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}

    def _userinfo(self, headers) -> tuple[int, dict]:
        auth = headers.get("Authorization", "")
        person = self.access_tokens.get(auth.removeprefix("Bearer ")) if auth.startswith("Bearer ") else None
        if person is None:
            return 401, {"error": "invalid_token"}
        return 200, {**person, **self.userinfo_overrides}


class _Handler(BaseHTTPRequestHandler):
    provider: OIDCStub

    def log_message(self, format, *args):  # quiet
        pass

    def _send(self, status: int, body: dict | None = None, headers: dict | None = None) -> None:
        payload = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self):  # noqa: N802
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/.well-known/openid-configuration":
            self._send(200, self.provider.discovery())
        elif parts.path == "/jwks":
            self._send(200, self.provider.jwks())
        elif parts.path == "/authorize":
            status, headers, body = self.provider._authorize(query)
            self._send(status, body, headers)
        elif parts.path == "/userinfo":
            self._send(*self.provider._userinfo(self.headers))
        else:
            self._send(404, {"error": "not_found"})

    def do_POST(self):  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if urlsplit(self.path).path == "/token":
            self._send(*self.provider._token(self.headers, form))
        else:
            self._send(404, {"error": "not_found"})
