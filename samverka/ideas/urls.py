"""The ideas app's addresses."""

app_name = "ideas"
urlpatterns: list = []
