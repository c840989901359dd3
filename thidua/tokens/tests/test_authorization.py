"""The tokens' writing services authorize their actor (see thidua/tests/test_service_probes.py);
the refusals themselves are tested in test_tokens.py."""

from __future__ import annotations

from thidua.tokens.services import service_account_create, token_create, token_revoke

PROBED = [token_create, token_revoke, service_account_create]
