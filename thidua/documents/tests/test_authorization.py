"""The batch of certificates refuses a role that prints none, and an actor its source refuses (see
thidua/tests/test_service_probes.py)."""

from __future__ import annotations

import pytest

from thidua.accounts.permissions import authorize
from thidua.accounts.system import Actor
from thidua.documents.model import Certificate, certificate_to_json
from thidua.documents.samples import many_certificates
from thidua.documents.services import certificates_render_batch
from thidua.documents.sources import register_certificate_source
from thidua.testing import Cast, assert_refused
from thidua.units.models import Unit

pytestmark = pytest.mark.django_db

PROBED = [certificates_render_batch]


def unit_certificates(*, actor: Actor, unit_id: int) -> list[Certificate]:
    """A source as an app writes one: it authorizes the actor on its records."""
    authorize(actor, "units.view_unit", Unit.objects.get(pk=unit_id))
    return many_certificates(1)


register_certificate_source("tests.unit", f"{__name__}.unit_certificates")


@pytest.mark.parametrize("username", ["to8a", "hoidong"])
def test_a_role_that_prints_no_certificates_is_refused(cast: Cast, username: str) -> None:
    certificates = [certificate_to_json(c) for c in many_certificates(1)]
    refusal = assert_refused(lambda: certificates_render_batch(actor=cast[username], certificates=certificates))
    assert not refusal.hidden


def test_an_officer_of_another_district_is_refused_by_the_records_source(cast: Cast) -> None:
    refusal = assert_refused(
        lambda: certificates_render_batch(
            actor=cast["chomoi"], source="tests.unit", source_params={"unit_id": cast.duc_xuan.pk}
        )
    )
    assert refusal.hidden
