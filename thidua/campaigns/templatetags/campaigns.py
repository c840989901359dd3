from __future__ import annotations

from typing import Any

from django import template

from thidua.campaigns.parameters import Parameter

register = template.Library()


@register.simple_tag
def parameter_display(parameter: Parameter, value: Any) -> str:
    """A parameter's value as officials read it ("80%", "25/11", a list of labels)."""
    return parameter.display(value)
