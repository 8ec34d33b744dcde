"""The one error a service raises when a rule stops a change.

Every app's services raise `ActionError` (or a subclass of it) with a message for the
person; views catch it and show the message next to the form, the API answers 400."""


class ActionError(Exception):
    """A rule stops this change; the message is for the user."""
