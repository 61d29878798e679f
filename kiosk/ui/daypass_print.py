"""Printing a day pass: to a printer (QPrintDialog) or to a PDF file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from kiosk.core.credentials import display_groups
from kiosk.ui.qr_image import qr_qimage


def paint_pass(printer: QPrinter, text: str, valid_on: str, space: str) -> None:
    painter = QPainter(printer)
    page = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
    page.moveTo(0, 0)
    dpi = printer.resolution()
    mm = dpi / 25.4
    font = QFont("DejaVu Sans")
    font.setPointSize(20)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(
        QRectF(0, 0, page.width(), 16 * mm),
        Qt.AlignmentFlag.AlignHCenter,
        QCoreApplication.translate("DayPassPrint", "Day pass") + " · " + space,
    )
    font.setPointSize(14)
    font.setBold(False)
    painter.setFont(font)
    painter.drawText(
        QRectF(0, 14 * mm, page.width(), 12 * mm),
        Qt.AlignmentFlag.AlignHCenter,
        QCoreApplication.translate("DayPassPrint", "Valid on %1").replace("%1", valid_on),
    )
    side = 70 * mm
    painter.drawImage(QRectF((page.width() - side) / 2, 30 * mm, side, side), qr_qimage(text, 10, 4))
    font.setFamily("DejaVu Sans Mono")
    font.setPointSize(12)
    painter.setFont(font)
    painter.drawText(
        QRectF(0, 30 * mm + side + 4 * mm, page.width(), 10 * mm),
        Qt.AlignmentFlag.AlignHCenter,
        display_groups(text),
    )
    painter.end()


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A6), QPageLayout.Orientation.Portrait, QMarginsF(8, 8, 8, 8)
        )
    )
    return printer


def save_pdf(path: str, text: str, valid_on: str, space: str) -> None:
    printer = _printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    paint_pass(printer, text, valid_on, space)


def print_with_dialog(parent: QWidget, text: str, valid_on: str, space: str) -> bool:
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_pass(printer, text, valid_on, space)
    return True
