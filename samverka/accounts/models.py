"""Users. Roles that belong to an office, an actor or a programme live next to those
(municipality.OfficeMembership, actors.ActorMembership, …); the platform-wide roles are
flags here: administrator (is_superuser) and process leader."""

from __future__ import annotations

from functools import cached_property

from django.apps import apps
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import connections, models, router
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)

    def get_by_pk(self, pk: int):
        """The user with this primary key, as `get(pk=…)` returns them, read with a
        statement written once instead of composed by the ORM each time: the
        authentication backends load the logged-in user so on every request
        (samverka.accounts.backends)."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        sql, attnames, converters = _row_statement(self.model, connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            row = cursor.fetchone()
        if row is None:
            raise self.model.DoesNotExist(f"{self.model._meta.object_name} matching query does not exist.")
        values = list(row)
        for index, functions, column in converters:
            for convert in functions:
                values[index] = convert(values[index], column, connection)
        return self.model.from_db(alias, attnames, values)


_row_statements: dict[tuple[type, str], tuple[str, list[str], list]] = {}


def _row_statement(model, connection) -> tuple[str, list[str], list]:
    """SELECT every column of `model` WHERE pk = %s, the field names, and the database's
    value converters (e.g. SQLite's text → datetime), as the ORM would apply them."""
    key = (model, connection.alias)
    if key not in _row_statements:
        opts, quote = model._meta, connection.ops.quote_name
        fields = list(opts.concrete_fields)
        columns = [field.get_col(opts.db_table) for field in fields]
        converters = [(index, functions, column) for index, column in enumerate(columns)
                      if (functions := connection.ops.get_db_converters(column) + column.get_db_converters(connection))]
        sql = (f"SELECT {', '.join(quote(field.column) for field in fields)} FROM {quote(opts.db_table)} "  # noqa: S608
               f"WHERE {quote(opts.pk.column)} = %s")
        _row_statements[key] = (sql, [field.attname for field in fields], converters)
    return _row_statements[key]


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), max_length=254, unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_process_leader = models.BooleanField(
        _("process leader"), default=False,
        help_text=_("Sees the overview across all offices."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_administrator(self) -> bool:
        return self.is_active and self.is_superuser

    @cached_property
    def office_ids(self) -> frozenset[int]:
        """The offices this user works in as an official (one query, then cached)."""
        return self._roles()[0]

    @cached_property
    def actor_roles_and_status(self) -> dict[int, tuple[str, str]]:
        """{actor id: (role, the actor's status)} for the actors this user represents
        (actors.rules.actor_memberships)."""
        return self._roles()[1]

    def _roles(self) -> tuple[frozenset[int], dict[int, tuple[str, str]]]:
        """The user's offices and actors, both wanted on most logged-in pages (permissions,
        what the user may see), in one statement; each is then kept on the user for the
        rest of the request."""
        if "office_ids" in self.__dict__ and "actor_roles_and_status" in self.__dict__:
            return self.__dict__["office_ids"], self.__dict__["actor_roles_and_status"]
        offices, actors = set(), {}
        if self.pk is not None:
            connection = connections[router.db_for_read(type(self))]
            with connection.cursor() as cursor:
                cursor.execute(_roles_statement(connection), [self.pk, self.pk])
                for office_id, actor_id, role, status in cursor.fetchall():
                    if office_id is not None:
                        offices.add(office_id)
                    else:
                        actors[actor_id] = (role, status)
        self.__dict__.setdefault("office_ids", frozenset(offices))
        self.__dict__.setdefault("actor_roles_and_status", actors)
        return self.__dict__["office_ids"], self.__dict__["actor_roles_and_status"]

    @property
    def is_official(self) -> bool:
        return bool(self.office_ids)


_roles_statements: dict[str, str] = {}


def _roles_statement(connection) -> str:
    """Rows (office id, NULL, NULL, NULL) for the user's offices and (NULL, actor id, role,
    status) for the actors the user represents; parameters: the user's id twice."""
    if connection.alias not in _roles_statements:
        quote = connection.ops.quote_name
        office = apps.get_model("municipality", "OfficeMembership")._meta
        membership = apps.get_model("actors", "ActorMembership")._meta
        actor = apps.get_model("actors", "Actor")._meta

        def column(opts, name: str, alias: str = "") -> str:
            return (f"{alias}." if alias else "") + quote(opts.get_field(name).column)

        sql = (
            f"SELECT {column(office, 'office')}, NULL, NULL, NULL FROM {quote(office.db_table)} "  # noqa: S608
            f"WHERE {column(office, 'user')} = %s "
            f"UNION ALL SELECT NULL, {column(membership, 'actor', 'm')}, {column(membership, 'role', 'm')}, "
            f"{column(actor, 'status', 'a')} FROM {quote(membership.db_table)} m "
            f"JOIN {quote(actor.db_table)} a ON a.{quote(actor.pk.column)} = {column(membership, 'actor', 'm')} "
            f"WHERE {column(membership, 'user', 'm')} = %s"
        )
        _roles_statements[connection.alias] = sql
    return _roles_statements[connection.alias]
