"""The exceptions theorycheck raises on purpose.

Every public function that rejects its input raises :class:`InputError` (a ``ValueError``) whose
message names the argument and what is wrong with it, so a user never has to read a traceback from
inside numpy to learn that a row was not on the unit sphere.
"""


class TheorycheckError(Exception):
    """Base class of every error theorycheck raises deliberately."""


class InputError(TheorycheckError, ValueError):
    """An argument of a public function is malformed: wrong shape, NaN, off the sphere, ..."""


class UnknownNameError(TheorycheckError, KeyError):
    """A claim id, paper key, profile, mutant or device name that does not exist."""

    def __str__(self) -> str:  # KeyError would otherwise print the message with quotes
        return str(self.args[0]) if self.args else ""


class ReportError(TheorycheckError):
    """A report on disk is missing, corrupted, or of a schema this version cannot read."""
