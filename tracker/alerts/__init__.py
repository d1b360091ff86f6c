"""Alerts by email: subscriptions to a saved search, a committee, a person or one's own actions, and the
service that sends what is new (``send_due_alerts``, run by `tracker alerts send` or a background worker)."""
