from django import template

from fidelity.selectors import PERSPECTIVE_LABELS

register = template.Library()


@register.filter
def perspective_label(value: str) -> str:
    return str(PERSPECTIVE_LABELS.get(value, value))


@register.filter
def percent(value) -> str:
    return "—" if value is None else f"{round(float(value) * 100)}%"


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def signed(value) -> str:
    if value is None:
        return ""
    if abs(value) < 0.005:
        return "no change"
    return f"{'up' if value > 0 else 'down'} {abs(value):.2f}"
