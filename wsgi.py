"""The WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi ...``."""
from engagement import create_app

app = create_app()
