from django.tasks import task

from . import services


@task
def deliver_outbox() -> dict:
    counts = services.deliver_due()
    # Messages waiting for a retry get a delivery run at their time.
    if due := services.next_due_at():
        deliver_outbox.using(run_after=due).enqueue()
    return counts
