"""The `hatnhan` command: every manage.py command, spelled with hyphens or underscores."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatnhan.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        # Commands are documented as `hatnhan add-organization`; Django modules need underscores.
        argv[1] = argv[1].replace("-", "_")
    argv[0] = "hatnhan"
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
