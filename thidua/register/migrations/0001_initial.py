"""The register of issued documents and the sequences its numbering locks."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('units', '0004_vietnamese_natural_collation'),
    ]

    operations = [
        migrations.CreateModel(
            name='RegisterEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organ', models.CharField(choices=[('ubnd', "People's Committee"), ('mttq', 'Committee of the Fatherland Front')], max_length=10, verbose_name='issuing organ')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('number', models.PositiveIntegerField(verbose_name='number')),
                ('type_symbol', models.CharField(max_length=10, verbose_name='type of document')),
                ('symbol', models.CharField(max_length=30, verbose_name='symbol')),
                ('issued_on', models.DateField(verbose_name='issued on')),
                ('kind', models.CharField(choices=[('evaluations.decision', 'recognition decision'), ('awards.decision', 'commendation decision'), ('awards.proposal', 'proposal to a higher body')], max_length=40, verbose_name='kind')),
                ('allocated', models.BooleanField(default=True, verbose_name='numbered by thidua')),
                ('object_id', models.PositiveBigIntegerField(blank=True, null=True)),
                ('file', models.FileField(blank=True, max_length=300, upload_to='register/%Y/', verbose_name='issued file')),
                ('sha256', models.CharField(blank=True, max_length=64, verbose_name='checksum (SHA-256)')),
                ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('content_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype')),
                ('issuer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='register_entries', to='units.unit', verbose_name='issuing unit')),
            ],
            options={
                'verbose_name': 'register entry',
                'verbose_name_plural': 'register entries',
                'constraints': [models.UniqueConstraint(fields=('issuer', 'organ', 'year', 'type_symbol', 'number'), name='registerentry_number_unique'), models.UniqueConstraint(fields=('content_type', 'object_id'), name='registerentry_one_per_document')],
            },
        ),
        migrations.CreateModel(
            name='RegisterSequence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('organ', models.CharField(choices=[('ubnd', "People's Committee"), ('mttq', 'Committee of the Fatherland Front')], max_length=10)),
                ('year', models.PositiveSmallIntegerField()),
                ('type_symbol', models.CharField(max_length=10)),
                ('last', models.PositiveIntegerField(default=0)),
                ('issuer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.unit')),
            ],
            options={
                'verbose_name': 'number sequence',
                'verbose_name_plural': 'number sequences',
                'constraints': [models.UniqueConstraint(fields=('issuer', 'organ', 'year', 'type_symbol'), name='registersequence_one_per_body_year_type')],
            },
        ),
    ]
