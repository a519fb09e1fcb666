from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from access.actor import actor_for_user
from api.models import ApiToken, hash_token


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token mut_…``. The request acts as the token's one role."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Send the header as: Authorization: Token <your token>."))
        raw = header[1].decode(errors="replace")
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw)).first()
        if token is None or not token.is_usable or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid, has expired or has been revoked."))
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        request._request.actor = actor_for_user(token.user, only_role=(token.organisation_id, token.role))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
