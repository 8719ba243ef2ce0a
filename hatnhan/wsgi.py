import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hatnhan.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse here what `manage.py check` refuses.
from hatnhan.core.checks import refuse_unsafe_settings  # noqa: E402

refuse_unsafe_settings()
