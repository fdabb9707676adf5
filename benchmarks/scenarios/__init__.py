"""One module per scenario: ``click`` (round trips), ``idle`` (many parked views),
``tree`` (wire bytes and tree cost), ``first_content`` (time to content in Chromium)
and ``fanout`` (channel messages to many views)."""
