# Persian: thousands grouped by three with the Arabic thousands separator (U+066C, "۲۰٬۰۰۰" once core.numerals writes
# Persian digits), not a Latin comma inside Persian text; Django names "," and leaves NUMBER_GROUPING unset, so a
# figure grouped for the reader was written "20000". Everything else comes from Django's own Persian formats.
THOUSAND_SEPARATOR = "\u066c"
NUMBER_GROUPING = 3
