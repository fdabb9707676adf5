"""The websocket side: one connection, the messages it carries.

``connection`` is one websocket: dispatch and what one client may cost;
``outbox`` writes what it sends, in order; ``lifecycle`` is its states and
the steps between them; ``host`` and ``transport`` are what it uses of the
server above and of the adapter's socket (Protocols: nothing here imports
either); ``messages`` checks what a client sends before anything uses it;
``window_messages`` builds what a view's window is sent.  The wire
codes themselves are Lona's ``lona.protocol``, which the HTML layer uses too.
"""
