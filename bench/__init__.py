"""Benchmarks: each prints its figures (`make bench`)."""
