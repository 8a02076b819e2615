"""SupNotes: offline, encrypted recording of social-work supervision."""

__version__ = "0.1.0"
