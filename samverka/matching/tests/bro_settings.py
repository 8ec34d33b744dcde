"""Settings of the second installation that test_two_installations.py starts: the platform's
own, with the tables made straight from the models (`migrate --run-syncdb`) instead of by
running every migration, so it starts in seconds on any database the suite runs on."""

from samverka.settings import *  # noqa: F403


class _NoMigrations(dict):
    def __contains__(self, item) -> bool:
        return True

    def __getitem__(self, item):
        return None


MIGRATION_MODULES = _NoMigrations()
