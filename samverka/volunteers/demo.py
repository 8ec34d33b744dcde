"""Demo data for this app, loaded by `load_demo` after the actors and activities (placeholder)."""


def load(*, stdout) -> None:
    pass
