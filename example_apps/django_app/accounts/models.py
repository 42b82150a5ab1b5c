from django.db import models


class SignInEvent(models.Model):
    """One successful sign-in, shown on the profile page."""

    descope_user_id = models.CharField(max_length=200, db_index=True)
    method = models.CharField(max_length=40)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.descope_user_id} via {self.method} at {self.at:%Y-%m-%d %H:%M}"
