# Arabic: Django gives the date formats but no date-time ones, so a moment was written in English order with Latin
# commas ("ديسمبر 6, 2026, 10:09 ص") beside dates written "6 ديسمبر، 2026". The date as Django writes it, an Arabic
# comma, then the time as Django writes it (12-hour, ص/م). Everything else comes from Django's own Arabic formats.
DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
# Thousands grouped by three ("20.000" beside the decimal comma of "18,6"): Django names the separator but leaves
# NUMBER_GROUPING unset, so a figure grouped for the reader (a text's limit, a count of the log, the report's
# figures) was written "20000". Only where a figure is grouped on purpose (force_grouping, humanize's intcomma).
NUMBER_GROUPING = 3
