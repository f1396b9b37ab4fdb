"""The `accesdirect` command: the project's management commands under one name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accesdirect.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["accesdirect", *sys.argv[1:]])
