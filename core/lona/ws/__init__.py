"""The websocket side: one connection, the messages it carries.

``connection`` is one websocket: dispatch, the ordered outbox, what one
client may cost; ``messages`` checks what a client sends before anything
uses it; ``window_messages`` builds what a view's window is sent.  The wire
codes themselves are Lona's ``lona.protocol``, which the HTML layer uses too.
"""
