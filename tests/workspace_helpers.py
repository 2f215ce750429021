"""Shared set-up for the self-assessment workspace tests: small frameworks built with the factories (one scoring
0–5 for 2018–2019, one 1–5 from 2021), their people, and evidence files of every accepted kind."""

import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import AssessmentStage, IndicatorAssessment, LevelCriterion, LevelName
from tests.entry_helpers import PDF_BYTES
from tests.factories import (
    AspectFactory,
    DomainFactory,
    FrameworkFactory,
    IndicatorFactory,
    RegencyFactory,
    StaffUserFactory,
    regency_admin,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def office_bytes(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        package.writestr("content.xml", "<office/>")
    return buffer.getvalue()


def upload(name: str, content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def build_framework(*, code: str, first_year: int, last_year: int | None, min_level: int, indicators: int):
    """A framework of two domains (one aspect each) sharing `indicators` indicators of weight 10, with a criterion
    text per level and, for the 1–5 scale, level names for its first indicators."""
    framework = FrameworkFactory(
        code=code, first_year=first_year, last_year=last_year, min_level=min_level, max_level=5
    )
    aspects = [AspectFactory(domain=DomainFactory(framework=framework, number=n), number=n) for n in (1, 2)]
    made = []
    for number in range(1, indicators + 1):
        indicator = IndicatorFactory(
            aspect=aspects[0] if number <= (indicators + 1) // 2 else aspects[1],
            number=number,
            weight=Decimal("10.00"),
            explanation=f"Penjelasan uji indikator {number}.",
        )
        for level in framework.levels:
            LevelCriterion.objects.create(
                indicator=indicator,
                level=level,
                criteria=f"Kriteria uji {number}.{level}" if (number, level) != (1, 2) else "",
                evidence_hint=f"Bukti uji {number}.{level}",
                fulfilment=f"Pemenuhan uji {number}.{level}",
                source="uji",
            )
        made.append(indicator)
    if min_level == 1:
        for level, name in enumerate(["Rintisan", "Terkelola", "Terdefinisi", "Terpadu dan Terukur", "Optimum"], 1):
            LevelName.objects.create(
                framework=framework, first_indicator=1, last_indicator=indicators, level=level, name=name, source="uji"
            )
    return framework, made


@dataclass
class Workspace:
    regency: object
    other_regency: object
    admin: object
    colleague: object
    other_admin: object
    staff: object
    old: object  # 2018–2019, levels 0–5
    old_indicators: list
    new: object  # from 2021, levels 1–5
    indicators: list


def build_workspace(indicators: int = 3) -> Workspace:
    regency, other = RegencyFactory(), RegencyFactory()
    old, old_indicators = build_framework(code="UJI-2018", first_year=2018, last_year=2019, min_level=0, indicators=2)
    new, new_indicators = build_framework(
        code="UJI-2020", first_year=2021, last_year=None, min_level=1, indicators=indicators
    )
    return Workspace(
        regency=regency,
        other_regency=other,
        admin=regency_admin(regency),
        colleague=regency_admin(regency),
        other_admin=regency_admin(other),
        staff=StaffUserFactory(),
        old=old,
        old_indicators=old_indicators,
        new=new,
        indicators=new_indicators,
    )


def self_rows(regency, year):
    return IndicatorAssessment.objects.for_workspace(regency, year, AssessmentStage.SELF)


def text_pdf(text: str = "Peraturan Bupati tentang Arsitektur SPBE") -> bytes:
    """A one-page PDF whose page carries text (a typed document), written object by object."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def scan_pdf() -> bytes:
    """A one-page PDF holding only a picture, as a scanner writes it: no text layer."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (200, 280), 255).save(out, "PDF")
    return out.getvalue()
