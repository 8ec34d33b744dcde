"""Placeholder in the coordinator's branch: the public side's addresses (programmes list,
programme page, sign-up, a participant's page, confirm, follow-up) come with its own
urls_public.py, which replaces this file when both are merged."""

urlpatterns = []
