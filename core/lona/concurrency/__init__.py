"""Concurrency primitives below everything else: the core loop, the elastic
thread pool for view code, the serial queue, and where a callable is decided
to run on the loop or in a thread.  Nothing here knows about views, HTTP or
websockets."""
