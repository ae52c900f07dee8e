#!/usr/bin/env python3
"""Writes the dataset fixtures of Tests/PaiweiKitTests/InputFormatTests.swift: one small district in
three encodings and as workbooks, each to be placed to the same placements.csv.

  Fixtures/datasets/utf8/       the district as UTF-8 CSV: Chinese districts, zones, primary schools
                                and school names; one school of the multi zone whose id and name hold
                                characters that GB18030 writes in four bytes (𠮷 U+20BB7, 㐀 U+3400)
                                and GBK lacks
  Fixtures/datasets/gbk/        students.csv converted by `iconv -t GBK` (the other files hold
                                characters GBK lacks)
  Fixtures/datasets/gb18030/    all four files converted by `iconv -t GB18030`
  Fixtures/workbooks/dataset/   the four files as workbooks written by openpyxl and saved again by
                                LibreOffice headless: numbers typed as numbers, dates as Excel dates
                                (two date formats), empty cells, a bold coloured header, a row with
                                formatting and no value, and a second sheet that is not read

The district is `paiwei generate --preset chaoyang --students 150 --seed 14` with its ids renamed.

Needs: a built paiwei (swift build), iconv, LibreOffice (apt-get install -y libreoffice-calc) and
openpyxl (pip install openpyxl). Run from the repository root:  python3 scripts/make-dataset-fixtures.py
"""
import csv, datetime, io, os, shutil, subprocess, tempfile

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

ROOT = "Tests/PaiweiKitTests/Fixtures"
FILES = ["schools.csv", "zones.csv", "students.csv", "address_usage.csv"]

ZONES = {"Z01": "望京片区", "Z02": "大西洋新城片区", "Z03": "酒仙桥片区"}
SCHOOL_NAMES = {"M001": "望京中学", "M002": "望京第二九年一贯制学校", "M003": "望京第三中学",
                "M004": "酒仙桥中学", "M005": "新北苑民办中学", "M006": "新孙河寄宿中学"}
RARE_SCHOOL = ["𠮷M007", "𠮷祥㐀山中学", "public", "朝阳区", "40", "", "0", "", "yes", "39.930000", "116.460000"]


def generate(folder):
    subprocess.run([".build/debug/paiwei", "generate", "--preset", "chaoyang", "--students", "150", "--seed", "14",
                    "--out", folder], check=True, stdout=subprocess.DEVNULL)


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write(path, rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(out.getvalue())


def primary(pid):
    return "望京小学" + pid[1:] if pid else pid


def renamed(source, target):
    os.makedirs(target, exist_ok=True)
    schools = read(os.path.join(source, "schools.csv"))
    h = schools[0]
    for row in schools[1:]:
        row[h.index("name")] = SCHOOL_NAMES.get(row[h.index("school_id")], row[h.index("name")])
        row[h.index("district")] = "朝阳区"
        row[h.index("feeders")] = ";".join(primary(p) for p in row[h.index("feeders")].split(";") if p)
    schools.append(RARE_SCHOOL)
    write(os.path.join(target, "schools.csv"), schools)

    zones = read(os.path.join(source, "zones.csv"))
    h = zones[0]
    for row in zones[1:]:
        row[h.index("zone_id")] = ZONES[row[h.index("zone_id")]]
        if row[h.index("parent")]:
            row[h.index("parent")] = ZONES[row[h.index("parent")]]
        if row[h.index("kind")] == "multi":
            # The school with four-byte characters serves the multi zone: its coordination places students there.
            row[h.index("schools")] += ";" + RARE_SCHOOL[0]
    write(os.path.join(target, "zones.csv"), zones)

    students = read(os.path.join(source, "students.csv"))
    h = students[0]
    for row in students[1:]:
        row[h.index("district")] = "朝阳区"
        row[h.index("zone_id")] = ZONES[row[h.index("zone_id")]]
        row[h.index("primary_school")] = primary(row[h.index("primary_school")])
        row[h.index("student_id")] = "朝阳" + row[h.index("student_id")]
        if row[h.index("family_id")]:
            row[h.index("family_id")] = "家庭" + row[h.index("family_id")]
    write(os.path.join(target, "students.csv"), students)
    shutil.copy(os.path.join(source, "address_usage.csv"), os.path.join(target, "address_usage.csv"))


def iconv(source, target, encoding, names):
    os.makedirs(target, exist_ok=True)
    for name in names:
        with open(os.path.join(target, name), "wb") as out:
            subprocess.run(["iconv", "-f", "UTF-8", "-t", encoding, os.path.join(source, name)], check=True, stdout=out)


NUMBER_COLUMNS = {"capacity", "batch1_seats", "lottery_group", "lat", "lon", "year"}
DATE_COLUMNS = {"property_date": "yyyy-mm-dd", "birth_date": 'yyyy"年"m"月"d"日"'}


def cell(column, text):
    if text == "":
        return None
    if column in NUMBER_COLUMNS:
        return int(text) if text.isdigit() else float(text)
    if column in DATE_COLUMNS:
        return datetime.date.fromisoformat(text)
    return text


def workbook(csv_path, xlsx_path):
    rows = read(csv_path)
    header = rows[0]
    wb = Workbook()
    ws = wb.active
    ws.title = os.path.basename(csv_path)[:-4]
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="305496")
    for row in rows[1:]:
        ws.append([cell(column, text) for column, text in zip(header, row)])
    for column, fmt in DATE_COLUMNS.items():
        if column in header:
            index = header.index(column) + 1
            for r in range(2, len(rows) + 1):
                ws.cell(row=r, column=index).number_format = fmt
    # A row with formatting and no value, which a reader skips like a blank line.
    for column in range(1, len(header) + 1):
        ws.cell(row=len(rows) + 2, column=column).fill = PatternFill("solid", fgColor="FFFF00")
    ws.freeze_panes = "A2"
    notes = wb.create_sheet("说明 notes")
    notes["A1"] = "The second sheet is not read. 第二个工作表不读取。"
    notes["A2"] = 42
    wb.save(xlsx_path)


def libreoffice(source, folder):
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", folder, source],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    work = tempfile.mkdtemp(prefix="paiwei-dataset-fixtures-")
    try:
        generate(os.path.join(work, "generated"))
        utf8 = os.path.join(ROOT, "datasets", "utf8")
        renamed(os.path.join(work, "generated"), utf8)
        iconv(utf8, os.path.join(ROOT, "datasets", "gbk"), "GBK", ["students.csv"])
        iconv(utf8, os.path.join(ROOT, "datasets", "gb18030"), "GB18030", FILES)
        books = os.path.join(ROOT, "workbooks", "dataset")
        os.makedirs(books, exist_ok=True)
        for name in FILES:
            source = os.path.join(work, "openpyxl", name[:-4] + ".xlsx")
            os.makedirs(os.path.dirname(source), exist_ok=True)
            workbook(os.path.join(utf8, name), source)
            libreoffice(source, books)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for folder in ["datasets/utf8", "datasets/gbk", "datasets/gb18030", "workbooks/dataset"]:
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            print(folder + "/" + name, os.path.getsize(os.path.join(ROOT, folder, name)))


main()
