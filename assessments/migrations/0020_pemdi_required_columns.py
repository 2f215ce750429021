"""Issue 22: the columns 0019 filled become required; is_provisional gives way to Framework.sourcing;
a level criterion says how it was read (LevelCriterion.sourcing, every text so far from secondary copies)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0019_pemdi_frameworks'),
    ]

    operations = [
        migrations.AddField(
            model_name='levelcriterion',
            name='sourcing',
            field=models.CharField(choices=[('official_text', 'Teks resmi peraturan'), ('secondary_copy', 'Salinan sekunder')], default='secondary_copy', max_length=20, verbose_name='asal teks'),
        ),
        migrations.RemoveField(
            model_name='framework',
            name='is_provisional',
        ),
        migrations.AlterField(
            model_name='aspect',
            name='framework',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aspects', to='assessments.framework'),
        ),
        migrations.AlterField(
            model_name='framework',
            name='series',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='frameworks', to='assessments.indexseries', verbose_name='seri indeks'),
        ),
        migrations.AlterField(
            model_name='target',
            name='framework',
            field=models.ForeignKey(blank=True, on_delete=django.db.models.deletion.PROTECT, related_name='targets', to='assessments.framework', verbose_name='kerangka evaluasi'),
        ),
    ]
