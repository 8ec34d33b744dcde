from django.tasks import task

from . import services


@task
def deliver_outbox() -> dict:
    counts = services.deliver_due()
    # Messages waiting for a retry get a delivery run at their time.
    # (A backend that cannot run a task later leaves them to the periodic `send_outbox`.)
    if (due := services.next_due_at()) and deliver_outbox.get_backend().supports_defer:
        services.schedule_retry_run(due)
    return counts
