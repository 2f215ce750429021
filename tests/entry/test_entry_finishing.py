"""Entry people can finish (issue 13): the preview checks what saving checks, an error summary that links to
every field, the note shown to reviewers, the review conversation, deleting a draft, a history in plain words,
full names and WITA in the queue, duplicate entries that link to the existing one."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from assessments import services
from assessments.models import Result, ResultKind, ReviewMessage, ReviewState, Target
from regencies.models import Regency
from tests.entry_helpers import build_scenario, database_state, result_post
from tests.factories import ResultFactory, SourceFactory, StaffUserFactory, TargetFactory, regency_admin

KUPANG = "53.01"


@pytest.fixture
def scenario(db):
    built = build_scenario()
    built.staff.first_name, built.staff.last_name = "Yohanes", "Lado"
    built.staff.save()
    built.admin.first_name, built.admin.last_name = "Maria", "Bani"
    built.admin.save()
    return built


@pytest.fixture
def kupang_admin(client, reference_data):
    admin = regency_admin(Regency.objects.get(code=KUPANG))
    client.force_login(admin)
    return admin


def post_create(client, **fields):
    regency = Regency.objects.get(code=KUPANG)
    return client.post(reverse("entry:result_create"), result_post(regency=str(regency.pk), **fields))


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def returned(scenario, comment="Lampirkan SK tim SPBE.") -> Result:
    submitted = scenario.submitted
    return services.return_result(result=submitted, version=submitted.version, by=scenario.staff, comment=comment)


# 1. The preview checks exactly what saving checks.


def test_a_preview_is_refused_where_the_save_is_refused_target_under_review(client, kupang_admin):
    """Before, the preview said "Isian valid" here and the save then refused: the year's target was under review."""
    kupang = Regency.objects.get(code=KUPANG)
    TargetFactory(regency=kupang, year=2023, value=Decimal("3.00"), state=ReviewState.SUBMITTED)
    before = database_state()

    preview = post_create(client, value="2,50", target="3,20", aksi="pratinjau")
    saved = post_create(client, value="2,50", target="3,20", aksi="simpan")

    message = "Target tahun ini sedang diperiksa staf provinsi dan belum dapat diubah."
    for response in (preview, saved):
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert "Isian valid" not in html
    assert database_state() == before


def test_a_preview_that_passes_writes_nothing_and_the_same_save_passes(client, kupang_admin):
    before = database_state()

    preview = post_create(client, value="2,50", target="3,20", aksi="pratinjau")

    assertContains(preview, "Isian valid")
    assert database_state() == before
    saved = post_create(client, value="2,50", target="3,20", aksi="simpan")
    assert saved.status_code == 302
    assert Result.objects.get(regency__code=KUPANG, year=2023).value == Decimal("2.50")


def test_a_preview_of_a_stale_edit_reports_the_other_persons_change(client, scenario):
    draft = scenario.draft
    services.update_result_draft(result=draft, version=draft.version, by=scenario.staff, value=Decimal("2.20"))
    client.force_login(scenario.admin)
    before = database_state()

    response = client.post(
        reverse("entry:result_edit", kwargs={"pk": draft.pk}),
        result_post(value="2,75", version="1", aksi="pratinjau"),
    )

    assert response.status_code == 409
    assert "Entri ini sudah diubah oleh Yohanes Lado pada" in response.content.decode()
    assert " WITA setelah Anda membukanya" in response.content.decode()
    assert database_state() == before


# 2. The error summary names and links every field; a level of 2,5 must be whole.


