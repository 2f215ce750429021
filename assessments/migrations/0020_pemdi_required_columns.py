"""Issue 22: the columns 0019 filled become required; is_provisional gives way to Framework.sourcing."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0019_pemdi_frameworks'),
    ]

    operations = [
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
