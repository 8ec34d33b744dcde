from django.shortcuts import render


def index(request):
    return render(request, "core/coming.html")  # placeholder, replaced by the app's real views
