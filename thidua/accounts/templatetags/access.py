"""``{% may "awards.view_council" round as allowed %}``: a link or a button only for who may open it,
asking the view's own predicate (thidua.accounts.links)."""

from __future__ import annotations

from typing import Any

from django import template

from thidua.accounts.links import may_open

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context: template.Context, action: str, obj: Any = None) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) if request is not None else context.get("user")
    return user is not None and user.is_authenticated and may_open(user, action, obj)
