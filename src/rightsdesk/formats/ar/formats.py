# Arabic: Django gives the date formats but no date-time ones, so a moment was written in English order with Latin
# commas ("ديسمبر 6, 2026, 10:09 ص") beside dates written "6 ديسمبر، 2026". The date as Django writes it, an Arabic
# comma, then the time as Django writes it (12-hour, ص/م). Everything else comes from Django's own Arabic formats.
DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
