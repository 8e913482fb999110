"""Reference data shipped with the app (MP structure)."""
