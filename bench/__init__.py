"""Benchmarks: `make bench`. Figures, not tests; see bench/README.md."""
