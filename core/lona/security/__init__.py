"""What a client may do and cost: admission, sessions, the app's signing key.

``admission`` checks hosts and origins, issues page tokens and limits rates;
``sessions`` issues and checks session keys (the session cookie); ``trust``
finds the key every process of an app signs with; ``log_limit`` limits the
log lines one client can cause.
"""
