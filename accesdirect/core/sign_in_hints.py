"""Accounts the login page may show: the demo's, when the site runs as a demo.

The demo app registers its accounts here (in its AppConfig.ready); the login page and `serve`
read them, and never name the demo."""

from collections.abc import Callable

# Each provider returns the password and the (who, email) pairs to show, or None.
_providers: list[Callable[[], tuple[str, list[tuple[str, str]]] | None]] = []


def register_sign_in_hints(provider: Callable[[], tuple[str, list[tuple[str, str]]] | None]) -> None:
    if provider not in _providers:
        _providers.append(provider)


def sign_in_hints() -> tuple[str, list[tuple[str, str]]] | None:
    for provider in _providers:
        hints = provider()
        if hints:
            return hints
    return None


def sign_in_hints_lines(url: str) -> list[str]:
    """The accounts to print in a terminal under the site's address (empty when none)."""
    hints = sign_in_hints()
    if hints is None:
        return []
    password, accounts = hints
    width = max(len(who) for who, _ in accounts)
    return [
        f"Démo prête : {url}",
        f"Mot de passe de tous les comptes : {password}",
        *(f"  {who.ljust(width)}  {email}" for who, email in accounts),
    ]
