#!/usr/bin/env python3
"""Writes the raw-deflate and zip fixtures of Tests/PaiweiKitTests/Workbook*Tests.swift.

Deflate streams come from Python's zlib (raw deflate, wbits < 0) at every level and strategy, with
and without flushes (which insert empty stored blocks), for a few deterministic inputs; the tests
inflate each and compare its size and CRC-32 with inputs.json. Zips come from Python's zipfile:
stored and deflated entries, a comment, a data descriptor (streamed entry), ZIP64 (forced), and a
non-UTF-8 name. Run from the repository root:  python3 scripts/make-deflate-fixtures.py
"""
import io, json, os, random, zipfile, zlib

OUT = "Tests/PaiweiKitTests/Fixtures/deflate"
ZIPS = "Tests/PaiweiKitTests/Fixtures/zip"


def inputs():
    rng = random.Random(20260101)
    rows = []
    for r in range(1, 121):
        cells = "".join(
            f'<c r="{col}{r}" t="s"><v>{rng.randrange(5000)}</v></c>' if col != "C"
            else f'<c r="C{r}"><v>{rng.random() * 100:.6f}</v></c>'
            for col in "ABCDE")
        rows.append(f'<row r="{r}">{cells}</row>')
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet><sheetData>'
           + "".join(rows) + "</sheetData></worksheet>").encode()
    words = ["朝阳区", "学校", "学生", "派位", "school", "lottery", "student", "𠀀", "é", "Z03", "M001"]
    text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randrange(3, 12))) for _ in range(150)).encode()
    noise = bytes(rng.randrange(256) for _ in range(3000))
    return {
        "empty": b"",
        "byte": b"a",
        "xml": xml,
        "text": text,
        "short": text[:600],
        "noise": noise,
        "zeros": bytes(40_000),
    }


def deflate(data, level, strategy=zlib.Z_DEFAULT_STRATEGY, wbits=-15, mem=8, flush_every=0):
    c = zlib.compressobj(level, zlib.DEFLATED, wbits, mem, strategy)
    out = bytearray()
    if flush_every:
        for i in range(0, len(data), flush_every):
            out += c.compress(data[i:i + flush_every])
            out += c.flush(zlib.Z_SYNC_FLUSH if (i // flush_every) % 2 == 0 else zlib.Z_FULL_FLUSH)
    else:
        out += c.compress(data)
    out += c.flush()
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(ZIPS, exist_ok=True)
    for name in os.listdir(OUT):
        os.remove(os.path.join(OUT, name))
    data = inputs()
    manifest = {}
    for name, raw in data.items():
        manifest[name] = {"size": len(raw), "crc32": zlib.crc32(raw)}
        variants = {f"level{level}": deflate(raw, level) for level in range(10)}
        variants["fixed"] = deflate(raw, 6, zlib.Z_FIXED)
        variants["huffman"] = deflate(raw, 6, zlib.Z_HUFFMAN_ONLY)
        variants["rle"] = deflate(raw, 6, zlib.Z_RLE)
        variants["filtered"] = deflate(raw, 9, zlib.Z_FILTERED)
        variants["window9"] = deflate(raw, 9, wbits=-9, mem=1)
        variants["flushes"] = deflate(raw, 6, flush_every=997)
        for variant, stream in variants.items():
            with open(os.path.join(OUT, f"{name}.{variant}.deflate"), "wb") as f:
                f.write(stream)
    with open(os.path.join(OUT, "text.txt"), "wb") as f:
        f.write(data["text"])
    with open(os.path.join(OUT, "inputs.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")

    # Zips.
    when = (2024, 5, 6, 7, 8, 10)
    def info(name, method):
        i = zipfile.ZipInfo(name, when)
        i.compress_type = method
        return i
    with zipfile.ZipFile(os.path.join(ZIPS, "python.zip"), "w") as z:
        z.writestr(info("stored.txt", zipfile.ZIP_STORED), b"stored entry\n")
        z.writestr(info("folder/deflated.xml", zipfile.ZIP_DEFLATED), data["xml"])
        z.writestr(info("empty.txt", zipfile.ZIP_DEFLATED), b"")
        z.writestr(info("中文名.txt", zipfile.ZIP_DEFLATED), "学生 student\n".encode())
        z.comment = b"an archive comment"
    # A streamed entry: sizes and CRC go to a data descriptor after the data (flag bit 3).
    buffer = io.BytesIO()
    class Unseekable(io.RawIOBase):
        def writable(self): return True
        def write(self, b): return buffer.write(b)
    with zipfile.ZipFile(Unseekable(), "w", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open(info("streamed.txt", zipfile.ZIP_DEFLATED), "w") as f:
            f.write(data["text"])
    with open(os.path.join(ZIPS, "descriptor.zip"), "wb") as f:
        f.write(buffer.getvalue())
    with zipfile.ZipFile(os.path.join(ZIPS, "zip64.zip"), "w", compression=zipfile.ZIP_DEFLATED) as z:
        with z.open(info("big.txt", zipfile.ZIP_DEFLATED), "w", force_zip64=True) as f:
            f.write(b"small content behind ZIP64 fields\n" * 10)
    print("wrote", len(os.listdir(OUT)), "deflate fixtures and", len(os.listdir(ZIPS)), "zips")


main()
