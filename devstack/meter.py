"""The local stack's AWS meter: with METER_LOG=<file> set, `make run` (devstack.run) writes
one JSON line per AWS request its processes make, per Lambda invocation (an HTTP request
through the local API Gateway, or an event the pump hands to a handler) and per log
line a Lambda would have written, so that `bench.cost` counts what a deployment is
billed for instead of guessing.

How it hears them: every botocore client made in the process (boto3's, PynamoDB's, and
the ones moto's Step Functions interpreter makes for a Task state) gets a
`before-call`/`after-call` hook. DynamoDB bills on item sizes, which a response does not
carry (moto does not report consumed capacity either): for each item written the hook
reads it from moto's own tables before and after the call (the server runs in this
process), with what each global secondary index holds of it, and for each item read its
full size. The arithmetic (rounding to units, prices) is bench.cost's.

Each line names `who` made the request: the invocation it belongs to ("api GET
/v1/...", "queue:notify", ...), "sfn" for a Step Functions Task state, or the thread
(the pump's own polling, as Lambda's pollers do it, is "stream:..."/"queue:..." outside
an invocation).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import threading
import time
from typing import Any

_local = threading.local()
_lock = threading.Lock()
_out: Any = None


def item_size(item: dict[str, Any]) -> int:
    """DynamoDB's size of an item in wire form ({"name": {"S": "..."}}), in bytes: each
    attribute's name (UTF-8) plus its value, as the developer guide counts them."""
    return sum(len(name.encode()) + value_size(value) for name, value in item.items())


def value_size(value: dict[str, Any]) -> int:
    """The size of one attribute value: strings and binaries by their bytes, numbers about one
    byte per two digits plus one, booleans and null one byte, lists and maps 3 bytes plus one
    per element plus their elements."""
    (kind, v), *_ = value.items()
    if kind == "S":
        return len(v.encode())
    if kind == "B":
        return len(v) if isinstance(v, bytes) else len(str(v)) * 3 // 4
    if kind == "N":
        digits = len(str(v).lstrip("-").replace(".", "").strip("0")) or 1
        return (digits + 1) // 2 + 1
    if kind in ("BOOL", "NULL"):
        return 1
    if kind in ("SS", "BS"):
        return sum(value_size({kind[0]: x}) for x in v)
    if kind == "NS":
        return sum(value_size({"N": x}) for x in v)
    if kind == "L":
        return 3 + sum(1 + value_size(x) for x in v)
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + value_size(x) for k, x in v.items())
    return len(json.dumps(v))


def write(record: dict[str, Any]) -> None:
    if _out is None:
        return
    line = json.dumps({"t": round(time.time(), 3), **record}, default=str)
    with _lock:
        _out.write(line + "\n")
        _out.flush()


def who() -> str:
    inv = getattr(_local, "invocation", None)
    return str(inv["who"]) if inv else threading.current_thread().name


# ---- invocations --------------------------------------------------------------------------------
class invocation:  # noqa: N801 (used as a context manager, like a function)
    """One Lambda invocation: its duration and the log bytes written during it."""

    def __init__(self, name: str, source: str, **extra: Any) -> None:
        self.record: dict[str, Any] = {"kind": "invoke", "who": name, "src": source, "log_bytes": 0, **extra}

    def __enter__(self) -> dict[str, Any]:
        self.outer = getattr(_local, "invocation", None)
        _local.invocation = self.record
        self.started = time.perf_counter()
        return self.record

    def __exit__(self, *exc: Any) -> None:
        self.record["ms"] = round((time.perf_counter() - self.started) * 1000, 2)
        _local.invocation = self.outer
        write(self.record)


