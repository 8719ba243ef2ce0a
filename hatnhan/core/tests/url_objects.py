"""This app's page URLs take no object id (login/logout, home, search): nothing to supply."""


def url_objects(ctx) -> dict[str, int]:
    return {}
