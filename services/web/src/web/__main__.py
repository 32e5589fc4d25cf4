from asb_shared.service import main as service_main

from .main import definition


def main() -> None:
    service_main(definition)


if __name__ == "__main__":
    main()
