"""A shared link shows a title, a sentence with the number and a picture; the pages offer WhatsApp and the link."""

import io

import pytest
from django.urls import reverse
from PIL import Image, ImageColor, ImageDraw

from dashboard.share_images import ACCENT

HOME = reverse("dashboard:home")
KUPANG = reverse("dashboard:regency", kwargs={"slug": "kabupaten-kupang"})
KUPANG_IMAGE = reverse("dashboard:regency_image", kwargs={"slug": "kabupaten-kupang"})


def test_a_profile_carries_open_graph_tags_with_its_number(client, reference_data):
    response = client.get(KUPANG)

    description = "Kabupaten Kupang: indeks SPBE 1,85 (Cukup) pada 2022"
    assert f'<meta property="og:description" content="{description}">' in response.content.decode()
    assert f'<meta name="description" content="{description}">' in response.content.decode()
    assert '<meta property="og:image" content="http://testserver/gambar/wilayah/kabupaten-kupang.png">' in (
        response.content.decode()
    )
    assert '<meta name="twitter:card" content="summary_large_image">' in response.content.decode()


def test_the_ranking_says_how_many_values_are_published(client, reference_data):
    html = client.get(HOME, {"tahun": 2022}).content.decode()

    assert "nilai terpublikasi 2 dari 22" in html[html.index('property="og:description"') :][:300]
    assert 'content="http://testserver/gambar/peringkat/2022.png"' in html


def test_the_share_picture_is_a_1200_by_630_png(client, reference_data):
    response = client.get(KUPANG_IMAGE)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (1200, 630)


@pytest.mark.parametrize(
    "url",
    [
        KUPANG_IMAGE,
        reverse("dashboard:ranking_image", args=[2022]),
        reverse("dashboard:compare_image", args=["kabupaten-kupang+kabupaten-rote-ndao"]),
    ],
)
def test_a_share_picture_is_paletted_small_and_keeps_its_flat_colours_exact(client, reference_data, url):
    """Messengers fetch the picture of every link shared, often on a phone's data: as an RGB PNG its anti-aliased
    text made it 46-77 KB. A palette of 256 colours keeps the text's edges and the design's flat colours as they
    are, the background's white and the header's blue exactly."""
    content = client.get(url).content
    image = Image.open(io.BytesIO(content))

    assert image.mode == "P"
    assert len(content) < 30_000
    rgb = image.convert("RGB")
    assert rgb.getpixel((4, 4)) == ImageColor.getrgb(ACCENT)
    assert rgb.getpixel((600, 110)) == (255, 255, 255)


def test_the_ranking_picture_exists_for_a_published_year_only(client, reference_data):
    assert client.get(reverse("dashboard:ranking_image", args=[2022])).status_code == 200
    assert client.get(reverse("dashboard:ranking_image", args=[2019])).status_code == 404


def test_the_share_picture_is_cached_by_publication_version(client, reference_data, django_assert_max_num_queries):
    first = client.get(KUPANG_IMAGE)

    with django_assert_max_num_queries(1):
        again = client.get(KUPANG_IMAGE, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_whatsapp_and_copy_link_work_without_javascript(client, reference_data):
    for url in (KUPANG, HOME):
        html = client.get(url).content.decode()
        assert 'href="https://wa.me/?text=' in html
        assert '<input id="share-url" type="url" readonly value="http://testserver' in html


@pytest.fixture
def drawn_text(monkeypatch):
    """Every text the share pictures draw, in order."""
    texts = []
    draw_text = ImageDraw.ImageDraw.text

    def recording(self, xy, text, *args, **kwargs):
        texts.append(text)
        return draw_text(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", recording)
    return texts


def test_every_share_picture_prints_the_address_of_its_page(client, reference_data, drawn_text):
    client.get(KUPANG_IMAGE)
    client.get(reverse("dashboard:ranking_image", args=[2022]))
    client.get(reverse("dashboard:compare_image", args=["kabupaten-kupang+kota-kupang"]))

    assert "Sumber setiap angka: http://testserver/wilayah/kabupaten-kupang/" in drawn_text
    assert "Sumber setiap angka: http://testserver/?tahun=2022" in drawn_text
    assert "Sumber setiap angka: http://testserver/bandingkan/?wilayah=kabupaten-kupang&wilayah=kota-kupang" in (
        drawn_text
    )
    assert "Sumber setiap angka: lihat halaman ini." not in drawn_text


def test_a_long_address_goes_on_two_lines_broken_between_regencies(client, reference_data, drawn_text):
    slugs = [
        "kabupaten-timor-tengah-selatan",
        "kabupaten-timor-tengah-utara",
        "kabupaten-manggarai-barat",
        "kabupaten-sumba-barat-daya",
    ]
    client.get(reverse("dashboard:compare_image", args=["+".join(slugs)]))

    foot = next(at for at, text in enumerate(drawn_text) if text.startswith("Sumber setiap angka"))
    first, second = drawn_text[foot : foot + 2]
    address = "http://testserver/bandingkan/?" + "&".join(f"wilayah={slug}" for slug in slugs)
    assert first + second == f"Sumber setiap angka: {address}"
    assert second.startswith("&wilayah=")


def test_the_compare_page_has_its_own_open_graph_tags_and_picture(client, reference_data):
    html = client.get(reverse("dashboard:compare"), {"wilayah": ["kabupaten-kupang", "kota-kupang"]}).content.decode()

    # Since issue 22 each value names its index: SPBE and Pemdi values are never read as one series.
    text = "Perbandingan indeks: Kabupaten Kupang SPBE 1,85 pada 2022; Kota Kupang belum ada data"
    assert '<meta property="og:title" content="Bandingkan wilayah: Kabupaten Kupang, Kota Kupang' in html
    assert f'<meta property="og:description" content="{text}">' in html
    picture = "http://testserver/gambar/bandingkan/kabupaten-kupang+kota-kupang.png"
    assert f'<meta property="og:image" content="{picture}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    response = client.get(reverse("dashboard:compare_image", args=["kabupaten-kupang+kota-kupang"]))
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)


def test_a_comparison_picture_needs_two_to_four_known_regencies(client, reference_data):
    for slugs in ("kabupaten-kupang", "kabupaten-kupang+tidak-ada", "+".join(["kota-kupang"] * 1)):
        assert client.get(reverse("dashboard:compare_image", args=[slugs])).status_code == 404


def test_the_copy_button_waits_for_its_script_and_the_field_stays_selectable(client, reference_data):
    html = client.get(KUPANG).content.decode()

    assert '<input id="share-url" type="url" readonly value="http://testserver/wilayah/kabupaten-kupang/">' in html
    assert 'data-copy-from="share-url"' in html
    assert html[html.index('data-copy-from="share-url"') :].split(">")[0].endswith("hidden")
    assert 'src="/static/js/share.js" defer' in html
