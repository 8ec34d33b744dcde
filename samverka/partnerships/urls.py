"""The partnerships app's addresses."""

app_name = "partnerships"
urlpatterns: list = []
