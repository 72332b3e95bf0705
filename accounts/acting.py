"""Who is making the current request, for the account-change log (accounts/signals.py).

A model signal has no request; this middleware keeps it where the signal can ask.
"""

from contextvars import ContextVar

_current_request = ContextVar("cylch_current_request", default=None)


def acting_person():
    """The person signed in to the current request, or None: outside a request, or when
    nobody is signed in (as when someone follows a password-reset link)."""
    user = getattr(_current_request.get(), "user", None)
    return user if user is not None and user.is_authenticated else None


class ActingPersonMiddleware:
    """Keeps the request for the length of it. Goes after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)
