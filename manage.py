#!/usr/bin/env python3
"""Django's command-line utility, with one-line messages for configuration errors."""

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    from motcua.env import EnvError

    try:
        from django.core.management import execute_from_command_line
        from django.db.utils import InterfaceError, OperationalError

        try:
            execute_from_command_line(sys.argv)
        except (OperationalError, InterfaceError) as error:
            first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
            print(f"motcua: cannot use the database: {first_line}", file=sys.stderr)
            return 1
    except EnvError as error:
        print(f"motcua: configuration error: {error}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as error:
        print(f"motcua: missing Python package {error.name!r}; run `make install`.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
