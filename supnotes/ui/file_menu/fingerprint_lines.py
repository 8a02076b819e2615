"""Long key fingerprints shown on two lines, so the handover dialogs stay narrow."""

from __future__ import annotations


def two_lines(fingerprint: str) -> str:
    """A long ``AB:CD:…`` fingerprint broken at its middle colon, so a dialog stays narrow."""
    parts = fingerprint.split(":")
    half = (len(parts) + 1) // 2
    return (
        ":".join(parts[:half]) + ":\n" + ":".join(parts[half:]) if len(parts) > 8 else fingerprint
    )
