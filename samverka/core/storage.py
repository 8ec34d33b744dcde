"""The private file storage (`STORAGES["private"]`): local files outside MEDIA_ROOT by default, a
private bucket in production. No address serves these files by themselves; an app's view checks
who may download and streams the file."""

from django.core.files.storage import storages
from django.utils.functional import LazyObject


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private = _PrivateStorage()


def private_storage():
    """For `FileField(storage=private_storage)`: a callable, so migrations name it, not the storage."""
    return private
