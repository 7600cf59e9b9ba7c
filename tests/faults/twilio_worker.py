"""A delivery worker process whose Twilio client talks to the local stand-in (the Twilio fault test).

``flask --app wsgi delivery run`` builds its Twilio client from the settings, and the SDK
always goes to ``https://api.twilio.com``; nothing may reach past loopback in the tests.  So
this process is that command's loop (``DeliveryWorker.run``, SMS only, stopped by SIGTERM)
with the SDK given ``tests.twilio_standin.StandInHttpClient`` for the URL in
``TWILIO_STANDIN_URL``: the same worker, the same SDK requests, over real HTTP to another
process.  Run as ``python -m tests.faults.twilio_worker`` with the app's environment.
"""
from __future__ import annotations

import os
import signal
import threading
from datetime import timedelta

from engagement import create_app
from engagement.delivery.models import SMS
from engagement.delivery.sms import TwilioSmsSender
from engagement.delivery.worker import DeliveryWorker
from tests.twilio_standin import StandInHttpClient


def main() -> None:
    app = create_app()
    sender = TwilioSmsSender(app.extensions["borgerpanel.settings"],
                             http_client=StandInHttpClient(os.environ["TWILIO_STANDIN_URL"]))
    worker = DeliveryWorker(app, channel=SMS, batch_size=20, sms_rate=0, sms_sender=sender,
                            lease=timedelta(seconds=10))
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    worker.run(stop, poll_seconds=0.2)


if __name__ == "__main__":
    main()
