from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thidua.documents.models import GeneratedFile


def generated_files_of(user: Any) -> QuerySet[GeneratedFile]:
    """The files a user may download: those they produced, and nobody else's."""
    if not getattr(user, "is_authenticated", False):
        return GeneratedFile.objects.none()
    return GeneratedFile.objects.filter(created_by=user)
