from mentoring_portal.navigation import menu_for


def portal(request):
    """The menus, the current organisation and the user's roles, for the base layout."""
    access = getattr(request, "access", None)
    if access is None or not request.user.is_authenticated:
        return {}
    menu, personal_menu = [], []
    for item in menu_for(access.roles):
        url = item.url
        entry = {"label": item.label, "url": url, "active": request.path.startswith(url)}
        (personal_menu if item.personal else menu).append(entry)
    return {
        "access": access,
        "current_organisation": access.organisation,
        "menu": menu,
        "personal_menu": personal_menu,
    }
