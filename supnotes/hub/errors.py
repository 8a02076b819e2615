"""What can go wrong with a hub, in words the supervisor or IT can act on."""

from __future__ import annotations


class HubError(Exception):
    """A hub problem a user can act on; ``str()`` is one line."""


class HubUnreachable(HubError):
    """The hub could not be reached, or the connection dropped: nothing is lost, try again."""


class HubRefused(HubError):
    """The hub refused what was asked: a privilege the login lacks, or an append-only rule."""


class HubSchemaError(HubError):
    """The hub's schema is missing, older (run ``hub init``) or newer than this program."""
