"""The shared conformance suite."""
