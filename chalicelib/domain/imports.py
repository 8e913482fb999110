"""The CSV of postings `POST /v1/directory/imports` takes: its columns and how many rows.

Here, apart from the import itself (`chalicelib.services.directory_import`), so that the
API's description of the route names them without loading the import's use case."""

COLUMNS = ("post_id", "name", "designation", "mobile", "email", "kind", "order_no", "order_date", "lang")
# Columns a file may leave out (a blank cell is the same): no e-mail; the officer's language
# (`hi` | `en`), Hindi for a new officer and unchanged for a known one.
OPTIONAL = ("email", "lang")
MAX_ROWS = 500
