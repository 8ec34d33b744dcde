from django.tasks import task

from . import services


@task
def send_update_reminders(*, actor_ids: list[int], requested_at: str) -> int:
    return services.write_update_reminders(actor_ids=actor_ids, requested_at=requested_at)
