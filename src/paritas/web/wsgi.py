"""WSGI entry point: ``gunicorn paritas.web.wsgi`` (or ``paritas serve`` for a single machine)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paritas.web.settings")
application = get_wsgi_application()
