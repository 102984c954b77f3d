"""Date and number formats that Django lacks (Urdu, Swahili; the date-time formats of Arabic and Hindi; the grouping
of thousands in Arabic, Persian and Hindi),
found through settings.FORMAT_MODULE_PATH.

Digits: Django's formats write Western digits (0-9) in every language; rightsdesk.core.numerals writes Persian
digits for Persian (fa), where they are the norm, and keeps Western digits for Arabic and Urdu (docs/translating.md
says why).
"""
