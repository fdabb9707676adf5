"""The command line of the echo servers: ``--host H --port P``."""

import argparse


def parse_address() -> tuple[str, int]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    arguments = parser.parse_args()
    return arguments.host, arguments.port
