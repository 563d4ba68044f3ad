"""The dashboard reads other apps' tables and stores nothing; this model only carries its permission."""

from django.db import models


class Dashboard(models.Model):
    """No table: ``reports.view_dashboard`` needs a model to belong to."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboard", "Can see the practice dashboard (figures per office and period)")]

    def __str__(self) -> str:
        return "Practice dashboard"
