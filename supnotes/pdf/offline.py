"""pyHanko without its network clients: SupNotes opens no socket.

Importing any part of ``pyhanko.sign`` (signing or validation) imports two
network clients at module level: the aiohttp timestamp client (from
``pyhanko.sign.timestamps``) and the aiohttp certificate/CRL/OCSP fetchers
(from ``pyhanko.sign.validation.ades``), and with them aiohttp: 0.1-0.5 s of
every ``verify`` and of the first seal, for clients SupNotes never uses (its
signatures carry no timestamp, validation runs with fetching off, and it
contacts no server: see :mod:`supnotes.pdf.sign` and :mod:`supnotes.pdf.verify`).

:func:`refuse_network_clients`, called by the program's entry point before
pyHanko is imported, registers a stand-in for each of those two modules whose
client classes refuse to be made: the promise "no socket" is enforced, and
aiohttp is never imported.
"""

from __future__ import annotations

import sys
import types

#: Each client module replaced, and the client classes other modules import from it.
STAND_INS: dict[str, tuple[str, ...]] = {
    "pyhanko.sign.timestamps.aiohttp_client": ("HTTPTimeStamper",),
    "pyhanko_certvalidator.fetchers.aiohttp_fetchers": ("AIOHttpFetcherBackend",),
}


class NoNetworkClient:
    """Stands in for pyHanko's network clients: SupNotes opens no connection."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        del args, kwargs
        raise RuntimeError("SupNotes contacts no server (no timestamp, OCSP, CRL or certificate)")


def refuse_network_clients() -> list[str]:
    """Put the stand-ins in place; returns the modules replaced (none once pyHanko is loaded)."""
    replaced: list[str] = []
    for name, classes in STAND_INS.items():
        if name in sys.modules:
            continue  # already imported: too late, leave it whole
        stand_in = types.ModuleType(name, "A stand-in: see supnotes.pdf.offline.")
        for class_name in classes:
            setattr(stand_in, class_name, NoNetworkClient)
        stand_in.__all__ = list(classes)  # type: ignore[attr-defined]
        sys.modules[name] = stand_in
        replaced.append(name)
    return replaced
