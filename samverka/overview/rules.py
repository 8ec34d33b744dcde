"""Who may see the overview."""

import rules  # noqa: F401
