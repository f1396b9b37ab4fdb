"""One-time codes (TOTP) as a second factor, with recovery codes; django-otp keeps the devices.

Who must use them: the direction and network heads of a structure (they see and change its
settings and its whole team's work) and the platform operators (superusers and staff of the
Django admin). A CRE may enrol too; once enrolled, the code is asked at every sign-in.

The session remembers the verification (django-otp's key, set by `django_otp.login`); it is
trusted as it is, without reading the device again on every request: sessions live on the
server, and a new sign-in starts a new session.
"""

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

# Set at sign-in for a user who enrolled without being required to: the code is then asked too.
SESSION_ENROLLED_KEY = "second_factor_enrolled"
# The secret of an enrolment in progress, until its first code confirms it.
SESSION_PENDING_KEY = "second_factor_pending_key"
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Application d'authentification"
RECOVERY_DEVICE_NAME = "Codes de secours"


def is_verified(request) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def is_required_by_role(request) -> bool:
    """The direction, network heads and platform operators must use a second factor, unless
    settings.OTP_REQUIRED waives it (development machines only)."""
    if not settings.OTP_REQUIRED:
        return False
    user = request.user
    if user.is_superuser or user.is_staff:
        return True
    return any(membership.is_direction for membership in getattr(request, "memberships", []))


def is_required(request) -> bool:
    return is_required_by_role(request) or bool(request.session.get(SESSION_ENROLLED_KEY))


def is_enrolled(user) -> bool:
    return user_has_device(user, confirmed=True)


def remember_enrolment_at_sign_in(request, user) -> None:
    """Called right after the password was accepted: one query, then the session knows."""
    if is_enrolled(user):
        request.session[SESSION_ENROLLED_KEY] = True


def totp_device_pending(request) -> TOTPDevice:
    """The authenticator being enrolled, not saved yet: its secret waits in the session until the
    first code confirms it, so that reloading the page keeps the QR code being scanned and an
    abandoned enrolment leaves nothing behind."""
    key = request.session.get(SESSION_PENDING_KEY)
    if key is None:
        key = request.session[SESSION_PENDING_KEY] = default_key()
    return TOTPDevice(user=request.user, name=TOTP_DEVICE_NAME, key=key, confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code: drawn here, no image service."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1d2330", light="#ffffff")
    return mark_safe(svg)  # noqa: S308 - segno's own markup, built from our device's URL


def manual_key(device: TOTPDevice) -> str:
    """The secret as authenticator apps accept it when typed: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def totp_device_confirm(*, request, device: TOTPDevice, code: str) -> list[str] | None:
    """Saves the authenticator being enrolled if `code` is its current code: it replaces the
    user's previous one, the session counts as verified, and new recovery codes are returned (to
    be shown once). None if the code is wrong."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    token = normalize_code(code)
    if not token.isdigit() or not totp.verify(int(token), device.tolerance):
        return None
    TOTPDevice.objects.filter(user=device.user).delete()
    device.confirmed = True
    device.last_t = totp.t()  # this code is used: it will not open a session again
    device.save()
    codes = recovery_codes_replace(user=device.user)
    otp_login(request, device)
    request.session.pop(SESSION_PENDING_KEY, None)
    request.session[SESSION_ENROLLED_KEY] = True
    return codes


@transaction.atomic
def recovery_codes_replace(*, user) -> list[str]:
    """New recovery codes for `user`, the old ones no longer valid. Each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def second_factor_remove(*, user) -> None:
    """Stop using one-time codes (allowed only to users who are not required to use them)."""
    for device in devices_for_user(user, confirmed=None):
        device.delete()


def normalize_code(code: str) -> str:
    """As typed: "123 456", "ABCD-EFGH" or with spaces around."""
    return "".join(code.split()).replace("-", "").lower()


def code_verify(*, request, code: str):
    """Verifies a code typed at sign-in against the user's devices (the app's code or a
    recovery code, used up), with django-otp's throttling of repeated failures. Returns the
    device that accepted it, or None; the session counts as verified on success."""
    token = normalize_code(code)
    if not token:
        return None
    with transaction.atomic():
        for device in devices_for_user(request.user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                break
        else:
            return None
    otp_login(request, device)
    return device
