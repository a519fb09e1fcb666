from django.utils.functional import SimpleLazyObject

from access.actor import actor_for_user


class ActorMiddleware:
    """Attach ``request.actor``, built on first use so static pages cost no queries."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: actor_for_user(request.user))
        return self.get_response(request)