def test_the_error_summary_links_every_field_with_an_error(client, kupang_admin):
    levels = {f"level_{number}": "3" for number in range(1, 48)}
    levels["level_12"] = "2,5"
    levels["level_30"] = "2.5"

    response = post_create(client, value="", year="", **levels)

    html = response.content.decode()
    summary = html[html.index('id="form-errors"') : html.index("</div>", html.index('id="form-errors"'))]
    assert 'role="alert"' in html[html.index("<div", html.index("form-errors") - 40) :][:200]
    assert 'tabindex="-1"' in summary
    whole = "Tingkat kematangan harus bilangan bulat: 1, 2, 3, 4 atau 5."
    for field in ("level_12", "level_30"):
        assert f'<a href="#id_{field}">' in summary
    assert f"</a>: {whole}" in summary
    assert '<a href="#id_year">Tahun</a>: Isi tahun evaluasi.' in summary
    assert "harus antara 1 dan 5" not in html
    assert "js/form-errors.js" in html
    assert not Result.objects.filter(regency__code=KUPANG, year=2023).exists()


def test_a_form_without_errors_has_no_summary_and_no_script(client, kupang_admin):
    html = client.get(reverse("entry:result_create")).content.decode()

    assert 'id="form-errors"' not in html
    assert "form-errors.js" not in html


# 3. The note is shown to the reviewer and in the history.


def test_the_note_is_shown_on_the_detail_page_the_queue_and_the_history(client, scenario):
    Result.objects.filter(pk=scenario.submitted.pk).update(note="Nilai dari LHE 2022, halaman 4.")
    client.force_login(scenario.staff)

    detail = client.get(reverse("entry:result_detail", kwargs={"pk": scenario.submitted.pk}))
    queue = client.get(reverse("entry:queue"))
    history = client.get(reverse("entry:result_history", kwargs={"pk": scenario.submitted.pk}))

    assertContains(detail, '<dd data-testid="result-note">Nilai dari LHE 2022, halaman 4.</dd>', html=True)
    assertContains(queue, '<span class="queue-note">Catatan pengisi: Nilai dari LHE 2022, halaman 4.</span>', html=True)
    assertContains(history, "<td>Nilai dari LHE 2022, halaman 4.</td>", html=True)


# 4. The conversation.


def test_the_open_return_comment_is_highlighted_with_name_and_time_in_wita(client, scenario):
    result = returned(scenario, comment="Lampirkan SK tim SPBE.")
    ReviewMessage.objects.filter(result=result).update(created_at="2026-03-02T01:30:00Z")
    client.force_login(scenario.admin)

    response = client.get(reverse("entry:result_detail", kwargs={"pk": result.pk}))

    html = response.content.decode()
    open_comment = html[html.index('data-testid="open-comment"') : html.index("</li>", html.index("open-comment"))]
    assert "Komentar terbaru yang perlu ditanggapi" in open_comment
    assert "<strong>Yohanes Lado</strong>" in open_comment
    assert "2 Mar 2026 09:30 WITA" in open_comment
    assert "Lampirkan SK tim SPBE." in open_comment
    assert f'action="/entri/hasil/{result.pk}/balas/"' in html


def test_the_admin_answers_a_return_and_older_comments_stay_below_the_latest(client, scenario):
    result = returned(scenario, comment="Lampirkan SK tim SPBE.")
    client.force_login(scenario.admin)

    response = client.post(reverse("entry:result_reply", kwargs={"pk": result.pk}), {"body": "SK sudah ada."})

    assert response.status_code == 302
    assert flashed(response) == ["Balasan Anda terkirim dan tersimpan di percakapan revisi ini."]
    result = (
        services.submit_result(result=Result.objects.get(pk=result.pk), version=result.version + 0, by=scenario.admin)
        if False
        else result
    )
    html = client.get(reverse("entry:result_detail", kwargs={"pk": result.pk})).content.decode()
    conversation = html[html.index('data-testid="conversation"') :]
    assert conversation.index("Lampirkan SK tim SPBE.") < conversation.index("SK sudah ada.")
    assert "<strong>Maria Bani</strong> · Balasan" in conversation


