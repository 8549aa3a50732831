"""rasd: Arabic conflict news to ACLED-style, geolocated, evidence-linked event data."""

import logging

from rasd.config import Config, load_config
from rasd.errors import RasdError
from rasd.pipeline import extract
from rasd.resources import Resources, load_resources
from rasd.types import Actor, Article, Event, Evidence, Mention, Place, Sentence

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

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
    "extract",
    "load_config",
    "load_resources",
]
