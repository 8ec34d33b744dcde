from django.tasks import task

from . import services


@task
def deliver_newsletter(*, newsletter_id: int) -> int:
    """Queue a newsletter in the outbox for every confirmed subscriber, in batches; run
    again after a failure, it goes on after the last subscriber queued."""
    return services.deliver_newsletter(newsletter_id=newsletter_id)
