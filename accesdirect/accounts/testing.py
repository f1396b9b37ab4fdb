"""Test helpers for signing in with or without the one-time code."""

from django_otp import DEVICE_ID_SESSION_KEY

# What the session holds once a code was accepted; no device is read back from it.
TEST_DEVICE_ID = "otp_totp.totpdevice/0"


def mark_second_factor_verified(client) -> None:
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TEST_DEVICE_ID
    session.save()


def sign_in_without_code(client, user) -> None:
    """A session past the password but not the one-time code."""
    client.force_login(user)
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()
