import sys

from asb_shared.service import main as service_main

from .main import console, definition


def main() -> None:
    """``web api`` (the resident site), ``web console`` (the staff console), ``web migrate``..."""
    if sys.argv[1:2] == ["console"]:
        service_main(console, ["api"])
        return
    service_main(definition)


if __name__ == "__main__":
    main()
