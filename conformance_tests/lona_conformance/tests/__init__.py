"""The conformance tests; ``pytest --pyargs lona_conformance`` collects them."""
