from django.db import migrations, models


def seal(apps, schema_editor):
    """Encrypt the previews of uploads still waiting (they quote values of the rows)."""
    import json

    from paritas.web import crypto

    PendingUpload = apps.get_model("workforce", "PendingUpload")
    for item in PendingUpload.objects.all():
        item.sealed_preview = crypto.encrypt(json.dumps(item.preview or {}, ensure_ascii=False).encode("utf-8"))
        item.save(update_fields=["sealed_preview"])


class Migration(migrations.Migration):
    dependencies = [("workforce", "0002_snapshot_assessment")]

    operations = [
        migrations.AddField(model_name="pendingupload", name="sealed_preview",
                            field=models.BinaryField(default=b"", editable=False)),
        migrations.RunPython(seal, migrations.RunPython.noop),
        migrations.RemoveField(model_name="pendingupload", name="preview"),
    ]
