"""One module per scenario: ``click`` (round trips) and ``idle`` (many parked views)."""
