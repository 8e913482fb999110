"""The rules of the circular: pure Python, no AWS."""
