"""The campaign's names by period and its five contents by edition (data in thidua/campaigns/data.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from thidua.campaigns.data import load_campaign_data

    load_campaign_data(apps.get_model("campaigns", "CampaignPeriod"), apps.get_model("campaigns", "CampaignContent"))


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_campaigns_and_provincial_parameters")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
