from datetime import date

from django.db import migrations, models


def from_award_year(apps, schema_editor):
    """Awards recorded before: valid from 1 January of the year they were given."""
    Award = apps.get_model("awards", "Award")
    for award in Award.objects.all():
        award.valid_from = date(award.awarded_on.year, 1, 1)
        award.save(update_fields=["valid_from"])


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_assignment_notified")]

    operations = [
        migrations.AddField(model_name="award", name="valid_from", field=models.DateField(null=True)),
        migrations.RunPython(from_award_year, migrations.RunPython.noop),
        migrations.AlterField(model_name="award", name="valid_from", field=models.DateField()),
    ]
