"""The Pemdi foundation (issue 22): index series, frameworks' sourcing and shape, aspects under their framework,
targets stated in a framework, national reference figures, a source's date precision.

The columns arrive nullable and the data fill gives every existing row its value (both SPBE frameworks in the
series spbe, each aspect the framework of its domain, each target the framework its year is stated in);
0020_pemdi_required_columns then makes them required and drops is_provisional (in a migration of its own:
PostgreSQL alters no table with the fill's foreign-key checks pending). Reversible: the reverse empties what the fill wrote and
marks 5/2018 provisional again, as it was before (its weights were the derived ones)."""

import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


SPBE_SERIES = {
    "code": "spbe",
    "name": "Indeks SPBE",
    "name_en": "SPBE index",
    "short_name": "SPBE",
    "order": 1,
    "source": "Perpres 95/2018; PermenPANRB 5/2018; PermenPANRB 59/2020",
}


def _short_name(code: str) -> str:
    """"PermenPANRB-59-2020" → "PermenPANRB 59/2020"."""
    parts = code.split("-")
    return f"{parts[0]} {parts[1]}/{parts[2]}" if len(parts) == 3 else code


def _stated_in(frameworks, year):
    """Framework.objects.for_target_year, over the historical rows."""
    in_force = [f for f in frameworks if f.first_year <= year and (f.last_year is None or year <= f.last_year)]
    begun = in_force or [f for f in frameworks if f.first_year <= year]
    return max(begun, key=lambda f: f.first_year) if begun else None


def fill_series_and_frameworks(apps, schema_editor):
    IndexSeries = apps.get_model("assessments", "IndexSeries")
    Framework = apps.get_model("assessments", "Framework")
    Aspect = apps.get_model("assessments", "Aspect")
    Target = apps.get_model("assessments", "Target")
    HistoricalTarget = apps.get_model("assessments", "HistoricalTarget")
    frameworks = list(Framework.objects.all())
    if not frameworks:
        return
    # Every framework stored before this migration is an SPBE one (5/2018, 59/2020), read from copies.
    series, _ = IndexSeries.objects.get_or_create(code=SPBE_SERIES["code"], defaults=SPBE_SERIES)
    for framework in frameworks:
        framework.series = series
        framework.short_name = framework.short_name or _short_name(framework.code)
        framework.sourcing = "secondary_copy"
        framework.has_domains = True
        framework.save(update_fields=["series", "short_name", "sourcing", "has_domains"])
    for aspect in Aspect.objects.select_related("domain"):
        aspect.framework_id = aspect.domain.framework_id
        aspect.save(update_fields=["framework"])
    for model in (Target, HistoricalTarget):
        for year in model.objects.values_list("year", flat=True).distinct():
            framework = _stated_in(frameworks, year)
            model.objects.filter(year=year).update(framework=framework)


