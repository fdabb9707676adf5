"""lona-live's benchmark suite: ``python benchmarks/run.py``; see README.md here."""
