"""Sources say who published them and what kind they are; no citation names an account or a row number.

Schema: `Source.kind` gains "regional_document" (RPJMD, Renstra, perjanjian kinerja), for targets' own sources.

Data (every result and target keeps a source; none loses one):
1. A "verified entry" source was titled "Entri terverifikasi: Kabupaten X 2024 (Hasil evaluasi resmi), revisi #10
   oleh <username>" with the note "Diverifikasi oleh <username>.". It is retitled "Entri Kabupaten X: Hasil
   evaluasi resmi 2024" (what it cites, read from the first row citing it) and its note emptied; its publisher
   (the provincial office) and date stay. Where that title and date already exist, the rows are pointed at the
   existing source and the duplicate is removed.
2. A source typed in the entry form kept the note "Disebut oleh <username> saat entri."; the username is dropped.
3. A revision that changed nothing of a value yet was published under a new "verified entry" source (the bug:
   revising only the target dropped the result's decree) cites again the source of the revision it revised.
   An open revision with no source and an unchanged value gets the source of the revision it revised.
The reverse leaves the data as it is: the old titles named accounts, which is what this removes.
"""

from django.db import migrations, models

KIND_WORDS = {"kabupaten": "Kabupaten", "kota": "Kota", "provinsi": "Provinsi"}
RESULT_KIND_WORDS = {
    "official": "Hasil evaluasi resmi",
    "self": "Evaluasi mandiri",
    "provisional": "Nilai sementara",
}
VERIFIED_ENTRY = "verified_entry"
PUBLISHED = ("verified", "superseded")
OPEN = ("draft", "submitted", "returned")


def _title(row, what: str) -> str:
    regency = f"{KIND_WORDS.get(row.regency.kind, row.regency.kind)} {row.regency.name}"
    return f"Entri {regency}: {what} {row.year}"


def _retitle_verified_entries(apps) -> None:
    Source = apps.get_model("assessments", "Source")
    Result = apps.get_model("assessments", "Result")
    Target = apps.get_model("assessments", "Target")
    for source in Source.objects.filter(kind=VERIFIED_ENTRY).order_by("pk"):
        result = Result.objects.filter(source=source).select_related("regency").order_by("pk").first()
        target = Target.objects.filter(source=source).select_related("regency").order_by("pk").first()
        if result is not None:
            title = _title(result, RESULT_KIND_WORDS.get(result.kind, result.kind))
        elif target is not None:
            title = _title(target, "Target")
        else:
            title = f"Entri terverifikasi {source.published_on:%Y-%m-%d}"
        same = Source.objects.filter(title=title, published_on=source.published_on).exclude(pk=source.pk).first()
        if same is not None:
            Result.objects.filter(source=source).update(source=same)
            Target.objects.filter(source=source).update(source=same)
            if not Result.objects.filter(source=source).exists() and not Target.objects.filter(source=source).exists():
                source.delete()
            continue
        source.title = title
        source.note = ""
        source.save(update_fields=["title", "note"])


def _drop_usernames_from_notes(apps) -> None:
    Source = apps.get_model("assessments", "Source")
    for source in Source.objects.filter(note__startswith="Disebut oleh "):
        source.note = "Disebut saat entri."
        source.save(update_fields=["note"])


def _same_value(row, revised) -> bool:
    return row.value == revised.value and getattr(row, "evaluated", True) == getattr(revised, "evaluated", True)


def _restore_kept_sources(model) -> None:
    rows = model.objects.filter(revises__isnull=False).select_related("source", "revises__source").order_by("pk")
    for row in rows:
        revised = model.objects.select_related("source").get(pk=row.revises_id)
        if revised.source_id is None or not _same_value(row, revised) or row.source_id == revised.source_id:
            continue
        lost_decree = (
            row.state in PUBLISHED
            and row.source is not None
            and row.source.kind == VERIFIED_ENTRY
            and revised.source.kind != VERIFIED_ENTRY
        )
        open_without = row.state in OPEN and row.source_id is None
        if lost_decree or open_without:
            row.source_id = revised.source_id
            row.save(update_fields=["source"])


def forwards(apps, schema_editor) -> None:
    _restore_kept_sources(apps.get_model("assessments", "Result"))
    _restore_kept_sources(apps.get_model("assessments", "Target"))
    _retitle_verified_entries(apps)
    _drop_usernames_from_notes(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0012_related_index_review"),
    ]

    operations = [
        migrations.AlterField(
            model_name="source",
            name="kind",
            field=models.CharField(
                choices=[
                    ("decree", "Keputusan/peraturan"),
                    ("news", "Berita"),
                    ("official_portal", "Portal resmi pemerintah"),
                    ("regional_document", "Dokumen daerah (RPJMD, Renstra, perjanjian kinerja)"),
                    ("verified_entry", "Entri terverifikasi"),
                ],
                max_length=20,
                verbose_name="jenis",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
