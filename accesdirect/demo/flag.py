"""The demo writes a superuser whose password is published: it is loaded only when asked for
explicitly, so that a command typed on a production database can never create it."""

import os

from django.core.management import CommandError

DEMO_FLAG = "DEMO"


def demo_requested() -> bool:
    """True when the environment asks for the demo (DEMO=1, as `make demo` sets it)."""
    return os.environ.get(DEMO_FLAG, "").strip().lower() in {"1", "true", "yes", "on"}


def demo_flag_require(command: str) -> None:
    """Refuse the demo commands unless the demo is asked for, with what to do instead."""
    if not demo_requested():
        raise CommandError(
            f"« {command} » charge la démonstration, avec un compte administrateur dont le mot de "
            f"passe est public : elle ne se lance que si la démo est demandée explicitement. "
            f"Lancez « make demo », ou « {DEMO_FLAG}=1 python manage.py {command} » sur une base de "
            f"démonstration, jamais sur une base de production."
        )
