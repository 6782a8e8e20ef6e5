"""Benchmarks and evaluation scripts: they print numbers, they do not assert."""
