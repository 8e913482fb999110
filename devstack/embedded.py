"""moto's server as the embedded AWS, started the same way by `make run`, the tests and the
benchmarks: Step Functions executions on, and DynamoDB requests taken one at a time.

Two changes to how moto runs DynamoDB transactions, neither to what they mean:

- One request at a time. moto's TransactWriteItems deep-copies the table for its rollback
  while other request threads write to it, which fails with "dictionary changed size
  during iteration" (seen on the local stack under load).
- Conditions first, then writes. moto backs up the *whole table* by deep copy before
  every transaction (once per item in it), so each transaction costs the size of the
  table: with a demo month the stack spent all its CPU copying. Serialized, a transaction
  can check every condition first and cancel with the same reasons without writing
  anything; only when all hold does it write, backing up just the items it touches.
  Anything unusual (bad requests, more than 100 items) goes to moto's own code.

And one to how a table query finds its items: moto sorts *every item of the table* to
answer a query on the table's own key, so each query cost the size of the table (the
notify and report tables grow all day). Here it reads only the queried partition, as
DynamoDB does; index queries are left to moto. Last, the server's list of its own services
is read once instead of from disk on every request.
"""

from __future__ import annotations

import copy
import functools
import threading
from typing import Any

_LOCK = threading.RLock()


def _serialize_dynamodb() -> None:
    from moto.dynamodb.responses import DynamoHandler

    original = DynamoHandler.call_action

    @functools.wraps(original)
    def call_action(self: Any) -> Any:
        with _LOCK:
            return original(self)

    DynamoHandler.call_action = call_action  # type: ignore[method-assign]


def _cheaper_transactions() -> None:
    from moto.dynamodb.comparisons import get_filter_expression
    from moto.dynamodb.exceptions import ConditionalCheckFailed, TransactionCanceledException
    from moto.dynamodb.models import DynamoDBBackend

    original = DynamoDBBackend.transact_write_items

    Step = tuple[str, dict[str, Any], dict[str, Any]]

    def plan(backend: Any, transact_items: list[dict[str, Any]]) -> list[Step] | None:
        """(op type, op, key) of each item, or None when moto's own code should decide."""
        out, seen = [], set()
        if len(transact_items) > 100:
            return None
        for item in transact_items:
            if len(item) != 1:
                return None
            op_type, op = next(iter(item.items()))
            known = op_type in {"ConditionCheck", "Put", "Delete", "Update"}
            if not known or op.get("TableName") not in backend.tables:
                return None
            table = backend.tables[op["TableName"]]
            if op_type == "Put":
                attrs = op["Item"]
                key = {a: attrs[a] for a in (table.hash_key_attr, table.range_key_attr) if a and a in attrs}
            else:
                key = op["Key"]
            marker = (op["TableName"], str(sorted(key.items())))
            if marker in seen:
                return None
            seen.add(marker)
            out.append((op_type, op, key))
        return out

    @functools.wraps(original)
    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        steps = plan(self, transact_items)
        if steps is None:
            return original(self, transact_items)
        errors: list[Any] = []
        for _, op, key in steps:
            current = self.get_item(op["TableName"], key)
            condition = op.get("ConditionExpression")
            if condition is not None and not get_filter_expression(
                condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
            ).expr(current):
                old = (
                    current.to_json()["Attributes"]
                    if current and op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD"
                    else None
                )
                errors.append(("ConditionalCheckFailed", str(ConditionalCheckFailed().message), old))
            else:
                errors.append((None, None, None))
        if any(code is not None for code, _, _ in errors):
            raise TransactionCanceledException(errors)
        touched = [
            (op["TableName"], key, copy.deepcopy(self.get_item(op["TableName"], key)))
            for kind, op, key in steps
            if kind != "ConditionCheck"
        ]
        try:
            for kind, op, key in steps:
                names, values = op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
                if kind == "Put":
                    self.put_item(
                        op["TableName"],
                        op["Item"],
                        expression_attribute_names=names,
                        expression_attribute_values=values,
                    )
                elif kind == "Delete":
                    self.delete_item(
                        op["TableName"], key, expression_attribute_names=names, expression_attribute_values=values
                    )
                elif kind == "Update":
                    self.update_item(
                        op["TableName"],
                        key,
                        update_expression=op["UpdateExpression"],
                        expression_attribute_names=names,
                        expression_attribute_values=values,
                    )
        except Exception as e:  # undo what was written, then cancel as moto would
            for table_name, key, before in touched:
                if before is None:
                    self.delete_item(table_name, key)
                else:
                    self.put_item(table_name, before.to_json()["Attributes"])
            raise TransactionCanceledException([(type(e).__name__, str(e), None)]) from e

    DynamoDBBackend.transact_write_items = transact_write_items  # type: ignore[method-assign]


_PARTITION = threading.local()


def _partition_queries() -> None:
    from moto.dynamodb.models.table import Table

    query, all_items = Table.query, Table.all_items

    @functools.wraps(query)
    def partition_query(self: Any, hash_key: Any, *args: Any, **kwargs: Any) -> Any:
        index_name = kwargs.get("index_name", args[6] if len(args) > 6 else None)
        _PARTITION.key = None if index_name else hash_key
        try:
            return query(self, hash_key, *args, **kwargs)
        finally:
            _PARTITION.key = None

    @functools.wraps(all_items)
    def partition_items(self: Any) -> Any:
        key = getattr(_PARTITION, "key", None)
        if key is None or not self.range_key_attr:
            return all_items(self)
        return sorted(self.items.get(key, {}).values(), key=lambda x: x.range_key)

    Table.query = partition_query  # type: ignore[method-assign]
    Table.all_items = partition_items  # type: ignore[method-assign]


def _known_services_once() -> None:
    """moto's server lists its own package directory (an isdir per service, ~150) on every
    request to tell a service name from a host name; the list does not change while it runs."""
    from moto import backends

    names = tuple(backends.list_of_moto_modules())

    def list_of_moto_modules() -> tuple[str, ...]:
        return names

    backends.list_of_moto_modules = list_of_moto_modules  # type: ignore[assignment]


@functools.cache
def _patch_moto() -> None:
    """The changes above, made once per process (tests start moto more than once)."""
    _serialize_dynamodb()
    _cheaper_transactions()
    _partition_queries()
    _known_services_once()


def start_moto(port: int) -> Any:
    """A started ThreadedMotoServer on 127.0.0.1:`port` (call `.stop()` when done)."""
    from moto.core.config import default_user_config
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer

    default_user_config["stepfunctions"] = {"execute_state_machine": True}
    _patch_moto()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server
