"""Documents built in code for tests: PDFs with and without a text layer,
encrypted PDFs, Word files and zips. No binary fixtures to go stale."""

import io
import zipfile

import docx
import pypdf

PDF_TEXT_PAGE = (b"BT /F1 12 Tf 72 720 Td (Minutes of the Scrutiny Committee) Tj "
                 b"0 -16 Td (RESOLVED that the report be noted.) Tj ET")
PDF_IMAGE_PAGE = b"q 100 0 0 100 72 600 cm /Im1 Do Q"


def build_pdf(page_streams: list[bytes], *, xref_shift: int = 0, pages_object: bytes | None = None,
              deflated: bool = False) -> bytes:
    """A minimal PDF: one Helvetica font, one 1x1 image, a content stream per page and an exact xref table.

    `deflated` says the streams are already zlib-compressed; `xref_shift` and `pages_object` damage the file."""
    page_ids = [5 + 2 * index for index in range(len(page_streams))]
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: pages_object or b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids)),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: (b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream"),
    }
    for page_id, stream in zip(page_ids, page_streams):
        objects[page_id] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
                            b"/XObject << /Im1 4 0 R >> >> /Contents %d 0 R >>" % (page_id + 1))
        stream_filter = b" /Filter /FlateDecode" if deflated else b""
        objects[page_id + 1] = b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stream), stream_filter, stream)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref_at, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % (offsets[number] + xref_shift) for number in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref_at + xref_shift)
    return bytes(out)


def encrypt_pdf(data: bytes, *, user_password: str, owner_password: str = "owner-secret") -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password, owner_password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_docx() -> bytes:
    """Minutes in Word: a heading, paragraphs, an action table, then a closing paragraph."""
    document = docx.Document()
    document.add_heading("Scrutiny Committee - 16 October 2024", level=1)
    document.add_paragraph("1. Apologies for absence")
    document.add_paragraph("Apologies were received from Councillor Smith.")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action", "Owner", "Due"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Circulate the list of roads", "Director of Place", "next meeting"]):
        cell.text = text
    document.add_paragraph("2. RESOLVED – That the report be noted.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rebuild_zip(data: bytes, *, replace: dict[str, bytes] | None = None, add_zeros: tuple[str, int] | None = None) -> bytes:
    """A copy of a zip with some members replaced and optionally a member of `size` zero bytes, written in chunks."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, replace.get(member.filename, source.read(member)))
        if add_zeros:
            name, size = add_zeros
            with target.open(name, "w", force_zip64=True) as part:
                for _ in range(size // (1024 * 1024)):
                    part.write(bytes(1024 * 1024))
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


