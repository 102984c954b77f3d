"""Template helpers of the shared field include (intake/_field.html), which staff forms use too."""

from django import template
from django.forms import Textarea, TextInput

register = template.Library()


@register.filter
def auto_dir(bound_field):
    """Render a free-text field with dir="auto" (unless it sets its own direction), so text typed in another script
    than the page's reads the right way: English in an Arabic page, Arabic in an English one."""
    widget = bound_field.field.widget
    free_text = isinstance(widget, Textarea) or (isinstance(widget, TextInput) and widget.input_type == "text")
    if free_text and "dir" not in widget.attrs:
        return bound_field.as_widget(attrs={"dir": "auto"})
    return bound_field
