"""gunicorn's settings for ``gunicorn wsgi:app`` (gunicorn reads this file from the working folder).

The app is loaded once in the master (``preload_app``) and warmed there
(``engagement.web.warmup``: the Danish lemma table, the reply reader, Babel,
the templates) before the workers fork, so no visitor waits for them and the
workers share them.  Command-line options (bind, workers, timeouts) still
come from the Procfile and the systemd unit.  With ``preload_app`` a HUP
restarts the workers but does not reload the code: restart the service on a
deploy (``systemctl restart borgerpanel.target``).  ``WARM_UP=false`` skips
the warming.
"""

preload_app = True


def when_ready(server):
    """In the master, after the app is loaded and before the workers fork."""
    app = server.app.wsgi()
    if app.extensions["borgerpanel.settings"].warm_up:
        from engagement.web.warmup import warm_up

        warm_up(app)


def post_fork(server, worker):
    """A forked worker opens database connections of its own (none are shared with the master)."""
    server.app.wsgi().extensions["borgerpanel.engine"].dispose(close=False)
