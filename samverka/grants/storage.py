"""The local private storage: files on disk outside MEDIA_ROOT that have no address.
`url()` refuses, so no template can link a file past the view that checks the rules."""

from django.core.files.storage import FileSystemStorage


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a view that checks the rules.")
