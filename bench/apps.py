from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's own views (the floors), model and fill command; installed only when
    BENCHMARK_FLOOR is set (samverka/settings.py), never in production."""

    name = "bench"
    label = "bench"
    default_auto_field = "django.db.models.BigAutoField"
