"""What scheduling adds to the shared pages: menu items, panels and "Book" buttons."""


def register() -> None:
    pass
