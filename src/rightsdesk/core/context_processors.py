from django.conf import settings


def site(request):
    """Facts every page shows: the platform's name, and for staff the workspace navigation."""
    user = getattr(request, "user", None)
    is_staff = bool(user and user.is_authenticated and user.is_staff)
    context = {
        "platform_name": settings.RIGHTSDESK["PLATFORM_NAME"],
        "site_name": settings.RIGHTSDESK["SITE_NAME"],
        "is_staff_user": is_staff,
    }
    if is_staff:
        from .registry import staff_nav

        context["staff_nav"] = staff_nav(request)
    return context
