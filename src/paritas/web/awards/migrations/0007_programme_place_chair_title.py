from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("awards", "0006_award_valid_from")]

    operations = [
        migrations.AddField(model_name="programme", name="place", field=models.CharField(
            blank=True, help_text="Printed on certificates before the date, for example “Köln”.", max_length=100,
            verbose_name="place of the awarding body")),
        migrations.AddField(model_name="programme", name="chair_title", field=models.CharField(
            blank=True, help_text="Printed under the signature line; empty: “Chair of the jury”.", max_length=100,
            verbose_name="title of the signatory")),
    ]