def empty_series_and_frameworks(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    Framework.objects.filter(code="PermenPANRB-5-2018").update(is_provisional=True)
    apps.get_model("assessments", "Target").objects.update(framework=None)
    apps.get_model("assessments", "HistoricalTarget").objects.update(framework=None)
    apps.get_model("assessments", "Aspect").objects.update(framework=None)
    Framework.objects.update(series=None)
    apps.get_model("assessments", "IndexSeries").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0018_index_family_english'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexSeries',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=40, unique=True, verbose_name='kode')),
                ('name', models.CharField(max_length=200, verbose_name='nama')),
                ('name_en', models.CharField(max_length=200, verbose_name='nama (bahasa Inggris)')),
                ('short_name', models.CharField(max_length=40, verbose_name='nama singkat')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='urutan')),
                ('source', models.TextField(blank=True, verbose_name='sumber')),
            ],
            options={
                'verbose_name': 'seri indeks',
                'verbose_name_plural': 'seri indeks',
                'ordering': ['order', 'code'],
            },
        ),
        migrations.CreateModel(
            name='NationalReference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2018, message='Tahun harus antara 2018 dan 2050.'), django.core.validators.MaxValueValidator(2050, message='Tahun harus antara 2018 dan 2050.')], verbose_name='tahun')),
                ('value', models.DecimalField(blank=True, decimal_places=2, max_digits=3, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.00'), message='Nilai indeks harus antara 0 dan 5.'), django.core.validators.MaxValueValidator(Decimal('5.00'), message='Nilai indeks harus antara 0 dan 5.')], verbose_name='nilai')),
                ('kind', models.CharField(choices=[('result', 'Indeks nasional'), ('target', 'Target nasional'), ('average', 'Rata-rata nasional')], max_length=10, verbose_name='jenis')),
                ('scope', models.CharField(blank=True, max_length=60, verbose_name='cakupan')),
                ('quote', models.TextField(blank=True, verbose_name='kutipan')),
                ('note', models.TextField(blank=True, verbose_name='catatan')),
            ],
            options={
                'verbose_name': 'rujukan nasional',
                'verbose_name_plural': 'rujukan nasional',
                'ordering': ['framework__first_year', 'year', 'kind'],
            },
        ),
        migrations.AlterModelOptions(
            name='aspect',
            options={'ordering': ['framework', 'number'], 'verbose_name': 'aspek', 'verbose_name_plural': 'aspek'},
        ),
        migrations.AlterModelOptions(
            name='indicator',
            options={'ordering': ['aspect__framework', 'number'], 'verbose_name': 'indikator', 'verbose_name_plural': 'indikator'},
        ),
        migrations.RemoveConstraint(
            model_name='aspect',
            name='aspect_unique_number',
        ),
        migrations.AddField(
            model_name='aspect',
            name='framework',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='aspects', to='assessments.framework'),
        ),
        migrations.AddField(
            model_name='framework',
            name='has_domains',
            field=models.BooleanField(default=True, verbose_name='memiliki domain'),
        ),
        migrations.AddField(
            model_name='framework',
            name='short_name',
            field=models.CharField(default='', max_length=60, verbose_name='nama singkat'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='framework',
            name='sourcing',
            field=models.CharField(choices=[('official_text', 'Teks resmi peraturan'), ('secondary_copy', 'Salinan sekunder')], default='secondary_copy', max_length=20, verbose_name='asal teks'),
        ),
        migrations.AddField(
            model_name='framework',
            name='sourcing_note',
            field=models.TextField(blank=True, verbose_name='keterangan asal teks'),
        ),
        migrations.AddField(
            model_name='historicaltarget',
            name='framework',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='assessments.framework', verbose_name='kerangka evaluasi'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='coach',
            field=models.TextField(blank=True, verbose_name='instansi pembina'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='entries',
            field=models.PositiveSmallIntegerField(default=1, verbose_name='jumlah entri'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='entry_label',
            field=models.CharField(blank=True, max_length=100, verbose_name='entri per'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='external_index',
            field=models.CharField(blank=True, max_length=200, verbose_name='indeks instansi lain'),
        ),
        migrations.AddField(
            model_name='indicator',
            name='value_places',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='angka desimal nilai'),
        ),
        migrations.AddField(
            model_name='predikatband',
            name='alias',
            field=models.CharField(blank=True, max_length=80, verbose_name='nama lain'),
        ),
        migrations.AddField(
            model_name='predikatband',
            name='note',
            field=models.TextField(blank=True, verbose_name='catatan'),
        ),
        migrations.AddField(
            model_name='predikatband',
            name='source',
            field=models.TextField(blank=True, verbose_name='sumber'),
        ),
        migrations.AddField(
            model_name='source',
            name='published_precision',
            field=models.CharField(choices=[('day', 'tanggal lengkap'), ('month', 'bulan dan tahun'), ('year', 'tahun saja')], default='day', max_length=5, verbose_name='ketelitian tanggal'),
        ),
        migrations.AddField(
            model_name='target',
            name='framework',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='targets', to='assessments.framework', verbose_name='kerangka evaluasi'),
        ),
        migrations.AlterField(
            model_name='aspect',
            name='domain',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='aspects', to='assessments.domain'),
        ),
        migrations.AlterField(
            model_name='indicator',
            name='weight',
            field=models.DecimalField(decimal_places=4, max_digits=7, verbose_name='bobot (%)'),
        ),
        migrations.AlterField(
            model_name='source',
            name='kind',
            field=models.CharField(choices=[('decree', 'Keputusan/peraturan'), ('news', 'Berita'), ('official_portal', 'Portal resmi pemerintah'), ('regional_document', 'Dokumen daerah (RPJMD, Renstra, perjanjian kinerja)'), ('secondary_copy', 'Salinan sekunder'), ('verified_entry', 'Entri terverifikasi')], max_length=20, verbose_name='jenis'),
        ),
        migrations.AddConstraint(
            model_name='aspect',
            constraint=models.UniqueConstraint(fields=('framework', 'number'), name='aspect_unique_number_in_framework'),
        ),
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.CheckConstraint(condition=models.Q(('entries__gte', 1)), name='indicator_entries_from_1'),
        ),
        migrations.AddConstraint(
            model_name='indicator',
            constraint=models.CheckConstraint(condition=models.Q(('value_places__lte', 2)), name='indicator_value_places_at_most_2'),
        ),
        migrations.AddField(
            model_name='framework',
            name='series',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='frameworks', to='assessments.indexseries', verbose_name='seri indeks'),
        ),
        migrations.AddField(
            model_name='nationalreference',
            name='framework',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='national_references', to='assessments.framework', verbose_name='kerangka evaluasi'),
        ),
        migrations.AddField(
            model_name='nationalreference',
            name='source',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='national_references', to='assessments.source', verbose_name='sumber'),
        ),
        migrations.AddConstraint(
            model_name='nationalreference',
            constraint=models.UniqueConstraint(fields=('framework', 'year', 'kind'), name='nationalreference_one_per_framework_year_kind', violation_error_message='Sudah ada rujukan nasional jenis ini untuk kerangka dan tahun ini.'),
        ),
        migrations.RunPython(fill_series_and_frameworks, empty_series_and_frameworks),
    ]
