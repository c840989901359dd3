"""/api/v1/: the API assembled from each app's router, with its one error boundary.

Each app keeps its endpoints in its own ``api`` module (a ``Router``); this module, above every app,
adds them under their prefixes and registers the exception handlers of ``thidua.api.errors`` once,
so that every refusal of every endpoint has the one shape ``{code, message, errors}``.
Authentication is an API token (``Authorization: Bearer thd_…``, acting as its owner, every call
audited) or the Django session (with its CSRF check on writes). An object outside the user's subtree
is a 404, as on the pages.
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from thidua.accounts.api import router as accounts_router
from thidua.api.errors import register_error_handlers
from thidua.awards.api import router as awards_router
from thidua.campaigns.api import router as campaigns_router
from thidua.evaluations.api import router as evaluations_router
from thidua.events.api import router as events_router
from thidua.jobs.api import router as jobs_router
from thidua.reports.api import router as reports_router
from thidua.tokens.api import router as tokens_router
from thidua.tokens.auth import TokenAuth
from thidua.units.api import router as units_router
from thidua.useradmin.api import router as useradmin_router

api = NinjaAPI(title="thidua API", version="1", urls_namespace="api", auth=[TokenAuth(), django_auth])
register_error_handlers(api)

api.add_router("/", accounts_router)
api.add_router("/units", units_router)
api.add_router("/accounts", useradmin_router)
api.add_router("/jobs", jobs_router)
api.add_router("/", campaigns_router)
api.add_router("/evaluations", evaluations_router)
api.add_router("/awards", awards_router)
api.add_router("/events", events_router)
api.add_router("/reports", reports_router)
api.add_router("/tokens", tokens_router)
