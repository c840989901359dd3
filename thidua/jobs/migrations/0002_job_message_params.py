from django.db import migrations, models


def english_half(apps, schema_editor):
    """Messages written before were "tiếng Việt / English"; keep the English half, which is the msgid
    the page now translates (a message without exactly one " / " stays as it is)."""
    Job = apps.get_model("jobs", "Job")
    for job in Job.objects.filter(message__contains=" / ").only("pk", "message"):
        parts = job.message.split(" / ")
        if len(parts) == 2:
            Job.objects.filter(pk=job.pk).update(message=parts[1])


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="job",
            name="message_params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(english_half, migrations.RunPython.noop),
    ]
