"""Running views: one view's lifecycle, its events and waits, the loop and the threads."""
