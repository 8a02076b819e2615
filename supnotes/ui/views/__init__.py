"""The main window's model/view parts: workers, a worker's thread, search results."""
