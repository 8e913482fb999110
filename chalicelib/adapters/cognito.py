"""Staff authentication with Amazon Cognito: password login (and the first sign-in's new
password), access-token checks against the pool's published keys (JWKS), cached per process;
and the logins the directory administers (`CognitoAccounts`)."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import jwt

from chalicelib.domain.errors import InvalidInput, Unauthorized
from chalicelib.domain.text import Text

NEW_PASSWORD = "NEW_PASSWORD_REQUIRED"
WEAK_PASSWORD = Text(
    "कम से कम 12 अक्षर: बड़ा और छोटा अक्षर, अंक और चिह्न (जैसे @)",
    "at least 12 characters with upper and lower case, a digit and a symbol (e.g. @)",
)


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
            answer = self._cognito.initiate_auth(
                ClientId=self._client_id,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": username, "PASSWORD": password},
            )
        except (self._cognito.exceptions.NotAuthorizedException, self._cognito.exceptions.UserNotFoundException) as exc:
            raise Unauthorized("गलत उपयोगकर्ता नाम या पासवर्ड", "wrong username or password") from exc
        if answer.get("ChallengeName") == NEW_PASSWORD:
            return {"challenge": "new_password_required", "session": answer["Session"]}
        result = answer["AuthenticationResult"]
        return {"token": result["AccessToken"], "expires_in": result["ExpiresIn"]}

    def new_password(self, username: str, session: str, new_password: str) -> dict[str, Any]:
        errors = self._cognito.exceptions
        try:
            result = self._cognito.respond_to_auth_challenge(
                ClientId=self._client_id,
                ChallengeName=NEW_PASSWORD,
                Session=session,
                ChallengeResponses={"USERNAME": username, "NEW_PASSWORD": new_password},
            )["AuthenticationResult"]
        except errors.InvalidPasswordException as exc:
            raise InvalidInput({"new_password": WEAK_PASSWORD}) from exc
        except (
            errors.NotAuthorizedException,
            errors.UserNotFoundException,
            errors.CodeMismatchException,
            errors.ExpiredCodeException,
            errors.ResourceNotFoundException,  # moto's answer for a session it never gave
            errors.InvalidParameterException,
        ) as exc:
            raise Unauthorized(
                "सत्र समाप्त: अस्थायी पासवर्ड से दोबारा लॉगिन करें",
                "The sign-in session ended: sign in again with the temporary password",
            ) from exc
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


class CognitoAccounts:
    """The staff pool's users as the directory keeps them (`services.ports.StaffAccounts`)."""

    def __init__(self, cognito: Any, pool_id: str) -> None:
        self._cognito = cognito
        self._pool_id = pool_id

    def create(self, username: str, temporary_password: str, groups: frozenset[str]) -> bool:
        try:
            self._cognito.admin_create_user(
                UserPoolId=self._pool_id,
                Username=username,
                TemporaryPassword=temporary_password,
                MessageAction="SUPPRESS",  # the password goes by the helpline's own SMS
            )
        except self._cognito.exceptions.UsernameExistsException:
            return False
        self.set_groups(username, groups)
        return True

    def set_groups(self, username: str, groups: frozenset[str]) -> None:
        pages = self._cognito.get_paginator("admin_list_groups_for_user").paginate(
            UserPoolId=self._pool_id, Username=username
        )
        now = {g["GroupName"] for page in pages for g in page["Groups"]}
        for group in sorted(groups - now):
            self._cognito.admin_add_user_to_group(UserPoolId=self._pool_id, Username=username, GroupName=group)
        for group in sorted(now - groups):
            self._cognito.admin_remove_user_from_group(UserPoolId=self._pool_id, Username=username, GroupName=group)

    def enable(self, username: str) -> None:
        self._cognito.admin_enable_user(UserPoolId=self._pool_id, Username=username)

    def disable(self, username: str) -> None:
        self._cognito.admin_disable_user(UserPoolId=self._pool_id, Username=username)

    def set_temporary_password(self, username: str, password: str) -> None:
        self._cognito.admin_set_user_password(
            UserPoolId=self._pool_id, Username=username, Password=password, Permanent=False
        )
