"""Officers' link tokens in the ops table: one item per token, keyed by the token's digest
(never the token), holding its grant; the item's TTL is the grant's expiry, so DynamoDB
removes it once it has run out (up to a few days later: `services.officer_links` checks
the expiry itself)."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.adapters.dynamo.ops_repo import _conditional_failed
from chalicelib.domain.tokens import LinkGrant

SK = "LINK"


class DynamoLinks:
    def put(self, digest: str, grant: LinkGrant) -> bool:
        row = OpsRow(
            f"LINK#{digest}",
            SK,
            data={
                "assignment": grant.assignment_id,
                "post": grant.post_id,
                "officer": grant.officer_id,
                "expires": grant.expires.isoformat(),
            },
            expires=grant.expires,
        )
        try:
            row.save(condition=OpsRow.pk.does_not_exist())
            return True
        except PutError as exc:
            if _conditional_failed(exc):
                return False
            raise

    def get(self, digest: str) -> LinkGrant | None:
        try:
            data = OpsRow.get(f"LINK#{digest}", SK, consistent_read=True).data.as_dict()
        except DoesNotExist:
            return None
        return LinkGrant(data["assignment"], data["post"], data["officer"], datetime.fromisoformat(data["expires"]))
