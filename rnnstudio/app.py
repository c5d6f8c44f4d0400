"""``rnnstudio``: start the window (optionally opening a model file)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def main(argv: list[str] | None = None) -> int:
    """Start RNN Studio; returns the exit code."""
    parser = argparse.ArgumentParser(prog="rnnstudio", description="Train recurrent networks and watch them learn.")
    parser.add_argument("file", nargs="?", type=Path, help="a .keras model file to open")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add RNN Studio to your applications menu and open .keras files with it")
    parser.add_argument("--version", action="version", version=f"RNN Studio {__version__}")
    parser.add_argument("--settings", type=Path, help=argparse.SUPPRESS)  # tests: an INI file instead of the user's
    args = parser.parse_args(argv)
    if args.install_desktop:
        from .desktop_entry import install_desktop_entry

        for path in install_desktop_entry():
            print(f"wrote {path}")
        return 0

    from PySide6.QtWidgets import QApplication

    from .gui.icons import app_icon
    from .gui.main_window import MainWindow
    from .gui.settings import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("RNN Studio")
    app.setOrganizationName("RNN Studio")
    app.setDesktopFileName("rnnstudio")
    app.setWindowIcon(app_icon())
    window = MainWindow(Settings(args.settings) if args.settings else None)
    window.show()
    window.start_loading_tensorflow()
    if args.file is not None:
        window.files.open_path(args.file)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
