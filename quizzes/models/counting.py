"""Counting related rows per row of an outer query, for selectors of every area."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet, field: str) -> Coalesce:
    """How many of ``queryset``'s rows have ``field`` equal to the outer row's pk: a correlated
    COUNT subquery (cheap per row, and no row multiplication from joins), 0 when none."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
