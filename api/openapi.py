"""The OpenAPI 3.0 description of /api/v1/, written by hand next to the code it describes.

tests/test_api_schema.py runs schemathesis against the real views with this document, so a field renamed in
serializers.py without being renamed here fails the suite."""

from assessments.models import MAX_YEAR, MIN_YEAR, NationalReferenceKind, ResultKind, SourceKind
from regencies.models import FlagKind, RegencyKind

from .forms import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, REGENCY_CODE_PATTERN

API_PREFIX = "/api/v1"

INDEX_VALUE = {
    "type": "number",
    "minimum": 0,
    "maximum": 5,
    "description": "Indeks SPBE (0–5) atau Pemdi (1–5) menurut field index, dua desimal.",
}


def _parameter(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


PARAMETERS = {
    "page": _parameter("page", "Nomor halaman, mulai 1.", {"type": "integer", "minimum": 1, "maximum": 1_000_000}),
    "page_size": _parameter(
        "page_size",
        f"Baris per halaman (bawaan {DEFAULT_PAGE_SIZE}).",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    ),
    "regency": _parameter(
        "regency",
        "Kode Kemendagri wilayah, mis. 53.01 (Kabupaten Kupang) atau 53 (provinsi).",
        {"type": "string", "pattern": REGENCY_CODE_PATTERN, "maxLength": 5},
    ),
    "year": _parameter(
        "year", "Tahun evaluasi atau target.", {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
    ),
    "stage": _parameter(
        "stage",
        "official = tingkat resmi KemenPAN-RB, self = evaluasi mandiri yang sudah diverifikasi.",
        {"type": "string", "enum": ["official", "self"]},
    ),
    "kind": _parameter(
        "kind",
        "official = hasil evaluasi resmi KemenPAN-RB, self = evaluasi mandiri, provisional = nilai sementara yang "
        "diberitakan selama evaluasi (bukan hasil tahun itu, tidak diperingkat).",
        {"type": "string", "enum": [value for value, _label in ResultKind.choices]},
    ),
}

# Synthetic rows from `manage.py seed_demo`; a real deployment has none, a demonstration may.
# Which index a value belongs to, beside its framework: values of two series are never compared (issue 22).
SERIES = {
    "index": {
        "type": "string",
        "description": "Seri indeks nilai ini: SPBE atau Pemdi. Nilai dua seri tidak dibandingkan.",
    },
    "framework_name": {"type": "string", "description": "Nama singkat kerangka, mis. PermenPANRB 8/2026."},
}
DEMO = {"type": "boolean", "description": "true: data contoh (sintetis) dari seed_demo, bukan data nyata."}

SCHEMAS = {
    "Source": {
        "type": "object",
        "description": "Dari mana angka ini; kind salah satu dari: " + ", ".join(SourceKind.values) + ".",
        "required": ["title", "publisher", "kind", "reference", "url", "published_on"],
        "additionalProperties": False,
        "properties": {
            "title": {"type": "string"},
            "publisher": {"type": "string"},
            "kind": {"type": "string", "enum": [value for value, _label in SourceKind.choices]},
            "reference": {"type": "string", "nullable": True},
            "url": {"type": "string", "nullable": True},
            "published_on": {"type": "string", "format": "date"},
        },
    },
    "Regency": {
        "type": "object",
        "required": ["code", "bps_code", "name", "display_name", "kind", "capital", "slug", "demo"],
        "additionalProperties": False,
        "properties": {
            "code": {"type": "string", "pattern": REGENCY_CODE_PATTERN, "description": "Kode Kemendagri."},
            "bps_code": {"type": "string", "description": "Kode BPS."},
            "name": {"type": "string"},
            "display_name": {"type": "string", "description": "Nama dengan jenisnya, mis. Kabupaten Kupang."},
            "kind": {"type": "string", "enum": [value for value, _label in RegencyKind.choices]},
            "capital": {"type": "string", "nullable": True},
            "slug": {"type": "string"},
            "demo": DEMO,
        },
    },
    "Result": {
        "type": "object",
        "description": "Hasil terpublikasi (terverifikasi). evaluated=false: sumber menyatakan tidak dievaluasi; "
        "value dan predikat kosong, bukan nol.",
        "required": [
            "regency_code",
            "regency_name",
            "year",
            "kind",
            "evaluated",
            "value",
            "predikat",
            "framework",
            "index",
            "framework_name",
            "source",
            "demo",
        ],
        "additionalProperties": False,
        "properties": {
            "regency_code": {"type": "string", "pattern": REGENCY_CODE_PATTERN},
            "regency_name": {"type": "string"},
            "year": {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
            "kind": {"type": "string", "enum": [value for value, _label in ResultKind.choices]},
            "evaluated": {"type": "boolean"},
            "value": {**INDEX_VALUE, "nullable": True},
            "predikat": {
                "type": "string",
                "nullable": True,
                "description": "Kurang, Cukup, Baik, …; kosong untuk nilai sementara (kind=provisional), yang bukan "
                "hasil evaluasi tahun itu.",
            },
            "framework": {"type": "string", "description": "Kode kerangka evaluasi."},
            **SERIES,
            "source": {"$ref": "#/components/schemas/Source"},
            "demo": DEMO,
        },
    },
    "Target": {
        "type": "object",
        "description": "Target terpublikasi, dinyatakan dalam satu kerangka: selisihnya hanya dibaca terhadap nilai "
        "seri indeks yang sama.",
        "required": [
            "regency_code",
            "regency_name",
            "year",
            "value",
            "framework",
            "index",
            "framework_name",
            "source",
            "demo",
        ],
        "additionalProperties": False,
        "properties": {
            "regency_code": {"type": "string", "pattern": REGENCY_CODE_PATTERN},
            "regency_name": {"type": "string"},
            "year": {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
            "value": INDEX_VALUE,
            "framework": {"type": "string", "description": "Kode kerangka evaluasi."},
            **SERIES,
            "source": {"$ref": "#/components/schemas/Source"},
            "demo": DEMO,
        },
    },
    "NationalReference": {
        "type": "object",
        "description": "Acuan nasional per tahun: indeks nasional (result), target nasional (target) atau rata-rata "
        "(average), dengan sumbernya. value null: belum ada data (belum ada nilai Pemdi nasional).",
        "required": [
            "year",
            "kind",
            "scope",
            "value",
            "framework",
            "index",
            "framework_name",
            "quote",
            "note",
            "source",
        ],
        "additionalProperties": False,
        "properties": {
            "year": {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
            "kind": {"type": "string", "enum": [value for value, _label in NationalReferenceKind.choices]},
            "value": {**INDEX_VALUE, "nullable": True},
            "framework": {"type": "string", "description": "Kode kerangka evaluasi."},
            **SERIES,
            "scope": {"type": "string", "nullable": True, "description": "Cakupan angka, mis. national."},
            "quote": {"type": "string", "nullable": True, "description": "Kalimat sumber."},
            "note": {"type": "string", "nullable": True},
            "source": {"allOf": [{"$ref": "#/components/schemas/Source"}], "nullable": True},
        },
    },
    "StatusFlag": {
        "type": "object",
        "required": ["regency_code", "regency_name", "flag", "label", "as_of", "source", "demo"],
        "additionalProperties": False,
        "properties": {
            "regency_code": {"type": "string", "pattern": REGENCY_CODE_PATTERN},
            "regency_name": {"type": "string"},
            "flag": {"type": "string", "enum": [value for value, _label in FlagKind.choices]},
            "label": {"type": "string", "description": "Label dalam Bahasa Indonesia."},
            "as_of": {"type": "string", "format": "date"},
            "source": {"$ref": "#/components/schemas/Source"},
            "demo": DEMO,
        },
    },
    "RelatedIndexValue": {
        "type": "object",
        "description": "Satu fakta indeks terkait (RB, IPP, KIP) seperti dinyatakan satu sumber, pada skala indeks "
        "itu sendiri (bukan skala SPBE). Sumber yang berbeda pendapat menjadi baris terpisah; year null bila "
        "sumber tidak menyebut tahun; kategori seperti tertulis, tidak diturunkan dari nilai. Hanya fakta yang "
        "sudah diverifikasi staf provinsi.",
        "required": [
            "index",
            "index_name",
            "scale",
            "regency_code",
            "regency_name",
            "year",
            "is_target",
            "value",
            "category",
            "source",
            "quote",
        ],
        "additionalProperties": False,
        "properties": {
            "index": {"type": "string", "description": "RB, IPP atau KIP."},
            "index_name": {"type": "string"},
            "scale": {"type": "string", "description": "Skala indeks, mis. 0–100 atau persen."},
            "regency_code": {"type": "string", "pattern": REGENCY_CODE_PATTERN},
            "regency_name": {"type": "string"},
            "year": {"type": "integer", "nullable": True},
            "is_target": {"type": "boolean"},
            "value": {"type": "number", "nullable": True},
            "category": {"type": "string", "nullable": True},
            "source": {
                "type": "object",
                "required": ["title", "url", "published_on"],
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string"},
                    "url": {"type": "string", "nullable": True},
                    "published_on": {"type": "string", "format": "date", "nullable": True},
                },
            },
            "quote": {"type": "string", "description": "Kalimat sumber tempat fakta ini dibaca, seperti tertulis."},
        },
    },
    "IndicatorLevel": {
        "type": "object",
        "description": "Tingkat kematangan satu indikator yang publik: tingkat resmi KemenPAN-RB (stage official), "
        "atau tingkat evaluasi mandiri yang sudah diverifikasi (stage self, selalu evaluasi mandiri).",
        "required": [
            "regency_code",
            "regency_name",
            "year",
            "stage",
            "framework",
            "index",
            "framework_name",
            "domain",
            "aspect",
            "indicator",
            "indicator_name",
            "level",
            "source",
            "demo",
        ],
        "additionalProperties": False,
        "properties": {
            "regency_code": {"type": "string", "pattern": REGENCY_CODE_PATTERN},
            "regency_name": {"type": "string"},
            "year": {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
            "stage": {"type": "string", "enum": ["official", "self"]},
            "framework": {"type": "string"},
            **SERIES,
            "domain": {
                "type": "integer",
                "minimum": 0,
                "nullable": True,
                "description": "Kosong pada kerangka tanpa domain (Pemdi).",
            },
            "aspect": {"type": "integer", "minimum": 0},
            "indicator": {"type": "integer", "minimum": 0},
            "indicator_name": {"type": "string"},
            "level": {
                "type": "number",
                "minimum": 0,
                "maximum": 5,
                "description": "Tingkat 0–5 (5/2018) atau 1–5; dua desimal untuk nilai indeks instansi lain yang "
                "dikonversi (Pemdi).",
            },
            "source": {"allOf": [{"$ref": "#/components/schemas/Source"}], "nullable": True},
            "demo": DEMO,
        },
    },
    "Errors": {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "object",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }
        },
    },
}

ETAG_HEADER = {
    "ETag": {
        "description": "Kirim kembali di If-None-Match; jawaban 304 bila data tidak berubah.",
        "schema": {"type": "string"},
    }
}
ERROR_RESPONSE = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}


def _page_of(schema_name: str) -> dict:
    return {
        "type": "object",
        "required": ["count", "page", "page_size", "next", "previous", "results"],
        "additionalProperties": False,
        "properties": {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "next": {"type": "string", "nullable": True},
            "previous": {"type": "string", "nullable": True},
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema_name}"}},
        },
    }


def _list_paths(path: str, *, schema_name: str, summary: str, filters: list[str], tag: str) -> dict:
    refs = [{"$ref": f"#/components/parameters/{name}"} for name in filters]
    return {
        f"{API_PREFIX}{path}/": {
            "get": {
                "tags": [tag],
                "summary": summary,
                "operationId": f"{tag}_list",
                "parameters": [
                    *refs,
                    {"$ref": "#/components/parameters/page"},
                    {"$ref": "#/components/parameters/page_size"},
                ],
                "responses": {
                    "200": {
                        "description": "Satu halaman.",
                        "headers": ETAG_HEADER,
                        "content": {"application/json": {"schema": _page_of(schema_name)}},
                    },
                    "304": {"description": "Tidak berubah sejak ETag yang dikirim."},
                    "400": {"description": "Parameter tidak sah.", **ERROR_RESPONSE},
                    "404": {"description": "Halaman di luar jangkauan.", **ERROR_RESPONSE},
                },
            }
        },
        f"{API_PREFIX}{path}.csv": {
            "get": {
                "tags": [tag],
                "summary": f"{summary} (CSV, semua baris)",
                "operationId": f"{tag}_csv",
                "parameters": refs,
                "responses": {
                    "200": {
                        "description": "CSV UTF-8, titik desimal, kosong bila tidak ada nilai.",
                        "headers": ETAG_HEADER,
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    "304": {"description": "Tidak berubah sejak ETag yang dikirim."},
                    "400": {"description": "Parameter tidak sah.", **ERROR_RESPONSE},
                },
            }
        },
    }


def openapi_document() -> dict:
    paths = {}
    paths.update(
        _list_paths("/regencies", schema_name="Regency", summary="Wilayah", filters=["regency"], tag="regencies")
    )
    paths.update(
        _list_paths(
            "/results",
            schema_name="Result",
            summary="Hasil evaluasi terpublikasi",
            filters=["year", "regency", "kind"],
            tag="results",
        )
    )
    paths.update(
        _list_paths(
            "/targets", schema_name="Target", summary="Target terpublikasi", filters=["year", "regency"], tag="targets"
        )
    )
    paths.update(
        _list_paths(
            "/flags",
            schema_name="StatusFlag",
            summary="Riwayat status wilayah (tahun = tahun tanggal status)",
            filters=["year", "regency"],
            tag="flags",
        )
    )
    paths.update(
        _list_paths(
            "/flags/latest",
            schema_name="StatusFlag",
            summary="Status terbaru tiap wilayah",
            filters=["regency"],
            tag="flags_latest",
        )
    )
    paths.update(
        _list_paths(
            "/related-indices",
            schema_name="RelatedIndexValue",
            summary="Indeks terkait (RB, IPP, KIP) dengan sumber dan kutipannya",
            filters=["year", "regency"],
            tag="related_indices",
        )
    )
    paths.update(
        _list_paths(
            "/indicator-levels",
            schema_name="IndicatorLevel",
            summary="Tingkat indikator yang publik (resmi, dan evaluasi mandiri terverifikasi) dengan sumbernya",
            filters=["year", "regency", "stage"],
            tag="indicator_levels",
        )
    )
    paths.update(
        _list_paths(
            "/national-references",
            schema_name="NationalReference",
            summary="Acuan nasional (indeks, target, rata-rata) per tahun dengan sumbernya",
            filters=["year"],
            tag="national_references",
        )
    )
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Portal Indeks SPBE dan Pemdi Nusa Tenggara Timur — data terbuka",
            "version": "1.0.0",
            "description": "Hanya nilai terpublikasi (terverifikasi), masing-masing dengan sumbernya. "
            "Nama field stabil dalam /api/v1/. Nilai yang tidak diketahui bernilai null, bukan 0.",
        },
        "paths": paths,
        "components": {"parameters": PARAMETERS, "schemas": SCHEMAS},
    }
