"""The portal's pages (home, search, pickers) take no object id: nothing to supply."""


def url_objects(ctx) -> dict[str, int]:
    return {}
