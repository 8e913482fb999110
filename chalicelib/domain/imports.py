"""The CSV of postings `POST /v1/directory/imports` takes: its columns and how many rows.

Here, apart from the import itself (`chalicelib.services.directory_import`), so that the
API's description of the route names them without loading the import's use case."""

COLUMNS = ("post_id", "name", "designation", "mobile", "email", "kind", "order_no", "order_date")
MAX_ROWS = 500
