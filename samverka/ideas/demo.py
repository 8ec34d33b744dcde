"""Demo ideas: see load."""


def load(*, stdout, password: str) -> None:
    return None
