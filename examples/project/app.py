"""Run the example project as a script: python examples/project/app.py"""

from pathlib import Path

from lona.pytest import load_project

if __name__ == "__main__":
    load_project(str(Path(__file__).parent), ["settings.py"], {}, {}).run()
