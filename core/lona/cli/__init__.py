"""The ``lona`` command (``main``), ``lona collect-static`` and Lona's project mode.

The command imports the app, never the other way: only the command's entry
points import this package (``lona.command_line``, Lona's paths for it,
``python -m lona``, and the pytest plugin's ``lona_project_context``).
"""
