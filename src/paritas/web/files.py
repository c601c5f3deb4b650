"""Files people attach (an applicant's plan, an event's slides and photos): one check for every app. A file
is taken when its name ends in an accepted kind, its first bytes are that kind's signature (a renamed
executable is refused), and it is at most 10 MB; its name is made safe to show and to send back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from paritas.web.text import clean_text

_ZIP = (b"PK\x03\x04",)
#: Accepted kinds: their media type and the signatures their files begin with.
KINDS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".odp": ("application/vnd.oasis.opendocument.presentation", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
LIMIT = 10 * 1024 * 1024
#: What an applicant may attach to an award application, and what an event keeps (slides, photos).
DOCUMENTS = (".pdf", ".odt", ".docx", ".xlsx", ".ods", ".png", ".jpg", ".jpeg")
EVENT_FILES = (".pdf", ".odp", ".pptx", ".odt", ".docx", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True, slots=True)
class CheckedFile:
    name: str
    content_type: str
    size: int


def check(name: str, content: bytes, accepted: tuple[str, ...] = DOCUMENTS) -> CheckedFile:
    """The file as it may be kept, or a :class:`ValidationError` saying which file and why."""
    name = clean_text(name or "file").replace("/", "_").replace("\\", "_")[-200:]
    suffix = PurePath(name).suffix.lower()
    if suffix not in accepted:
        raise ValidationError(_("%(name)s: this kind of file is not accepted; use %(kinds)s.")
                              % {"name": name, "kinds": ", ".join(k.lstrip(".").upper() for k in accepted)})
    if len(content) > LIMIT:
        raise ValidationError(_("%(name)s is larger than 10 MB.") % {"name": name})
    content_type, signatures = KINDS[suffix]
    if not content.startswith(signatures):
        raise ValidationError(_("%(name)s is not a %(kind)s file (its content does not match its name).")
                              % {"name": name, "kind": suffix.lstrip(".").upper()})
    return CheckedFile(name, content_type, len(content))
