"""Use cases: each takes its adapters as arguments and speaks in domain terms."""
