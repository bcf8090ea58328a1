"""theorycheck's mathematics: objects and claims, with no Hypothesis and no I/O.

Importing :mod:`theory.papers` fills the claim registry with every paper module.
"""

__version__ = "0.1.0"
