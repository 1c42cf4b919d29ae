"""``python -m pgwidgets.auth hash-password``: make a hash for ``PasswordAuth``.

Also ``python -m pgwidgets.auth token``: print a fresh random token for ``TokenAuth``.
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import sys

from pgwidgets.auth.passwords import hash_password

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m pgwidgets.auth")
    commands = parser.add_subparsers(dest="command", required=True)
    hp = commands.add_parser("hash-password", help="hash a password for PasswordAuth")
    hp.add_argument(
        "--stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    commands.add_parser("token", help="print a random token for TokenAuth")
    args = parser.parse_args(argv)
    if args.command == "token":
        print(secrets.token_urlsafe(32))
        return 0
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The passwords differ.", file=sys.stderr)
            return 1
    try:
        print(hash_password(password))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
