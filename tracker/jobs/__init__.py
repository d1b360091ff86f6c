"""Background jobs: minutes read, segmented and stored by `tracker worker`, and the periodic tasks it runs."""
