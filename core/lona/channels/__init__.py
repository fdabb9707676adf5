"""Lona's ``lona.channels``: ``Channel`` and ``Message``.

The machinery is beside it: ``channel`` (topics, messages, the channel a view
holds), ``broker`` (one per running server: delivery, expiry, the backend
interface), ``redis`` (the backend that carries messages between processes)
and ``host`` (what they use of the server that hosts them).
"""

from lona.channels.channel import Channel, Message

__all__ = ["Channel", "Message"]
