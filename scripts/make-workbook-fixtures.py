#!/usr/bin/env python3
"""Writes the workbook fixtures of Tests/PaiweiKitTests/WorkbookReaderTests.swift.

Each workbook is written with openpyxl (formats, formulas, a second sheet …) and then opened and
saved again by LibreOffice headless, so that the committed file is truly LibreOffice-written
(with cached formula values, LibreOffice's styles and shared strings). One is kept as openpyxl
wrote it: its formulas have no cached values. students-sample.xlsx is LibreOffice's conversion of
the first rows of datasets/sample/students.csv.

Needs: LibreOffice (apt-get install -y libreoffice-calc) and openpyxl (pip install openpyxl, e.g.
in a venv). Run from the repository root:  python3 scripts/make-workbook-fixtures.py
"""
import datetime, os, shutil, subprocess, tempfile

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

OUT = "Tests/PaiweiKitTests/Fixtures/workbooks"


def formatted(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "学生 students"
    header = ["student_id", "name", "points", "birth_date", "disabled", "formula", "note", "us_date",
              "cn_date", "big", "small", "negative", "percent", "sum"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="305496")
        cell.border = Border(bottom=Side(style="thin"))
    ws.append(["007", "张三", 85.5, datetime.date(2011, 6, 20), True, "=C2*2", "𠀀 and 中文",
               datetime.date(2010, 12, 31), datetime.date(2012, 2, 29), 1e16, 0.00001, -3.25, 0.5, "=0.1+0.2"])
    ws.append(["S000002", "李四", 90, datetime.date(1900, 3, 1), False, "=C3+0.1", None,
               datetime.date(1900, 1, 1), None, 12345678901234567890, 0.1, -0.0, 1.25, "=SUM(C2:C3)"])
    # Row 4: formatting only, no value.
    for column in range(1, 8):
        ws.cell(row=4, column=column).fill = PatternFill("solid", fgColor="FFFF00")
    # Row 5: gaps between values.
    ws["A5"] = "S3"
    ws["E5"] = False
    # Row 6: rich text, a line break, spaces kept, an underscore escape look-alike.
    ws["A6"] = "S4"
    ws["B6"] = CellRichText([TextBlock(InlineFont(b=True, color="FF0000"), "红色"), " plain"])
    ws["G6"] = "line one\nline two"
    ws["G6"].alignment = Alignment(wrap_text=True)
    ws["C6"] = "  padded  "
    ws["D6"] = "_x0041_ literal"
    # Row 7: a merged cell.
    ws["A7"] = "S5"
    ws["B7"] = "merged"
    ws.merge_cells("B7:C7")
    for row in range(2, 8):
        ws.cell(row=row, column=3).number_format = "0.00"
        ws.cell(row=row, column=4).number_format = "yyyy-mm-dd"
        ws.cell(row=row, column=8).number_format = "mm-dd-yy"           # built-in 14
        ws.cell(row=row, column=9).number_format = 'yyyy"年"m"月"d"日"'
        ws.cell(row=row, column=13).number_format = "0%"
    ws.column_dimensions["G"].width = 30
    ws.freeze_panes = "A2"
    other = wb.create_sheet("ignored")
    other["A1"] = "the second sheet is not read"
    other["A2"] = 42
    wb.save(path)


def problems(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "times"
    ws.append(["student_id", "when"])
    rows = [
        ("S1", datetime.time(8, 30), "h:mm"),
        ("S2", datetime.datetime(2024, 1, 5, 10, 0), "yyyy-mm-dd hh:mm"),
        ("S3", datetime.datetime(2024, 1, 5), "yyyy-mm-dd hh:mm"),
        ("S4", "=1/0", "General"),
        ("S5", "=NA()", "General"),
        ("S6", 1.5, "[h]:mm"),
        ("S7", 45000, "yyyy-mm-dd"),
    ]
    for index, (student, value, fmt) in enumerate(rows, start=2):
        ws.cell(row=index, column=1, value=student)
        cell = ws.cell(row=index, column=2, value=value)
        cell.number_format = fmt
    ws["C1"] = "ignored_column"
    ws["C2"] = "=1/0"
    wb.save(path)


def date1904(path):
    wb = Workbook()
    wb.epoch = datetime.datetime(1904, 1, 1)   # openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["student_id", "birth_date"])
    ws.append(["S1", datetime.date(2024, 1, 5)])
    ws.append(["S2", datetime.date(1904, 1, 2)])
    for row in (2, 3):
        ws.cell(row=row, column=2).number_format = "yyyy-mm-dd"
    wb.save(path)


def formulas_without_values(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["student_id", "points"])
    ws.append(["S1", "=1+1"])
    ws.append(["S2", 3])
    wb.save(path)


def libreoffice(source, folder):
    """Opens `source` in LibreOffice headless and saves it as .xlsx into `folder`."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", folder, source],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix="paiwei-fixtures-")
    try:
        for name, make in [("formatted", formatted), ("problems", problems), ("date1904", date1904)]:
            source = os.path.join(work, "source", f"{name}.xlsx")
            os.makedirs(os.path.dirname(source), exist_ok=True)
            make(source)
            libreoffice(source, OUT)
        formulas_without_values(os.path.join(OUT, "formulas-openpyxl.xlsx"))
        with open("datasets/sample/students.csv", encoding="utf-8") as f:
            lines = f.read().splitlines()[:13]
        csv = os.path.join(work, "students-sample.csv")
        with open(csv, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        libreoffice(csv, OUT)
        shutil.copy(csv, os.path.join(OUT, "students-sample.csv"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


main()
