"""Files the document engine produced, kept for their owner to download."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GeneratedFileKind(models.TextChoices):
    CERTIFICATES = "certificates", _("Certificates")
    DECISION = "decision", _("Decision")


class GeneratedFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40, choices=GeneratedFileKind.choices)
    name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", max_length=300)
    content_type = models.CharField(max_length=100, default="application/pdf")
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("generated file")
        verbose_name_plural = _("generated files")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class StoredFile(models.Model):
    """A file's bytes in the database (``thidua.documents.storage.DatabaseStorage``): reachable from
    every machine, backed up with the rows that point at it."""

    name = models.CharField(_("file name"), max_length=300, unique=True)
    content = models.BinaryField(_("content"))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")

    def __str__(self) -> str:
        return self.name
