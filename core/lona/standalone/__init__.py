"""Running an app as its own server: ``app.run()`` and the ``lona`` command.

Run options (keywords, command line, environment), logging, the checks before
serving (the port, the adapter) and live reload.  An app embedded in a host's
server never comes here.
"""
