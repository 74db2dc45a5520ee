"""The application icon for Windows and macOS executables, drawn from the SVG at build time.

PyInstaller turns a PNG into the .ico or .icns those systems want (with Pillow, which the
app already needs). Linux desktops use the SVG itself (hicolor/scalable).
"""

from __future__ import annotations

from pathlib import Path

ICON_SIZE = 256


def app_icon_png(root: Path, work_dir: Path) -> str:
    """Render resources/icons/mspain-kb.svg to a square PNG in `work_dir`; return its path."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["icons", "-platform", "offscreen"])
    image = QImage(ICON_SIZE, ICON_SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(root / "resources" / "icons" / "mspain-kb.svg")).render(painter)
    painter.end()
    work_dir.mkdir(parents=True, exist_ok=True)
    target = work_dir / "mspain-kb.png"
    if not image.save(str(target)):
        raise OSError(f"could not write the icon {target}")
    return str(target)
