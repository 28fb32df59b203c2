"""Lists page through one paginator: one page size for the whole portal, and one pager partial
(``templates/_pager.html``) whose links keep the list's filters."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def paginate(request, queryset, *, size: int = PAGE_SIZE) -> Page:
    """The page of ``queryset`` asked for in ``?page=`` (the last page for a number past the
    end, the first for anything that is not a number)."""
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def query_without_page(request) -> str:
    """The list's filters as a query string without the page number (pager and export links)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
