"""Renders resources/icons/taketwo.svg to the PNG sizes desktops ask for (run after editing it).

    .venv/bin/python packaging/render-icons.py
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
icons = Path(__file__).resolve().parents[1] / "resources" / "icons"

app = QGuiApplication([])
renderer = QSvgRenderer(str(icons / "taketwo.svg"))
for size in SIZES:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    image.save(str(icons / f"taketwo-{size}.png"))
    print(icons / f"taketwo-{size}.png")
