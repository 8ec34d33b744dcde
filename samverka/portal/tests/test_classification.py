"""Every field of every model is classified (public, personal, sensitive, financial or
internal) with a retention rule, in its app's `privacy.py` (docs/privacy.md)."""

from importlib import import_module

from django.apps import apps

from samverka.accounts.privacy import THIRD_PARTY
from samverka.core.privacy import CATEGORIES, Kept

# Django's and other packages' models that hold nothing about a person, or only what is
# technical and short-lived.
OUT_OF_SCOPE = {
    "auth": "permissions and groups: names of rights, no one's data (a user's groups are classified on User)",
    "contenttypes": "the names of the models",
    "sessions": "technical: who is logged in on which browser; ends at logout or expiry (clearsessions)",
    "django_tasks_database": "technical: task ids and results, pruned weekly (prune_db_task_results)",
}


def fields_of(model) -> list[str]:
    """Every stored field and many-to-many relation, but the automatic primary key."""
    meta = model._meta
    return [f.name for f in meta.get_fields()
            if (f.concrete or f.many_to_many) and not f.auto_created and not (f.primary_key and f.name == "id")]


def declared(model) -> tuple[Kept | None, str]:
    """What declares `model`'s fields, and where that is written."""
    config = model._meta.app_config
    if not config.name.startswith("samverka."):
        return THIRD_PARTY.get(model._meta.label), "samverka/accounts/privacy.py, in THIRD_PARTY"
    path = f"{config.name.replace('.', '/')}/privacy.py"
    try:
        module = import_module(f"{config.name}.privacy")
    except ModuleNotFoundError:
        return None, path
    return getattr(module, "FIELDS", {}).get(model.__name__), path


def test_every_field_of_every_model_is_classified_with_a_retention_rule():
    problems = []
    for model in apps.get_models():
        if model._meta.app_label in OUT_OF_SCOPE:
            continue
        kept, where = declared(model)
        key = model._meta.label if where.endswith("THIRD_PARTY") else model.__name__
        if kept is None:
            problems.append(f'{where}: add FIELDS["{key}"] = kept(retention="…", personal=[…], internal=[…], …) '
                            f"naming every field of {model._meta.label}: {', '.join(fields_of(model))}")
            continue
        missing = [name for name in fields_of(model) if name not in kept.fields]
        if missing:
            problems.append(f'{where}: FIELDS["{key}"] does not say what {", ".join(missing)} '
                            f"{'is' if len(missing) == 1 else 'are'}: add each to public, personal, sensitive, "
                            "financial or internal in its kept(…)")
        gone = [name for name in kept.fields if name not in fields_of(model)]
        if gone:
            problems.append(f'{where}: FIELDS["{key}"] names {", ".join(gone)}, which {model._meta.label} has not')
        if not kept.retention.strip():
            problems.append(f'{where}: FIELDS["{key}"] needs a retention rule')
        assert set(kept.fields.values()) <= set(CATEGORIES)
    assert not problems, "\n".join(problems)


def test_no_app_classifies_a_model_it_does_not_have():
    for config in apps.get_app_configs():
        if not config.name.startswith("samverka."):
            continue
        try:
            module = import_module(f"{config.name}.privacy")
        except ModuleNotFoundError:
            continue
        own = {model.__name__ for model in config.get_models()}
        assert set(getattr(module, "FIELDS", {})) <= own, config.name
    for label in THIRD_PARTY:
        apps.get_model(label)  # LookupError for a model that is not installed
