"""What the account tests check about an account: its live sessions and its API token."""

from rest_framework.authtoken.models import Token

from hatnhan.accounts.models import AccountSession, User


def live_sessions(user: User) -> int:
    return AccountSession.objects.filter(user_id=user.pk).count()


def has_token(user: User) -> bool:
    return Token.objects.filter(user=user).exists()
