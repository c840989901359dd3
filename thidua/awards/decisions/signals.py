"""The guard that keeps an issued decision and its awards as they were issued: connected at startup.

An issued decision has no update service, no page and no API to edit it. The only writes after issue
are the revocation fields (``decision_revoke``, ``award_revoke``); a ``pre_save`` guard refuses any
other change made through the ORM, and nothing is deleted. The triggers of migrations
``awards.0002_decision_immutable`` (the decision) and ``awards.0006_awards_and_proposals_immutable``
(its awards, the tờ trình) are the database's own guard: they also cover ``QuerySet.update``,
``bulk_update`` and raw SQL, which signals do not see.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from thidua.awards.models import Award, AwardDecision
from thidua.errors import DomainError

# The fields a revocation writes: the only ones of an issued decision (or award) that may change.
REVOCATION_FIELDS = frozenset({"revoked_on", "revocation_reason", "revoked_by_id"})
AWARD_REVOCATION_FIELDS = frozenset({"revoked_on", "revocation_reason"})


def _changed_fields(instance: models.Model, model: type[models.Model]) -> set[str]:
    stored = model._default_manager.filter(pk=instance.pk).values().first()
    if stored is None:
        return set()
    return {
        field.attname
        for field in model._meta.concrete_fields
        if stored.get(field.attname) != getattr(instance, field.attname)
    }


@receiver(pre_save, sender=AwardDecision, dispatch_uid="awards.decision_immutable")
def _decision_immutable(sender: Any, instance: AwardDecision, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None or instance._state.adding:
        return
    changed = _changed_fields(instance, AwardDecision) - REVOCATION_FIELDS
    if changed:
        raise DomainError(
            _("An issued decision cannot be edited (%(fields)s): revoke it with a reason and issue a new one."),
            fields=", ".join(sorted(changed)),
        )


@receiver(pre_save, sender=Award, dispatch_uid="awards.award_immutable")
def _award_immutable(sender: Any, instance: Award, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None or instance._state.adding:
        return
    changed = _changed_fields(instance, Award) - AWARD_REVOCATION_FIELDS
    if changed:
        raise DomainError(
            _("An award cannot be edited (%(fields)s): revoke it with a reason."), fields=", ".join(sorted(changed))
        )


@receiver(pre_delete, sender=AwardDecision, dispatch_uid="awards.decision_kept")
@receiver(pre_delete, sender=Award, dispatch_uid="awards.award_kept")
def _never_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    raise DomainError(_("Decisions and awards are never deleted: revoke them with a reason."))
