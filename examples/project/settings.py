"""Settings of the example project (a Lona-style project: settings + routing table)."""

ROUTING_TABLE = "routes.py::routes"
CLIENT_TITLE = "Example project"
