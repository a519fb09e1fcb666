from web.navigation import items_for


def shell(request):
    """The signed-in person (chosen name and term) and their navigation."""
    actor = getattr(request, "actor", None)
    if actor is None or not actor.is_authenticated:
        return {"current_person": None, "nav_items": []}
    return {"current_person": actor.person, "nav_items": items_for(actor)}
