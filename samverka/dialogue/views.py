"""Processes, proposals, comments, moderation and feedback."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import FeedbackItem, Process


@require_GET
def index(request):
    processes = Process.objects.visible_to(request.user).select_related("office")
    return render(request, "dialogue/index.html", {"processes": processes})


@require_GET
def process(request, slug):
    process = get_object_or_404(Process.objects.visible_to(request.user), slug=slug)
    return render(request, "dialogue/process.html", {"process": process})


@require_GET
def feedback(request, pk):
    item = get_object_or_404(FeedbackItem.objects.public().filter(process__in=Process.objects.published()), pk=pk)
    return render(request, "dialogue/feedback.html", {"item": item})
