"""The gazetteer: places with Arabic names, admin units and coordinates.

``build.py`` compiles ../shared/data/gazetteer plus the project's curated sites
(``rasd/data/sites.yaml``) into one index file in the cache directory; ``index.py`` loads it.
"""

from rasd.gazetteer.index import Gazetteer, PlaceRecord

__all__ = ["Gazetteer", "PlaceRecord"]
