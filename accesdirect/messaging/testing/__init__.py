"""Test doubles of the messaging app that other code (tests, bench/) reuses."""
