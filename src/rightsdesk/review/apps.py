from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "rightsdesk.review"
