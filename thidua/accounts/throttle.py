"""Throttling of signing in, through django-axes: every way in (the login page, Django's admin, any
later form that calls ``authenticate``) passes its backend first.

Two counts, over the last ``LOGIN_LOCKOUT_MINUTES``:

- the failures of one user name **from one address** (``LOGIN_FAILURE_LIMIT``, 5): a guesser is
  stopped, while the officer whose name is guessed still signs in from the office — a lockout by user
  name alone let anyone lock any officer out;
- the failures **from one address**, whatever the names (``LOGIN_ADDRESS_FAILURE_LIMIT``, 30): one
  password tried on many accounts is slowed too. It is higher because a commune office shares one
  address.

Failures are counted in axes' ``AccessAttempt`` rows, one per (address, user name, browser) whose
count goes up and which expire with the window; no audit row is written per failure (an attacker
would flood the audit), only the lockout itself is audited.

The client's address is ``REMOTE_ADDR``, or, when the request comes from one of ``TRUSTED_PROXIES``,
the last address of ``X-Forwarded-For`` that is not one of them: a client cannot forge its address by
sending the header itself.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from thidua.accounts.forms import LockoutAuthenticationForm
from thidua.accounts.system import SYSTEM_ACTOR
from thidua.audit.services import audit_record

LOCKED = 429


def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(entry, strict=False) for entry in settings.TRUSTED_PROXIES]


def _trusted(address: str, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(parsed in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent ``request``, as far as a trusted proxy vouches for it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = _networks()
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    # From the right: every hop a trusted proxy added, until the first address no trusted proxy is.
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote
    return hops[0] if hops else remote


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The user name an attempt counts against, in lower case: "DucXuan" is "ducxuan"."""
    source = credentials if credentials is not None else request.POST
    username = source.get("username")
    return username.strip().lower()[:150] if isinstance(username, str) else None


class ThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with two limits: (address, user name) and address alone."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        # The lockout parameters are [["ip_address", "username"], "ip_address"], in that order.
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # axes compares one number with one limit (LOGIN_FAILURE_LIMIT): the address's own limit
        # counts as reaching it.
        if address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(pair, settings.LOGIN_FAILURE_LIMIT)
        return int(pair)


def on_locked_out(
    sender: object, request: HttpRequest | None, username: str | None, ip_address: str, **kwargs: Any
) -> None:
    """Audit a lockout (not each failure): who was locked, from where."""
    # axes also signals each attempt refused while locked: only the attempt that locks is audited
    # (it alone has counted its failure).
    if request is None or getattr(request, "axes_failures_since_start", None) is None:
        return
    with transaction.atomic():
        audit_record(
            actor=SYSTEM_ACTOR,
            action="accounts.login_locked",
            obj=None,
            after={"username": (username or "")[:150], "address": ip_address},
        )


def locked_out(request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None) -> HttpResponse:
    """The answer to a locked-out attempt: the login page with the reason, status 429."""
    # Unbound, so that showing it does not try the password again; the name stays typed in.
    form = LockoutAuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    form.cleaned_data = {}
    form.add_error(
        None,
        _(
            "Too many failed logins from your address. Try again in %(minutes)d minutes, "
            "or ask an administrator to reset your password."
        )
        % {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
    )
    return render(request, "accounts/login.html", {"form": form, "next": request.POST.get("next", "")}, status=LOCKED)
