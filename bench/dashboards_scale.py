"""The dashboards' read path at a province's scale: the pre-aggregate of a subtree of
GRASSROOTS grassroots organizations (under BLOCS committees, CELLS cells each) with a row per
organization and month for three years, written straight into the tables, then the bloc's
dashboard and the province's scorecard timed through the Django test client (wall and CPU
time, many runs) as a staff account at the province.

    DATABASE_URL=postgres://…/scratch .venv/bin/python bench/dashboards_scale.py [--grassroots 1600]

The pages read only the pre-aggregate, so the record itself is not needed to time them (its
refresh is a background job: bench it with `hatnhan dashboards_refresh --all`). The database is
emptied of these tables first: use a scratch database.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from soak import BENCH_SECRET_KEY  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--blocs", type=int, default=20)
    parser.add_argument("--grassroots", type=int, default=1600)
    parser.add_argument("--cells", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatnhan.settings")
    os.environ.update(DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", LOG_LEVEL="ERROR")
    # The key bench/pages.py builds its database with: its encrypted fields open.
    os.environ.setdefault("SECRET_KEY", BENCH_SECRET_KEY)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from hatnhan.accounts.services import create_user
    from hatnhan.core.testing import install_verified_force_login
    from hatnhan.dashboards.models import COUNTS, Freshness, OrganizationMonth
    from hatnhan.dashboards.services import kept_months
    from hatnhan.organizations.models import Organization
    from hatnhan.organizations.services import _segment, create_organization

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    today = dt.date(2026, 12, 3)
    rng = random.Random(14)
    if not Organization.objects.filter(code="TINH").exists():
        province = create_organization(
            actor=None, code="TINH", name="Đảng bộ Tỉnh", kind="bloc_committee"
        )
        per_bloc = args.grassroots // args.blocs
        next_id = (Organization.objects.order_by("-pk").values_list("pk", flat=True).first()) + 1

        def make(parent, name, kind):
            nonlocal next_id
            pk, next_id = next_id, next_id + 1
            return Organization(
                pk=pk,
                code=f"O{pk}",
                name=name,
                kind=kind,
                parent=parent,
                path=parent.path + _segment(pk),
                depth=parent.depth + 1,
            )

        blocs = [make(province, f"Đảng bộ Khối {b}", "bloc_committee") for b in range(args.blocs)]
        Organization.objects.bulk_create(blocs)
        grassroots = [
            make(bloc, f"Đảng bộ {b}-{g}", "grassroots_committee")
            for b, bloc in enumerate(blocs)
            for g in range(per_bloc)
        ]
        Organization.objects.bulk_create(grassroots, batch_size=2000)
        cells = [
            make(g, f"Chi bộ {g.pk}-{c}", "cell") for g in grassroots for c in range(args.cells)
        ]
        Organization.objects.bulk_create(cells, batch_size=2000)
        months = kept_months(today)
        rows = []
        for org in grassroots + cells:
            for month in months:
                due = rng.randint(0, 12)
                row = dict.fromkeys(COUNTS, 0) | {
                    "tasks_due": due,
                    "tasks_on_time": rng.randint(0, due),
                    "tasks_done": due,
                    "meetings_held": 1,
                    "meetings_good": rng.randint(0, 1),
                    "feedback_received": rng.randint(0, 2),
                }
                rows.append(OrganizationMonth(organization=org, month=month, **row))
        OrganizationMonth.objects.bulk_create(rows, batch_size=5000)
        Freshness.objects.update_or_create(
            key="default",
            defaults={"refreshed_at": timezone.now(), "as_of": today, "covers_from": months[0]},
        )
        create_user(
            actor=None,
            username="bench.tinh",
            role="staff",
            organization=province,
            password="demo",
            check_password=False,
        )
    province = Organization.objects.get(code="TINH")
    from hatnhan.dashboards import services
    from hatnhan.dashboards.models import SubtreeMonth

    if not SubtreeMonth.objects.exists():  # the subtree rows, as a refresh keeps them
        started = time.perf_counter()
        own = services._read(OrganizationMonth.objects.all())
        services._write_subtrees(services.rolled_up(own))
        print(f"subtree rows rolled up in {time.perf_counter() - started:.1f} s")
    from hatnhan.accounts.models import User

    install_verified_force_login()
    client = Client()
    client.force_login(User.objects.get(username="bench.tinh"))
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    orgs = Organization.objects.filter(path__startswith=province.path).count()
    print(f"{orgs} organizations, {OrganizationMonth.objects.count()} monthly rows ({engine})")
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hatnhan.dashboards import fragments

    cache = caches[fragments.ALIAS]
    dashboard = f"/dashboards/?root={province.pk}&year=2026"
    # "miss": the bloc page's fragments computed and rendered (the cache emptied first), as on
    # the first request after each refresh; "hit": served from them (dashboards/fragments.py).
    pages = [
        ("bare", "/healthz/", False),
        ("dashboard miss", dashboard, True),
        ("dashboard hit", dashboard, False),
        ("scorecard", f"/dashboards/organizations/{province.pk}/?year=2026", False),
    ]
    for _name, url, _miss in pages:
        client.get(url)  # warm up
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name, _, _ in pages}
    for _ in range(args.runs):  # interleaved: the shared machine's load falls on every page
        for name, url, miss in pages:
            if miss:
                cache.clear()
            w, c = time.perf_counter(), time.process_time()
            response = client.get(url)
            times[name][0].append((time.perf_counter() - w) * 1000)
            times[name][1].append((time.process_time() - c) * 1000)
            assert response.status_code == 200, response.status_code
    bare_cpu = statistics.median(times["bare"][1])
    print(f"load average {os.getloadavg()[0]:.2f}; {args.runs} runs each")
    for name, url, miss in pages:
        wall, cpu = times[name]
        if miss:
            cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        q = statistics.quantiles(wall, n=100, method="inclusive")
        print(
            f"{name:15} {len(response.content):7d} bytes {len(ctx.captured_queries):3d} queries"
            f"  wall p50 {statistics.median(wall):6.1f}  p99 {q[98]:6.1f} ms"
            f"  cpu p50 {statistics.median(cpu):6.1f} ms ({statistics.median(cpu) / bare_cpu:.0f}"
            " × bare)"
        )


if __name__ == "__main__":
    main()
