"""Install RNN Studio in the current user's applications menu (freedesktop systems).

``rnnstudio --install-desktop`` copies the .desktop entry (pointing at this installation's
``rnnstudio`` command), the icons and a MIME type for ``*.keras`` files under
``~/.local/share``, and makes RNN Studio the default application for them, so a
double-click on a saved model opens it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .resource_files import resource_path

MIME_TYPE = "application/x-rnnstudio-model"


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def install_desktop_entry(executable: str | None = None) -> list[Path]:
    """Write the desktop entry, icons and MIME type; returns the files written."""
    home = data_home()
    command = executable or shutil.which("rnnstudio") or f"{sys.executable} -m rnnstudio.app"
    entry = resource_path("rnnstudio.desktop").read_text(encoding="utf-8").replace(
        "Exec=rnnstudio %f", f"Exec={command} %f")
    targets = {
        home / "applications" / "rnnstudio.desktop": entry.encode(),
        home / "icons" / "hicolor" / "scalable" / "apps" / "rnnstudio.svg": resource_path("rnnstudio.svg").read_bytes(),
        home / "icons" / "hicolor" / "256x256" / "apps" / "rnnstudio.png": resource_path("rnnstudio.png").read_bytes(),
        home / "mime" / "packages" / "rnnstudio.xml": resource_path("rnnstudio-mime.xml").read_bytes(),
    }
    for path, data in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for tool in (["update-mime-database", str(home / "mime")],
                 ["update-desktop-database", str(home / "applications")],
                 ["xdg-mime", "default", "rnnstudio.desktop", MIME_TYPE]):
        if shutil.which(tool[0]):
            subprocess.run(tool, check=False, capture_output=True)
    return list(targets)
