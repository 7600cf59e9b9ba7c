"""Read one whole email (RFC 5322 bytes) into what the person wrote.

`read_message(raw)` is a pure function: no network, no database, and it
never raises, whatever the bytes (if the body cannot be read, the headers
still are, and `problems` says why).  One module per stage:

- `parsing.py`: bytes to MIME (large attachments cut first), the body text
  (text/plain preferred, format=flowed joined); `charsets.py` and
  `headers.py` decode what the message declares, best-effort.
- `html.py`: an HTML body to text, keeping what its structure says about
  quotes, attributions, Outlook's original and signatures.
- `machine.py`: bounces and automatic replies, by structure and headers first.
- `calendar.py`: a calendar program's answer (iTIP REPLY) -> `calendar_reply`.
- `quotes.py`: each line's role (own, quoted, dropped): attributions, header
  blocks, separators, answers typed inside the quoted invitation.
- `signatures.py`: mail programs' lines, closings and signed names cut from
  the own words.
- `blocks.py`: the body as own and quoted blocks in order.

The words each of these looks for are tables by language, apart from the
code (`quote_patterns.py`, `signature_patterns.py`, `machine_patterns.py`).
"""
from .model import Block, Bounce, MailReading
from .reading import read_message

__all__ = ["Block", "Bounce", "MailReading", "read_message"]
