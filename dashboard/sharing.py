"""What a shared link says: a sentence with the number, and the address of its picture (share_images.py)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .selectors import Ranking, RegencyProfile


@dataclass(frozen=True)
class Share:
    text: str
    image_url: str | None


def for_ranking(request, ranking: Ranking) -> Share:
    if ranking.year is None:
        return Share(
            text=_("Indeks SPBE dan Pemdi kabupaten/kota di Nusa Tenggara Timur, dengan sumber setiap angka."),
            image_url=None,
        )
    text = _(
        "Peringkat indeks %(index)s %(year)s kabupaten/kota Nusa Tenggara Timur: nilai terpublikasi %(known)s dari "
        "%(total)s, dengan sumber setiap angka."
    ) % {
        "index": ranking.index_name,
        "year": ranking.year,
        "known": ranking.valued_count,
        "total": len(ranking.rows),
    }
    return Share(
        text=text, image_url=request.build_absolute_uri(reverse("dashboard:ranking_image", args=[ranking.year]))
    )


def for_regency(request, profile: RegencyProfile) -> Share:
    name = profile.regency.display_name
    latest = profile.latest_official
    if latest is not None and latest.evaluated:
        band = latest.predikat
        text = _("%(name)s: indeks %(index)s %(value)s (%(predikat)s) pada %(year)s") % {
            "name": name,
            "index": profile.latest_index_name,
            "value": number_format(latest.value, 2),
            "predikat": band.name if band else "",
            "year": latest.year,
        }
    elif latest is not None:
        text = _("%(name)s: tidak dievaluasi pada %(year)s") % {"name": name, "year": latest.year}
    else:
        text = _("%(name)s: indeks belum ada data") % {"name": name}
    image = request.build_absolute_uri(reverse("dashboard:regency_image", args=[profile.regency.slug]))
    return Share(text=text, image_url=image)


# Regency slugs in a comparison picture's address: a path rather than a query, so that the picture's address is
# canonical by itself (gambar/bandingkan/kabupaten-kupang+kota-kupang.png).
SLUG_JOIN = "+"


def for_comparison(request, profiles: list[RegencyProfile]) -> Share:
    parts = []
    for profile in profiles:
        latest = profile.latest_official
        if latest is not None and latest.evaluated:
            shown = _("%(index)s %(value)s pada %(year)s") % {
                "index": profile.latest_index_name,
                "value": number_format(latest.value, 2),
                "year": latest.year,
            }
        else:
            shown = _("belum ada data")
        parts.append(f"{profile.regency.display_name} {shown}")
    text = _("Perbandingan indeks: %(regencies)s") % {"regencies": "; ".join(parts)}
    slugs = SLUG_JOIN.join(profile.regency.slug for profile in profiles)
    return Share(text=text, image_url=request.build_absolute_uri(reverse("dashboard:compare_image", args=[slugs])))