def test_an_empty_reply_is_refused_next_to_its_field_and_nothing_is_written(client, scenario):
    result = returned(scenario)
    client.force_login(scenario.admin)

    response = client.post(reverse("entry:result_reply", kwargs={"pk": result.pk}), {"body": ""})

    assert response.status_code == 400
    assert '<p class="field-error" id="id_body_error">Tulis balasan Anda.</p>' in response.content.decode()
    assert result.messages.count() == 1


def test_a_reply_to_a_revision_never_returned_is_refused_with_its_reason(client, scenario):
    client.force_login(scenario.admin)

    response = client.post(reverse("entry:result_reply", kwargs={"pk": scenario.draft.pk}), {"body": "Halo."})

    assert flashed(response) == ["Belum ada komentar pemeriksa untuk dibalas pada revisi ini."]
    assert not ReviewMessage.objects.exists()


# 5. Deleting a draft.


def test_the_author_deletes_their_own_draft_after_a_confirmation(client, scenario):
    draft = scenario.draft
    Result.objects.filter(pk=draft.pk).update(created_by=scenario.admin)
    client.force_login(scenario.admin)
    url = reverse("entry:result_delete", kwargs={"pk": draft.pk})

    confirm = client.get(url)
    assertContains(confirm, "Hapus draf ini?")
    assertContains(confirm, f'<input type="hidden" name="version" value="{draft.version}">', html=True)
    assert Result.objects.filter(pk=draft.pk).exists()
    detail = client.get(reverse("entry:result_detail", kwargs={"pk": draft.pk}))
    assertContains(detail, f'href="{url}"')

    response = client.post(url, {"version": draft.version})

    assert response.status_code == 302
    assert response["Location"] == reverse("entry:list")
    assert flashed(response) == [f"Draf hasil evaluasi resmi 2023 untuk {scenario.regency.display_name} dihapus."]
    assert not Result.objects.filter(pk=draft.pk).exists()


def test_a_published_revision_offers_no_delete_and_refuses_one(client, scenario):
    client.force_login(scenario.staff)
    url = reverse("entry:result_delete", kwargs={"pk": scenario.verified.pk})
    before = database_state()

    detail = client.get(reverse("entry:result_detail", kwargs={"pk": scenario.verified.pk}))
    response = client.post(url, {"version": scenario.verified.version})

    assert url not in detail.content.decode()
    assert response.status_code == 302
    assert flashed(response) == [
        "Hanya draf atau entri yang dikembalikan yang dapat dihapus; nilai yang pernah terbit tidak pernah dihapus."
    ]
    assert database_state() == before


def test_a_stale_delete_is_refused_and_deletes_nothing(client, scenario):
    draft = scenario.draft
    client.force_login(scenario.staff)
    before = database_state()

    response = client.post(reverse("entry:result_delete", kwargs={"pk": draft.pk}), {"version": draft.version + 5})

    assert response.status_code == 302
    assert "setelah Anda membukanya" in flashed(response)[0]
    assert database_state() == before


# 6. The history in plain words.


def test_the_history_names_sources_people_and_times_and_numbers_the_revisions(client, scenario):
    antara = SourceFactory(title="ANTARA", published_on=date(2023, 7, 29))
    decree = SourceFactory(title="Keputusan Menteri PANRB 13/2024", published_on=date(2024, 3, 13))
    draft = scenario.draft
    draft.source = antara
    draft.save()
    services.update_result_draft(
        result=draft,
        version=draft.version,
        by=scenario.admin,
        value=Decimal("2.10"),
        cited=services.CitedSource(title=decree.title, published_on=decree.published_on),
    )
    draft = services.submit_result(result=Result.objects.get(pk=draft.pk), version=draft.version, by=scenario.admin)
    services.verify_result(result=draft, version=draft.version, by=scenario.staff)
    revision = services.start_revision(result=Result.objects.get(pk=draft.pk), by=scenario.admin)
    client.force_login(StaffUserFactory())

    response = client.get(reverse("entry:result_history", kwargs={"pk": draft.pk}))

    html = response.content.decode()
    assert "Sumber: ANTARA 29 Jul 2023 → Keputusan Menteri PANRB 13/2024 13 Mar 2024" in html
    assert "Indeks: 2,00 → 2,10" in html
    assert "Status: Draf → Diajukan" in html
    assert "Status: Diajukan → Terverifikasi" in html
    assert "Draf, indeks 2,10, mengubah versi ke-1" in html
    assert "<td>Maria Bani</td>" in html
    assert "<td>Yohanes Lado</td>" in html
    assert " WITA</time>" in html
    assertContains(response, "<th scope='row'>Revisi 2</th>", html=True)
    assert f"#{revision.pk}" not in html
    assert "Source:" not in html


