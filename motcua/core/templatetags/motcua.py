from django import template

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """75000 → "75.000 đồng" (Vietnamese groups thousands with dots)."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".") + " đồng"
