from mentoring_portal.navigation import menu_for


def portal(request):
    """The menu, the current organisation and the user's roles, for the base layout."""
    access = getattr(request, "access", None)
    if access is None or not request.user.is_authenticated:
        return {}
    menu = [
        {"label": item.label, "url": url, "active": request.path.startswith(url)}
        for item in menu_for(access.roles)
        for url in [item.url]
    ]
    return {"access": access, "current_organisation": access.organisation, "menu": menu}
