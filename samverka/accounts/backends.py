"""The authentication backends in use (Django's and allauth's), loading the logged-in user
of every request with one prepared statement (`User.objects.get_by_pk`)."""

from __future__ import annotations

from allauth.account import auth_backends
from django.contrib.auth import backends

from .models import User


class _GetUser:
    def get_user(self, user_id):
        try:
            user = User.objects.get_by_pk(int(user_id))
        except (User.DoesNotExist, TypeError, ValueError):
            return None
        return user if self.user_can_authenticate(user) else None


class ModelBackend(_GetUser, backends.ModelBackend):
    pass


class AuthenticationBackend(_GetUser, auth_backends.AuthenticationBackend):
    pass
