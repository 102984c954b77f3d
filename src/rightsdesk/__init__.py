"""rightsdesk: the system of record for legal and safety requests to a knowledge platform."""

__version__ = "0.1.0"
