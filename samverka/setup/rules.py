"""Who may move data in and out: the administrator only (an import changes the whole register,
an export holds everything the municipality keeps)."""

import rules

from samverka.accounts.rules import is_administrator

rules.add_perm("setup.import_data", is_administrator)
rules.add_perm("setup.export_data", is_administrator)
rules.add_perm("setup.configure", is_administrator)
