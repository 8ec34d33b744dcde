from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "samverka.demo"
    label = "demo"
    verbose_name = "Demo"
