"""The forms of the consultation: the officers' publication and answers, and the public's objection.

The public form resists spam without a captcha: a honeypot field people never see (a robot filling
every input fills it too) and a signed timestamp set when the page was served — a form sent back
faster than ``MIN_FILL_SECONDS`` was not filled by a person reading it, and one older than
``MAX_FORM_AGE`` is stale. A token is taken once: the form that uses it marks it in the shared
"limits" cache (Redis, or the database, so every worker knows), and the same token sent again is
refused. The refusals store nothing; the rate limit is the service's.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django import forms
from django.core import signing
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _

from thidua.awards.consultation.selectors import MIN_WORKING_DAYS
from thidua.awards.consultation.services import MIN_OBJECTION_LENGTH
from thidua.awards.models import Nomination, ObjectionStatus

DATE_WIDGET = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 10})

MIN_FILL_SECONDS = 3
MAX_FORM_AGE = 24 * 3600
HONEYPOT = "website"
_SALT = "thidua.awards.objection-form"


def form_token(round_id: int, issued_at: float | None = None) -> str:
    """The signed timestamp of a form served now (or at ``issued_at``) for this round."""
    return signing.dumps({"r": round_id, "t": time.time() if issued_at is None else issued_at}, salt=_SALT)


class PublishForm(forms.Form):
    on = forms.DateField(label=_("Published on"), widget=DATE_WIDGET)
    working_days = forms.IntegerField(
        label=_("Working days of consultation"),
        min_value=1,
        max_value=200,
        initial=MIN_WORKING_DAYS,
        help_text=_("At least 10 working days; the day of publication is not counted."),
    )


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[(ObjectionStatus.UPHELD, _("upheld")), (ObjectionStatus.DISMISSED, _("dismissed"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ObjectionForm(forms.Form):
    nomination = forms.ChoiceField(label=_("Your objection concerns"), required=False)
    text = forms.CharField(
        label=_("Your objection"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=MIN_OBJECTION_LENGTH,
        max_length=5000,
        help_text=_("At least 20 characters: say what is wrong and how you know it."),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    contact = forms.CharField(
        label=_("Phone or e-mail (optional), if you want an answer"), max_length=200, required=False
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, round_id: int, nominations: list[tuple[Nomination, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.round_id = round_id
        picker = self.fields["nomination"]
        assert isinstance(picker, forms.ChoiceField)
        picker.choices = [
            ("", _("The list in general")),
            *((str(n.pk), label) for n, label in nominations),
        ]
        if not self.is_bound:
            self.initial["started"] = form_token(round_id)

    def visible(self) -> list[forms.BoundField]:
        """The fields a person fills, without the honeypot and the timestamp."""
        return [self[name] for name in ("nomination", "text", "name", "contact")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get(HONEYPOT) or self.data.get(HONEYPOT):
            raise forms.ValidationError(
                _("The form was not sent as expected. Please reload the page and send it again.")
            )
        try:
            token = signing.loads(self.data.get("started", ""), salt=_SALT, max_age=MAX_FORM_AGE)
        except signing.BadSignature:
            raise forms.ValidationError(_("This form has expired. Please reload the page and send it again.")) from None
        if token.get("r") != self.round_id:
            raise forms.ValidationError(_("This form has expired. Please reload the page and send it again."))
        if time.time() - float(token.get("t", 0)) < MIN_FILL_SECONDS:
            raise forms.ValidationError(_("The form was sent too quickly. Please read it and send it again."))
        if not self.errors:
            # Taken only by a form otherwise right, so that a typo does not spend it; add() is atomic.
            used = "thidua:objection-token:" + hashlib.sha256(self.data["started"].encode()).hexdigest()
            if not caches["limits"].add(used, 1, timeout=MAX_FORM_AGE):
                raise forms.ValidationError(
                    _("This form was already sent. Please reload the page to send another objection.")
                )
        return data

    def renew(self) -> None:
        """A new token for the form shown again after an error (the one sent may have been taken)."""
        data = dict(self.data.items())
        data["started"] = form_token(self.round_id)
        self.data = data
