"""What the dialogue app tells apps above it, without knowing them.

`feedback_given` is sent (inside the transaction) when feedback is given on an item, with
`item` and `first_time`: an app that opened an item with no subject (a request to take part
in a coming decision) tells its own people."""

from django.dispatch import Signal

feedback_given = Signal()
