import os

from django.core.asgi import get_asgi_application

from clinic.checks import refuse_to_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

application = get_asgi_application()

# ASGI servers do not run system checks; a node that cannot send texts or mail must not boot.
refuse_to_start()
