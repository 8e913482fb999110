"""Report aggregates: a second reader of the complaints stream (history items in, counters out)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.settings import COMPLAINTS_STREAM_MARKER

bp = Blueprint(__name__)


@bp.on_dynamodb_record(stream_arn=COMPLAINTS_STREAM_MARKER, batch_size=100, starting_position="TRIM_HORIZON")
def on_history_for_reports(event: Any) -> None:
    """Idempotent per history item: a redelivered batch changes no counter. The batch's
    history items are applied together (`aggregation.on_histories`)."""
    from chalicelib import bootstrap as b
    from chalicelib.adapters.dynamo.complaints_repo import entry_from_item
    from chalicelib.adapters.dynamo.models import ComplaintRow, HistoryItem
    from chalicelib.services import aggregation
    from chalicelib.services.bundles import Aggregator

    entries = []
    for record in event:
        if record.event_name != "INSERT" or not record.new_image:
            continue
        row = ComplaintRow.from_raw_data(record.new_image)
        if isinstance(row, HistoryItem):
            entries.append((entry_from_item(row), row.reference))
    if entries:
        deps: Aggregator = b.aggregator()
        aggregation.on_histories(entries, deps)