class _LogBytes(logging.Handler):
    """What the app's loggers write during an invocation, in the JSON a deployment writes."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        from chalicelib.observe import JsonFormatter

        self.setFormatter(JsonFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        inv = getattr(_local, "invocation", None)
        if inv is None or record.name.startswith(("devstack", "werkzeug")):
            return
        try:
            inv["log_bytes"] += len(self.format(record).encode()) + 1
        except Exception:  # a meter never breaks the stack
            pass


def _patch_emf() -> None:
    """EMF metric lines go to stdout in Lambda (locally to a debug logger): counted as logs."""
    from chalicelib import observe

    original = observe._emit

    @functools.wraps(original)
    def _emit(record: dict[str, Any]) -> None:
        inv = getattr(_local, "invocation", None)
        if inv is not None:
            inv["log_bytes"] += len(json.dumps(record, ensure_ascii=False).encode()) + 1
        original(record)

    observe._emit = _emit


def _patch_gateway() -> None:
    """Each HTTP request the local API Gateway hands to the app: one API request, one invocation."""
    from chalice import local

    original = local.LocalGateway.handle_request

    @functools.wraps(original)
    def handle_request(self: Any, method: str, path: str, headers: Any, body: Any) -> Any:
        route = path.split("?", 1)[0]
        with invocation(f"api {method} {route}", "api", path=route, method=method):
            return original(self, method, path, headers, body)

    local.LocalGateway.handle_request = handle_request  # type: ignore[method-assign]


def _patch_pump() -> None:
    """Each event the pump hands to a handler: one invocation of that function."""
    from devstack.pump import EventPump

    original = EventPump._call

    @functools.wraps(original)
    def _call(self: Any, name: str, handler: Any, event: dict[str, Any]) -> tuple[bool, Any]:
        thread = threading.current_thread().name
        source = thread.split(":", 1)[0] if ":" in thread else "event"
        with invocation(name, source, records=len(event.get("Records", [])) or 1):
            return original(self, name, handler, event)

    EventPump._call = _call  # type: ignore[method-assign]


# ---- AWS requests -------------------------------------------------------------------------------
def _backend() -> Any:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    return dynamodb_backends[DEFAULT_ACCOUNT_ID][os.environ.get("AWS_DEFAULT_REGION", "ap-south-1")]


def _key_of(table: Any, item: dict[str, Any]) -> dict[str, Any]:
    return {a: item[a] for a in (table.hash_key_attr, table.range_key_attr) if a and a in item}


def _targets(op: str, params: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(table, item or key) of each item a write request writes."""
    backend = _backend()
    if op in ("PutItem", "UpdateItem", "DeleteItem"):
        table = params["TableName"]
        key = params.get("Key") or _key_of(backend.get_table(table), params.get("Item", {}))
        return [(table, key)]
    out: list[tuple[str, dict[str, Any]]] = []
    if op == "TransactWriteItems":
        for entry in params.get("TransactItems", []):
            for kind, body in entry.items():
                if kind == "ConditionCheck":
                    continue
                key = body.get("Key") or _key_of(backend.get_table(body["TableName"]), body.get("Item", {}))
                out.append((body["TableName"], key))
    elif op == "BatchWriteItem":
        for table, requests in params.get("RequestItems", {}).items():
            for r in requests:
                if "PutRequest" in r:
                    out.append((table, _key_of(backend.get_table(table), r["PutRequest"]["Item"])))
                elif "DeleteRequest" in r:
                    out.append((table, r["DeleteRequest"]["Key"]))
    return out


def _snapshot(table_name: str, key: dict[str, Any]) -> dict[str, Any]:
    """The item's size now and what each GSI holds of it (None: not in the table / index)."""
    backend = _backend()
    try:
        table = backend.get_table(table_name)
        item = backend.get_item(table_name, key)
    except Exception:
        return {"size": None, "gsi": {}}
    if item is None:
        return {"size": None, "gsi": {}}
    attrs = item.to_json()["Attributes"]
    gsi: dict[str, Any] = {}
    for index in table.global_indexes:
        if all(a in attrs for a in index.schema_key_attrs):
            projected = index.project(item).to_json()["Attributes"]
            gsi[index.name] = {
                "size": item_size(projected),
                "key": json.dumps([attrs[a] for a in index.schema_key_attrs], sort_keys=True),
                "digest": hash(json.dumps(projected, sort_keys=True)),
            }
    return {"size": item_size(attrs), "gsi": gsi}


