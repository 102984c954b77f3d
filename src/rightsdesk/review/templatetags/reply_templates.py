"""The case page's template pickers: ``{% reply_templates case "message" "message-body" %}`` before a form,
``{% reply_prefill case "message" as text %}`` for the text chosen without JavaScript (``?reply_message=<id>``)."""

from django import template

from rightsdesk.review import replies

register = template.Library()


@register.inclusion_tag("review/_reply_templates.html", takes_context=True)
def reply_templates(context, case, use: str, target: str):
    request = context.get("request")
    return {"templates": replies.templates_for(case, use), "use": use, "target": target,
            "current": request.GET.get(f"reply_{use}", "") if request else ""}


@register.simple_tag(takes_context=True)
def reply_prefill(context, case, use: str) -> str:
    request = context.get("request")
    return replies.chosen(case, use, request.GET.get(f"reply_{use}")) if request else ""
