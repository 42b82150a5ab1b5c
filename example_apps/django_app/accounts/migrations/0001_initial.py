from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="SignInEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("descope_user_id", models.CharField(db_index=True, max_length=200)),
                ("method", models.CharField(max_length=40)),
                ("at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"ordering": ["-at"]},
        ),
    ]
