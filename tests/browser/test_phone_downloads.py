"""What a phone on the ranking and a profile can take away: the PDF report, the share picture, the Excel CSV."""

import csv
import io

import pytest
from PIL import Image
from playwright.sync_api import Browser
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser: Browser):
    context = browser.new_context(viewport=PHONE)
    yield context.new_page()
    context.close()


def test_the_profiles_pdf_opens_and_names_its_sources(phone, live_server, reference_data):
    phone.goto(live_server.url + "/wilayah/kabupaten-kupang/")
    href = phone.get_by_role("link", name="Laporan PDF").get_attribute("href")

    response = phone.request.get(live_server.url + href)
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.body())).pages)
    assert "ANTARA" in text
    assert "1,85" in text


def test_the_share_picture_is_a_1200_by_630_png(phone, live_server, reference_data):
    phone.goto(live_server.url + "/wilayah/kabupaten-kupang/")
    image_url = phone.locator('meta[property="og:image"]').get_attribute("content")

    picture = Image.open(io.BytesIO(phone.request.get(image_url).body()))
    assert picture.format == "PNG"
    assert picture.size == (1200, 630)


def test_the_excel_csv_opens_with_semicolons_and_decimal_commas(phone, live_server, reference_data):
    phone.goto(live_server.url + "/?tahun=2022")
    href = phone.get_by_role("link", name="CSV (Excel Indonesia)").get_attribute("href")

    body = phone.request.get(live_server.url + "/" + href).body().decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    kupang = next(row for row in rows if "Kabupaten Kupang" in row)
    assert "1,85" in kupang
