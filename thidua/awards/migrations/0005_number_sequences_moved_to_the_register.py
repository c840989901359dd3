"""The award sequences are now the register's (``register.RegisterSequence``, copied in its 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0004_sessions_and_ballots_have_a_status'),
        ('register', '0002_entries_from_issued_documents'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='numbersequence',
            name='numbersequence_unique',
        ),
        migrations.DeleteModel(
            name='NumberSequence',
        ),
    ]
