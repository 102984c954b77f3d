# Hindi: Django gives the date formats but no date-time ones, so a moment was written in English order
# ("दिसम्बर 6, 2026, 10:09 बजे"). The date as Django writes it, then the time (CLDR's "{1}, {0}").
# The time is on the 24-hour clock: Django's Hindi catalogue gives "बजे" ("o'clock") for both a.m. and p.m., so its
# 12-hour "g:i A" wrote 10:09 and 22:09 alike. Everything else comes from Django's own Hindi formats.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
# Thousands grouped as in India ("20,000", "12,34,567"), as Urdu is (rightsdesk.formats.ur): Django leaves Hindi's
# NUMBER_GROUPING unset, so a figure grouped for the reader was written "20000".
NUMBER_GROUPING = (3, 2, 0)
