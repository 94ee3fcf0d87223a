"""Errors that stop a command. Each carries a message fit to show a content editor."""

from __future__ import annotations


class SitegenError(Exception):
    """Base class: printed by the CLI as-is, without a traceback."""

    exit_code = 1


class ConfigError(SitegenError):
    """The site settings or the command line are wrong (exit code 2)."""

    exit_code = 2


class BuildFailed(SitegenError):
    """The build found error-level findings or could not write its output."""


class UsageError(SitegenError):
    exit_code = 2


class SignoffEditError(SitegenError):
    """The sign-off cannot be added; the message says why in words an editor can act on."""
