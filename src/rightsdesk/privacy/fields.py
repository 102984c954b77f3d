"""Model fields whose values are encrypted in the database.

They behave like text fields in Python (the ORM decrypts on load and
encrypts on save), with two limits that follow from the encryption being
randomised: an encrypted field cannot be filtered or ordered by its content
(except for the empty string, which is stored as is so "has an e-mail" stays
cheap to ask), and its database column is text whatever ``max_length`` says;
``max_length`` is still enforced on the plaintext by validation.
"""

from __future__ import annotations

from django.core import validators
from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    description = "Text encrypted at rest"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(validators.MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def to_python(self, value):
        if isinstance(value, str) and crypto.is_encrypted(value):
            return crypto.decrypt(value)
        return super().to_python(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "" or crypto.is_encrypted(value):
            return value
        return crypto.encrypt(str(value))


class EncryptedEmailField(EncryptedTextField):
    default_validators = [validators.validate_email]
    description = "E-mail address encrypted at rest"

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.EmailField, **kwargs})


class EncryptedURLField(EncryptedTextField):
    """A URL encrypted at rest: item URLs carry account names (``.../User:Name``), so they are personal data."""

    default_validators = [validators.URLValidator()]
    description = "URL encrypted at rest"

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.URLField, **kwargs})


class EncryptedJSONField(models.TextField):
    """A JSON value encrypted at rest, for snapshots that copy personal fields (a proposal's items)."""

    description = "JSON encrypted at rest"

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        import json

        if value is None or not isinstance(value, str):
            return value
        if value == "":
            return None
        if crypto.is_encrypted(value):
            value = crypto.decrypt(value)
        return json.loads(value)

    def get_prep_value(self, value):
        import json

        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))

    def value_to_string(self, obj):
        import json

        return json.dumps(self.value_from_object(obj), default=str)
