"""Exceptions raised by rasd.

The hierarchy, in one place::

    RasdError                 base class: callers catch this
    ├── ConfigError           a setting is missing or invalid (e.g. RASD_DATA)
    ├── DataError             a reference data file is missing, empty or malformed
    │   └── CacheError        a compiled cache (gazetteer index) is unreadable
    └── InputError            an input article or file cannot be read
"""


class RasdError(Exception):
    """Base class for every error rasd raises on purpose."""


class ConfigError(RasdError):
    """A setting is missing or invalid."""


class DataError(RasdError):
    """A reference data file is missing, empty or malformed."""


class CacheError(DataError):
    """A compiled cache file is unreadable or stale; rebuilding fixes it."""


class InputError(RasdError):
    """An input article or file cannot be read."""
