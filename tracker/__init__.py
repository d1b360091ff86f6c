"""Scrutiny Tracker: stores segmented minutes, searches them and tracks actions."""
