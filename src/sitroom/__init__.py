"""sitroom: sourced, geocoded, queryable records of armed conflict from news reports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sitroom")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+unknown"
