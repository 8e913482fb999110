"""The reactor: the complaints table's stream handler (history items in, effects out)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint

from chalicelib import observe
from chalicelib.settings import COMPLAINTS_STREAM_MARKER

if TYPE_CHECKING:
    from chalicelib.adapters.dynamo.models import ComplaintRow


bp = Blueprint(__name__)


def _row(image: dict[str, Any] | None) -> ComplaintRow | None:
    from chalicelib.adapters.dynamo.models import ComplaintRow

    return ComplaintRow.from_raw_data(image) if image else None


@bp.on_dynamodb_record(stream_arn=COMPLAINTS_STREAM_MARKER, batch_size=50, starting_position="TRIM_HORIZON")
def on_complaint_change(event: Any) -> None:
    from chalicelib import bootstrap as b
    from chalicelib.adapters.dynamo.complaints_repo import entry_from_item, from_item
    from chalicelib.adapters.dynamo.models import ComplaintItem, HistoryItem
    from chalicelib.domain.history import ESCALATED, REGISTERED
    from chalicelib.services import reactions

    counted = {REGISTERED: "ComplaintsRegistered", ESCALATED: "Escalations"}  # metrics: the dashboard's first widget
    deps = b.reactor()
    for record in event:
        new, old = _row(record.new_image), _row(record.old_image)
        if record.event_name == "INSERT" and isinstance(new, HistoryItem):
            with observe.correlated(new.assignment_id):
                reactions.on_history(entry_from_item(new), new.reference, deps)
                if new.event in counted:
                    observe.metric(counted[new.event])
        elif record.event_name == "MODIFY" and isinstance(new, ComplaintItem):
            image = record.new_image or {}
            reactions.on_workflow_change(
                from_item(old) if isinstance(old, ComplaintItem) else None,
                from_item(new),
                image.get("last_event", {}).get("S"),
                image.get("lapsed_assignment", {}).get("S"),
                deps.complaints,
            )
