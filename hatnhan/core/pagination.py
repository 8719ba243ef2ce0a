from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Any, *, param: str = "page", per_page: int = 0) -> Page:
    """One page of `items`; a bad or out-of-range page number gives the nearest real page."""
    paginator = Paginator(items, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get(param))
