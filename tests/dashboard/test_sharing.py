"""A shared link shows a title, a sentence with the number and a picture; the pages offer WhatsApp and the link."""

import io

from django.urls import reverse
from PIL import Image

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
