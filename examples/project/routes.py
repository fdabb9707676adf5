from lona import Route

routes = [
    Route("/", "views/counter.py::Counter", name="counter"),
    Route("/api/status", "views/api.py::Status", interactive=False, name="status"),
]
