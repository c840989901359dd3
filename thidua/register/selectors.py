"""Reads of the register."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from thidua.register.models import RegisterEntry


def entry_of(document: models.Model) -> RegisterEntry | None:
    """The register entry of an issued document, or None for a document the register never held."""
    return RegisterEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(document), object_id=document.pk
    ).first()