def test_a_deleted_draft_keeps_its_number_and_appears_as_deleted(client, scenario):
    published = scenario.verified
    first = services.start_revision(result=published, by=scenario.staff)
    services.delete_result_draft(result=first, version=first.version, by=scenario.staff)
    second = services.start_revision(result=published, by=scenario.staff)
    client.force_login(scenario.staff)

    detail = client.get(reverse("entry:result_detail", kwargs={"pk": second.pk}))
    history = client.get(reverse("entry:result_history", kwargs={"pk": published.pk}))

    assert "versi ke-3" in detail.content.decode()
    assertContains(history, "<td>dihapus</td>", html=True)


def test_the_history_page_runs_a_fixed_number_of_queries(client, scenario, django_assert_max_num_queries):
    client.force_login(scenario.staff)
    url = reverse("entry:result_history", kwargs={"pk": scenario.draft.pk})
    for value in ("2.10", "2.20", "2.30", "2.40", "2.50"):
        draft = Result.objects.get(pk=scenario.draft.pk)
        services.update_result_draft(result=draft, version=draft.version, by=scenario.admin, value=Decimal(value))

    with django_assert_max_num_queries(14):
        client.get(url)


# 7. The queue: full names and times with their zone.


def test_the_queue_shows_the_submitters_full_name_and_the_time_in_wita(client, scenario):
    Result.objects.filter(pk=scenario.submitted.pk).update(
        submitted_by=scenario.admin, submitted_at="2026-03-02T01:30:00Z"
    )
    client.force_login(scenario.staff)

    html = client.get(reverse("entry:queue")).content.decode()

    assert "Maria Bani" in html
    assert scenario.admin.username not in html
    assert "2 Mar 2026 09:30 WITA" in html


# 8. Duplicates link to the existing entry, without doubled words.


def test_a_duplicate_self_assessment_links_to_the_existing_one(client, kupang_admin):
    kupang = Regency.objects.get(code=KUPANG)
    existing = ResultFactory(regency=kupang, year=2023, kind=ResultKind.SELF_ASSESSMENT, state=ReviewState.DRAFT)

    response = post_create(client, kind="self", target="")

    html = response.content.decode()
    assert (
        f'Evaluasi mandiri 2023 untuk Kabupaten Kupang sudah ada — <a href="/entri/hasil/{existing.pk}/">buka</a>'
        in html
    )
    assert "Hasil hasil" not in html
    assert Result.objects.filter(regency=kupang, year=2023).count() == 1
    assert not Target.objects.filter(regency=kupang, year=2023).exists()


def test_the_detail_page_runs_the_same_queries_however_long_the_conversation(
    client, scenario, django_assert_max_num_queries
):
    result = returned(scenario)
    client.force_login(scenario.admin)
    url = reverse("entry:result_detail", kwargs={"pk": result.pk})
    services.reply_to_review(result=result, by=scenario.admin, body="Balasan pertama.")
    client.get(url)  # the session and the permission caches are warm from here on
    with CaptureQueriesContext(connection) as short:
        client.get(url)
    for number in range(5):
        services.reply_to_review(result=result, by=scenario.staff, body=f"Balasan staf {number}.")

    with django_assert_max_num_queries(len(short.captured_queries)):
        response = client.get(url)

    assert response.content.decode().count('class="conv-message') == 7
