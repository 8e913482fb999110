"""Staff authentication with Amazon Cognito: password login, and access-token checks
against the pool's published keys (JWKS), cached per process."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import jwt

from chalicelib.domain.errors import Unauthorized


class CognitoStaffAuth:
    def __init__(self, cognito: Any, pool_id: str, client_id: str, region: str, endpoint: str | None) -> None:
        self._cognito = cognito
        self._pool_id = pool_id
        self._client_id = client_id
        self._issuer = f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"
        # Locally the keys are served by moto's server at the same path.
        self._jwks_url = f"{endpoint or self._issuer}/{pool_id if endpoint else ''}".rstrip("/")
        self._jwks_url += "/.well-known/jwks.json"
        self._keys: dict[str, Any] = {}

    def login(self, username: str, password: str) -> dict[str, Any]:
        try:
            result = self._cognito.initiate_auth(
                ClientId=self._client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": username, "PASSWORD": password},
            )["AuthenticationResult"]
        except (self._cognito.exceptions.NotAuthorizedException, self._cognito.exceptions.UserNotFoundException) as exc:
            raise Unauthorized("गलत उपयोगकर्ता नाम या पासवर्ड", "wrong username or password") from exc
        return {"token": result["AccessToken"], "expires_in": result["ExpiresIn"]}

    def _key(self, kid: str) -> Any:
        if kid not in self._keys:
            with urllib.request.urlopen(self._jwks_url, timeout=5) as resp:  # noqa: S310 (fixed URL)
                for k in json.loads(resp.read())["keys"]:
                    self._keys[k["kid"]] = jwt.PyJWK(k).key
        if kid not in self._keys:
            raise Unauthorized("लॉगिन सही नहीं, दोबारा लॉगिन करें", "invalid token")
        return self._keys[kid]

    def verify(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
            claims: dict[str, Any] = jwt.decode(
                token,
                self._key(header.get("kid", "")),
                algorithms=["RS256"],
                issuer=self._issuer,
                options={"verify_aud": False},
            )
        except jwt.PyJWTError as exc:
            raise Unauthorized("लॉगिन की अवधि समाप्त, दोबारा लॉगिन करें", "invalid or expired token") from exc
        if claims.get("token_use") != "access" or claims.get("client_id") != self._client_id:
            raise Unauthorized("लॉगिन सही नहीं, दोबारा लॉगिन करें", "invalid token")
        return claims
