"""Sign-in backends."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lock-out check, for sign-ins that come through a web request.

    Code that authenticates without a request (management commands, the test
    client's ``login()``) has no address to lock out, so it is passed on to
    the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
