"""In-memory fakes of the ports in `chalicelib.services.ports` (and the report ports).

Each store fake behaves as its DynamoDB adapter does — conditional writes, the domain's
refusals, the same orderings — and `tests/integration/test_store_contracts.py` runs one
contract per store against both, so a unit test on a fake says something true of the
real thing.
"""
