from django.db import models


class FloorWrite(models.Model):
    """One row per form sent to the benchmark's write floor (/_floor/write): the least a
    form that stores something can cost."""

    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