def _writes(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per item written: table size before/after, and per GSI [before, after, same key, changed]."""
    out = []
    for b, a in zip(before, after, strict=True):
        gsi = {}
        for name in set(b["gsi"]) | set(a["gsi"]):
            gb, ga = b["gsi"].get(name), a["gsi"].get(name)
            gsi[name] = [
                gb and gb["size"],
                ga and ga["size"],
                bool(gb and ga and gb["key"] == ga["key"]),
                not (gb and ga and gb["digest"] == ga["digest"]),
            ]
        out.append({"before": b["size"], "after": a["size"], "gsi": gsi})
    return out


def _full_size(table_name: str, index: str | None, item: dict[str, Any]) -> int:
    """What DynamoDB reads for a returned item: the whole item (or its projection into the
    index), whatever the request's ProjectionExpression kept."""
    try:
        backend = _backend()
        table = backend.get_table(table_name)
        key = _key_of(table, item)
        if len(key) == len([a for a in (table.hash_key_attr, table.range_key_attr) if a]):
            full = backend.get_item(table_name, key)
            if full is not None:
                if index:
                    gsi = next(g for g in table.global_indexes if g.name == index)
                    return item_size(gsi.project(full).to_json()["Attributes"])
                return item_size(full.to_json()["Attributes"])
    except Exception:
        pass
    return item_size(item)


def _reads(op: str, params: dict[str, Any], parsed: dict[str, Any]) -> dict[str, Any]:
    if op == "GetItem":
        item = parsed.get("Item")
        size = _full_size(params["TableName"], None, item) if item else 0
        return {"sizes": [size], "consistent": bool(params.get("ConsistentRead"))}
    if op in ("Query", "Scan"):
        items = parsed.get("Items", [])
        sizes = [_full_size(params["TableName"], params.get("IndexName"), i) for i in items]
        return {
            "sizes": sizes,
            "scanned": parsed.get("ScannedCount", len(items)),
            "count": parsed.get("Count", len(items)),
            "consistent": bool(params.get("ConsistentRead")),
            "paged": True,
        }
    if op == "BatchGetItem":
        sizes = [_full_size(table, None, i) for table, items in parsed.get("Responses", {}).items() for i in items]
        consistent = any(r.get("ConsistentRead") for r in params.get("RequestItems", {}).values())
        return {"sizes": sizes, "consistent": consistent}
    if op == "TransactGetItems":
        sizes = [item_size(r.get("Item", {})) for r in parsed.get("Responses", [])]
        return {"sizes": sizes, "consistent": True, "transaction": True}
    return {}


def _read_tables(op: str, params: dict[str, Any]) -> list[str]:
    """The table (or `table/index`) a read request reads."""
    if op == "BatchGetItem":
        return sorted(params.get("RequestItems", {}))
    if op == "TransactGetItems":
        return sorted({body["TableName"] for entry in params.get("TransactItems", []) for body in entry.values()})
    table = str(params.get("TableName", ""))
    return [f"{table}/{params['IndexName']}" if params.get("IndexName") else table]


def _partition(key: dict[str, Any]) -> str:
    """The item's partition key (its first key attribute), as a string."""
    first: dict[str, Any] = next(iter(key.values()), {})
    return str(first.get("S", ""))


WRITE_OPS = ("PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem")


def _before_call(model: Any, context: dict[str, Any], origin: str) -> None:
    m = context.setdefault("meter", {})
    m.update({"t0": time.perf_counter(), "who": "sfn" if origin == "sfn" else who(), "origin": origin})
    if model.service_model.service_name == "dynamodb" and model.name in WRITE_OPS:
        try:
            targets = _targets(model.name, m.get("params", {}))
            m["targets"] = targets
            m["before"] = [_snapshot(t, k) for t, k in targets]
            m["pks"] = [_partition(k) for _, k in targets]
        except Exception as e:  # a meter never breaks the stack
            m["error"] = repr(e)


def _after_call(model: Any, http_response: Any, parsed: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    m = context.get("meter") or {"t0": time.perf_counter(), "who": who()}
    service, op = model.service_model.service_name, model.name
    record: dict[str, Any] = {
        "kind": "aws",
        "who": m["who"],
        "svc": service,
        "op": op,
        "status": getattr(http_response, "status_code", None),
        "ms": round((time.perf_counter() - m["t0"]) * 1000, 2),
        "origin": m.get("origin", ""),
    }
    try:
        if "targets" in m:
            after = [_snapshot(t, k) for t, k in m["targets"]]
            record["writes"] = _writes(m["before"], after)
            record["pks"] = m["pks"]
            record["tables"] = [t for t, _ in m["targets"]]
            record["transaction"] = op == "TransactWriteItems"
        elif service == "dynamodb":
            record["reads"] = _reads(op, m.get("params", {}), parsed)
            record["tables"] = _read_tables(op, m.get("params", {}))
        if service in ("sqs", "sns"):
            record["bytes"] = m.get("bytes", 0)
        if service == "sqs" and op == "ReceiveMessage":
            record["messages"] = len(parsed.get("Messages", []))
        if service == "sqs" and op in ("SendMessageBatch", "DeleteMessageBatch"):
            record["entries"] = len(parsed.get("Successful", [])) + len(parsed.get("Failed", []))
    except Exception as e:
        record["error"] = repr(e)
    if "error" in m:
        record["error"] = m["error"]
    write(record)


def _provide_params(params: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
    """The request's parameters as the caller gave them (for reads: table, index, consistency;
    for SQS/SNS: the payload's size)."""
    m = context.setdefault("meter", {})
    m["params"] = params
    if model.service_model.service_name in ("sqs", "sns"):
        m["bytes"] = len(json.dumps(params, default=str).encode())


def _instrument(client: Any, origin: str) -> None:
    def before_call(model: Any, context: dict[str, Any], **_: Any) -> None:
        _before_call(model, context, origin)

    events = client.meta.events
    events.register("provide-client-params.*.*", _provide_params, unique_id="meter-params")
    events.register("before-call.*.*", before_call, unique_id="meter-before")
    events.register("after-call.*.*", _after_call, unique_id="meter-after")


def _patch_clients() -> None:
    import botocore.session

    original = botocore.session.Session.create_client

    @functools.wraps(original)
    def create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = original(self, *args, **kwargs)
        frame: Any = sys._getframe(1)
        origin = "app"
        for _ in range(12):  # moto's Step Functions interpreter makes its own clients
            if frame is None:
                break
            if "moto/stepfunctions" in frame.f_code.co_filename.replace("\\", "/"):
                origin = "sfn"
                break
            frame = frame.f_back
        _instrument(client, origin)
        return client

    botocore.session.Session.create_client = create_client  # type: ignore[method-assign]


def _patch_thread_pools() -> None:
    """Work a handler hands to a thread pool (the aggregates' parallel reads) is still its invocation's."""
    from concurrent.futures import ThreadPoolExecutor

    original = ThreadPoolExecutor.submit

    def submit(self: Any, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        inv = getattr(_local, "invocation", None)
        if inv is None:
            return original(self, fn, *args, **kwargs)

        def within(*a: Any, **k: Any) -> Any:
            outer = getattr(_local, "invocation", None)
            _local.invocation = inv
            try:
                return fn(*a, **k)
            finally:
                _local.invocation = outer

        return original(self, within, *args, **kwargs)

    ThreadPoolExecutor.submit = submit  # type: ignore[method-assign]


@functools.cache
def install(path: str) -> None:
    """Meters this process into `path` (JSON lines, appended); call before any client is made."""
    global _out
    _out = open(path, "a", encoding="utf-8")  # noqa: SIM115 (open for the process's life)
    _patch_clients()
    _patch_gateway()
    _patch_pump()
    _patch_emf()
    _patch_thread_pools()
    logging.getLogger().addHandler(_LogBytes())
    write({"kind": "start", "pid": os.getpid()})


def install_from_env() -> bool:
    path = os.environ.get("METER_LOG")
    if path:
        install(path)
    return bool(path)
