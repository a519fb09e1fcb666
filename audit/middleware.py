import uuid

from audit import context


class RequestContextMiddleware:
    """Remember the caller's address and a request id for audit rows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID", "")[:36] or str(uuid.uuid4())
        token = context.bind(
            context.RequestContext(
                ip_address=request.META.get("REMOTE_ADDR") or None,
                user_agent=request.headers.get("User-Agent", "")[:200],
                request_id=request_id,
            )
        )
        try:
            response = self.get_response(request)
        finally:
            context.unbind(token)
        response["X-Request-ID"] = request_id
        return response
