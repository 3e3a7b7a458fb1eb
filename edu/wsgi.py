"""WSGI entry point (gunicorn edu.wsgi).

Each worker loads the URLconf and compiles every template before its first request, then
freezes what it holds for the garbage collector (edu/warm.py): no request pays for either.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edu.settings")
application = get_wsgi_application()

from edu.warm import warm_and_freeze  # noqa: E402  (needs the apps loaded above)

warm_and_freeze()
