from django.conf import settings


def site(request):
    """Facts every page shows: the platform's name and whether the visitor is staff."""
    user = getattr(request, "user", None)
    return {
        "platform_name": settings.RIGHTSDESK["PLATFORM_NAME"],
        "site_name": settings.RIGHTSDESK["SITE_NAME"],
        "is_staff_user": bool(user and user.is_authenticated and user.is_staff),
    }
