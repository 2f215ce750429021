"""The pages `make bench` measures (issue 26: every page people wait for), for bench/run.py and bench/probe.py.

A page is a name, a path and who asks for it: nobody (a public page, served from the publication cache), a
provincial staff member or a regency admin (of `ADMIN_REGENCY`), each with the session bench/probe.py signs in.
A path may name something only the seeded database knows (`{submitted_result}`): bench/probe.py fills it in.
An import's preview is the answer to its upload (entry/views/imports.py, entry/views/province_indicators.py
render it in the POST's response; no address shows a kept preview again), so those pages post a file that
bench/probe.py built from the seeded database, through the real view, as the staff member does.

2026 is the Pemdi index's first year (PermenPANRB 8/2026) and the current one. seed_demo gives a current year
self-assessments and workspaces only (KemenPAN-RB publishes a year's results the next year); the bench asks it
for official 2026 results too (`--published-through 2026`), so the first Pemdi ranking is measured as it will be
once published, beside the Pemdi workspace, indicator page, planner and province view; the profile shows both
series.
"""

from dataclasses import dataclass

PUBLIC, STAFF, REGENCY_ADMIN = "", "staff", "regency admin"
# The regency whose pages are measured, and whose admin the regency admin is.
ADMIN_REGENCY = "kabupaten-kupang"
COMPARED = "wilayah=kabupaten-kupang&wilayah=kabupaten-rote-ndao"
# The uploads whose preview is measured: the bulk results import and the official levels' import.
RESULTS_IMPORT, OFFICIAL_IMPORT = "results", "official levels"
# The years the imports restate: 59/2020 years every size has official results and levels for.
RESULTS_IMPORT_YEAR = 2024
OFFICIAL_IMPORT_YEAR = 2022
# The header bench/worker_wsgi.py adds to every answer: the worker process that gave it (bench/run.py's warm-up).
WORKER_HEADER = "X-Bench-Worker"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    who: str = PUBLIC
    # An import whose preview this page is: the page posts the file bench/probe.py built for it.
    upload: str = ""

    @property
    def signed_in(self) -> bool:
        return self.who != PUBLIC


MINIMAL = Page("minimal view", "/bench/ok/")
R = ADMIN_REGENCY
PAGES = [
    MINIMAL,
    # Public, from the publication cache.
    Page("ranking", "/"),
    Page("2022 ranking", "/?tahun=2022"),
    Page("Pemdi 2026 ranking", "/?tahun=2026"),
    Page("CSV export", "/?unduh=csv"),
    Page("regency profile", f"/wilayah/{R}/"),
    Page("embed", f"/wilayah/{R}/embed/"),
    Page("method", "/metode/"),
    Page("compare", f"/bandingkan/?{COMPARED}"),
    Page("profile PDF", f"/wilayah/{R}/laporan.pdf"),
    Page("ranking PDF", "/laporan/peringkat/2022.pdf"),
    Page("profile share picture", f"/gambar/wilayah/{R}.png"),
    Page("ranking share picture", "/gambar/peringkat/2022.png"),
    Page("compare share picture", "/gambar/bandingkan/kabupaten-kupang+kabupaten-rote-ndao.png"),
    Page("API regencies", "/api/v1/regencies/"),
    Page("API results", "/api/v1/results/"),
    Page("API targets", "/api/v1/targets/"),
    Page("API flags", "/api/v1/flags/"),
    Page("API latest flags", "/api/v1/flags/latest/"),
    Page("API related indices", "/api/v1/related-indices/"),
    Page("API indicator levels", "/api/v1/indicator-levels/"),
    Page("API national references", "/api/v1/national-references/"),
    # Signed in: provincial staff.
    Page("entry list (staff)", "/entri/", STAFF),
    Page("queue (staff)", "/entri/verifikasi/", STAFF),
    Page("result review (staff)", "/entri/hasil/{submitted_result}/", STAFF),
    Page("overview with heat table (staff)", "/provinsi/", STAFF),
    Page("province indicators (staff)", "/entri/indikator/provinsi/2022/?tahap=official", STAFF),
    Page("indicator review (staff)", f"/entri/indikator/{R}/2022/reviu/", STAFF),
    Page("self-assessment workspace (staff)", f"/entri/indikator/{R}/2025/", STAFF),
    Page("indicator page (staff)", f"/entri/indikator/{R}/2025/1/", STAFF),
    Page("planner (staff)", f"/entri/indikator/{R}/2025/rencana/", STAFF),
    Page("results import preview (staff)", "/entri/impor/", STAFF, upload=RESULTS_IMPORT),
    Page("official levels import preview (staff)", "/entri/indikator/impor-resmi/", STAFF, upload=OFFICIAL_IMPORT),
    # The Pemdi index (8/2026): 20 indicators in aspects without domains, some values with decimals.
    Page("Pemdi province indicators (staff)", "/entri/indikator/provinsi/2026/", STAFF),
    Page("Pemdi workspace (staff)", f"/entri/indikator/{R}/2026/", STAFF),
    # Indicator 5 takes another agency's index converted to 1–5 (Satu Data Indonesia), with its source.
    Page("Pemdi indicator page (staff)", f"/entri/indikator/{R}/2026/5/", STAFF),
    Page("Pemdi planner (staff)", f"/entri/indikator/{R}/2026/rencana/", STAFF),
    # Signed in: the admin of one regency, who sees that regency's work alone.
    Page("entry list (regency admin)", "/entri/", REGENCY_ADMIN),
]
BY_NAME = {page.name: page for page in PAGES}
assert len(BY_NAME) == len(PAGES), "two pages share a name"


# `--only`: every page, the signed-in pages alone, or the public ones.
GROUPS = {
    "all": lambda page: True,
    "staff": lambda page: page.signed_in,
    "public": lambda page: not page.signed_in,
}


def chosen(*, patterns: str = "", group: str = "all") -> list[Page]:
    """The pages of `group` whose name holds one of the comma-separated `patterns` (any case; every page when
    empty), in the order above, and the minimal view always: every share is measured against it."""
    wanted = [pattern.strip().lower() for pattern in patterns.split(",") if pattern.strip()]
    return [
        page
        for page in PAGES
        if page is MINIMAL
        or (GROUPS[group](page) and (not wanted or any(pattern in page.name.lower() for pattern in wanted)))
    ]
