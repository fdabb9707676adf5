"""The parts of ``lona.server.Server``, one concept each.

``Server`` keeps the lifecycle, the entry points adapters call and Lona's
public methods (``lona.server_api``); what happens behind them lives here:

* ``view_start``: a window's VIEW and RESUME messages: a new view, a daemon
  re-attached, a page load's view adopted, a dropped window resumed;
* ``limits``: how many views a session and the thread pool may run;
* ``admission``: whether a websocket is let in (host, origin, the
  ``handle_connection`` middlewares) and whether it may start views
  (its page token);
* ``custom_messages``: text that is no protocol message, for the
  ``handle_websocket_message`` middlewares;
* ``connections``: the open websockets, the silent ones closed, all of them
  closed at shutdown.
* ``startup``, ``stop_request``, ``shutdown``: the thread pool and the
  warnings a starting server logs, a stop asked for from any thread, the
  running views stopped.

Each module types the services it needs of its host as a small
``typing.Protocol``; ``Server`` hands itself over.
"""
