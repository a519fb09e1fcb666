from django import template

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.623 → "62.3%"; nothing to show → "—"."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%"


@register.filter
def pvalue(value) -> str:
    """p-values as journals print them: "< 0.001" rather than a run of zeros."""
    if value is None:
        return "—"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"
