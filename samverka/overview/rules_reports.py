"""Who may ask for and download reports."""

import rules  # noqa: F401
