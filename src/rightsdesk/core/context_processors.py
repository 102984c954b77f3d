from django.conf import settings
from django.utils.translation import get_language

from . import languages


def site(request):
    """Facts every page shows: the platform's name, and for staff the workspace navigation."""
    user = getattr(request, "user", None)
    is_staff = bool(user and user.is_authenticated and user.is_staff)
    context = {
        "platform_name": settings.RIGHTSDESK["PLATFORM_NAME"],
        "site_name": settings.RIGHTSDESK["SITE_NAME"],
        "is_staff_user": is_staff,
        # The line "not yet reviewed by a native speaker" (core.languages), and the page's path without its
        # language prefix (the language switcher's "next": "/zh-hans/x" -> "/x", "/pt-br/x" -> "/x").
        "translation_unreviewed": languages.unreviewed_note(get_language() or settings.LANGUAGE_CODE),
        "path_unprefixed": unprefixed_path(request),
    }
    if is_staff:
        from .registry import staff_nav

        context["staff_nav"] = staff_nav(request)
    return context


def unprefixed_path(request) -> str:
    """The request's path (and query) without its language prefix; the public notice page fills it into its frame."""
    path = request.get_full_path() if request is not None else "/"
    prefix = f"/{get_language()}/"
    return path[len(prefix) - 1:] if path.startswith(prefix) else path
