"""gunicorn settings for the web process (``gunicorn -c deploy/gunicorn.conf.py wsgi:app``).

``preload_app``: the master imports the app once, and ``when_ready`` loads
what reading Danish needs (the memory-mapped lemma table of
``conversations.lemmas``, built once per machine, and the reader's modules)
before any worker is forked, so every worker shares it and no request waits
for it.  After the fork each worker drops the database connections it
inherited (``post_fork``): a connection is never shared between processes.
The web process itself never reads a citizen's message (the inbound workers
do); staff corrections (``conversations.reply.read_answer``) do.
"""
preload_app = True


def when_ready(server):  # in the master, after the app is loaded and before the workers fork
    from conversations import lemmas, reply  # noqa: F401  (imported: the reader's modules are loaded)

    lemmas.preload()
    server.log.info("the Danish lemma table is loaded; forking workers")


def post_fork(server, worker):
    import wsgi

    wsgi.app.extensions["borgerpanel.engine"].dispose(close=False)
