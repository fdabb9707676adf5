"""Lona's ``lona.channels``: ``Channel`` and ``Message``.

The machinery is beside it: ``channel`` (topics, messages, the channel a view
holds), ``broker`` (one per running server: delivery, expiry, the backend
interface) and ``redis`` (the backend that carries messages between processes).
"""

from lona.channels.channel import Channel, Message

__all__ = ["Channel", "Message"]
