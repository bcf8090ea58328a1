"""One module per paper; importing this package registers every claim in theory.claims.REGISTRY."""

from theory.claims import REGISTRY
from theory.papers import arora2019  # noqa: F401  (registers its claims)

REGISTRY.validate_links()
