"""Every round gets the one review stage it had implicitly: the round's jury reviewing from the call's
opening to ten weeks after its close; submitted applications enter it and existing assignments belong
to it. Then an assignment always names its stage."""

from datetime import timedelta

import django.db.models.deletion
from django.db import migrations, models

NAMES = {"de": "Jurybewertung", "sv": "Jurybedömning", "en": "Jury review"}


def forwards(apps, schema_editor):
    Round = apps.get_model("awards", "Round")
    Stage = apps.get_model("awards", "Stage")
    StageEntry = apps.get_model("awards", "StageEntry")
    Assignment = apps.get_model("awards", "Assignment")
    for round_ in Round.objects.select_related("programme"):
        if Stage.objects.filter(round=round_).exists():
            continue
        languages = round_.programme.languages or ["de"]
        stage = Stage.objects.create(round=round_, order=0, name=NAMES.get(languages[0], NAMES["de"]),
                                     opens_at=round_.opens_at, closes_at=round_.closes_at + timedelta(weeks=10))
        for application in round_.applications.filter(status="submitted"):
            StageEntry.objects.create(stage=stage, application=application, state="review")
        Assignment.objects.filter(round=round_).update(stage=stage)


class Migration(migrations.Migration):
    dependencies = [("awards", "0009_stages_partners_messages")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assignment", name="stage",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="assignments",
                                    to="awards.stage")),
    ]
