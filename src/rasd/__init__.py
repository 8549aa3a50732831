"""rasd: Arabic conflict news to ACLED-style, geolocated, evidence-linked event data."""

import logging

from rasd import pipeline
from rasd.config import Config, load_config
from rasd.errors import RasdError
from rasd.pipeline import extract
from rasd.resources import Resources, load_resources
from rasd.types import Actor, Article, Event, Evidence, Mention, Place, Sentence

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def compiled() -> bool:
    """Whether this install runs the mypyc build (``make compiled``): its extraction modules
    are extension modules, not ``.py`` files."""
    return not pipeline.__file__.endswith(".py")


__all__ = [
    "Actor",
    "Article",
    "Config",
    "Event",
    "Evidence",
    "Mention",
    "Place",
    "RasdError",
    "Resources",
    "Sentence",
    "__version__",
    "compiled",
    "extract",
    "load_config",
    "load_resources",
]
