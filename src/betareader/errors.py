"""Errors betareader reports to the user as one clear line (exit code 2)."""


class BetareaderError(Exception):
    """Base class for errors shown to the user without a traceback."""


class InputError(BetareaderError):
    """The input could not be read as a story (missing, empty, binary, undecodable, too large)."""


class ConfigError(BetareaderError):
    """The configuration file or a command-line option is invalid."""
