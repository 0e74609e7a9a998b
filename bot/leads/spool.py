"""A file spool for leads that could not be written when the conversation ended.

``spool_lead(payload)`` writes the handoff payload as one JSON file (temporary file, fsync,
``os.replace``, fsync of the directory), named by a hash of its screening key (the payload's
``dedupe_key``, else its ``conversation_id``: ``bot.leads.fields.screening_key``) so a repeated
handoff of one screening overwrites rather than duplicates, two screenings of one conversation
stay two files, and the name reveals nothing (SMS ids are phone numbers). ``drain_spool(store)`` writes each file with ``create_lead`` (idempotent) and removes it
only afterwards, so a crash in between at worst writes the same lead twice, which
``create_lead`` turns into one. Files are readable by the owner only: they hold health details.

Several workers may drain one spool at once: each file is claimed first by renaming it to
``<name>.claimed-<pid>-<unix time>-<random>`` (a rename succeeds for one process only), so only
the claimant writes it. A claim older than ``STALE_CLAIM_SECONDS`` (its worker died) is claimed
again the same way; a claim whose write failed is put back under its own name.

Only the action server's own files become leads: each payload is signed with an HMAC-SHA256 of
its canonical JSON (field ``spool_signature``) under ``LEAD_SPOOL_KEY``, or, when that is unset,
under a random key kept next to the spool folder (``<spool folder>.key``, owner-only; enough on
one machine, while processes that share the spool over a volume need ``LEAD_SPOOL_KEY``). The
drain refuses a file that is unsigned, signed with another key or altered after signing: it is
renamed ``*.refused`` (kept for a person to look at, never written) and logged by file name only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.leads.fields import screening_key

logger = logging.getLogger(__name__)

SUFFIX = ".json"
CLAIMED = ".claimed-"
SIGNATURE = "spool_signature"  # the payload field holding the file's HMAC
REFUSED = (
    ".refused"  # a file the drain would not write: unsigned, altered, or another key
)
STALE_CLAIM_SECONDS = 600.0  # a claim this old belongs to a worker that died


def _dir(spool_dir: os.PathLike | None) -> Path:
    if spool_dir is not None:
        return Path(spool_dir)
    from actions.config import settings

    return Path(settings().spool_dir)


def spool_key(directory: Path, configured: str | None = None) -> bytes:
    """The signing key of the spool in ``directory``: ``configured`` (default: the setting
    ``LEAD_SPOOL_KEY``), else the random key in ``<directory>.key``, created on first use."""
    if configured is None:
        from actions.config import settings

        configured = settings().lead_spool_key
    if configured.strip():
        return configured.strip().encode("utf-8")
    key_file = directory.with_name(directory.name + ".key")
    try:
        fd = os.open(str(key_file), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(32))
            fh.flush()
            os.fsync(fh.fileno())
    for _ in range(50):  # another process may have created it a moment ago
        key = key_file.read_text(encoding="utf-8").strip()
        if key:
            return key.encode("utf-8")
        time.sleep(0.01)
    raise RuntimeError(f"{key_file.name} is empty: set LEAD_SPOOL_KEY")


def signature(payload: dict, key: bytes) -> str:
    """The HMAC-SHA256 of ``payload`` (without its signature field) in canonical JSON."""
    body = {k: v for k, v in payload.items() if k != SIGNATURE}
    canonical = json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hmac.new(
        key, b"lead-spool-v1\n" + canonical.encode("utf-8"), hashlib.sha256
    ).hexdigest()


def signed_by(payload: dict, key: bytes) -> bool:
    """Whether ``payload`` carries a valid signature under ``key``."""
    given = payload.get(SIGNATURE)
    if not isinstance(given, str):
        return False
    return hmac.compare_digest(
        given.encode("utf-8", "replace"), signature(payload, key).encode("ascii")
    )


def spool_name(key: str) -> str:
    """The file name for a screening key (``fields.screening_key(payload)``)."""
    return "lead-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:40] + SUFFIX


def spool_lead(
    payload: dict, spool_dir: os.PathLike | None = None, key: str | None = None
) -> Path:
    """Write ``payload``, signed (``key``, default: the setting ``LEAD_SPOOL_KEY``), to the
    spool atomically; returns the file's path.
    ``ValueError`` when the payload has no ``conversation_id``."""
    name = screening_key(payload)
    directory = _dir(spool_dir)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = directory / spool_name(name)
    tmp = directory / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
    # Signed as it will be read back: dates and other values as JSON has them.
    signed = json.loads(json.dumps(payload, default=str))
    signed.pop(SIGNATURE, None)
    signed[SIGNATURE] = signature(signed, spool_key(directory, key))
    data = json.dumps(signed, ensure_ascii=False).encode("utf-8")
    fd = os.open(str(tmp), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(directory)
    logger.warning("lead spooled (%s) until the lead store can be reached", target.name)
    return target


def drain_spool(
    store: Any,
    spool_dir: os.PathLike | None = None,
    stale_after: float = STALE_CLAIM_SECONDS,
    key: str | None = None,
) -> int:
    """Write every spooled lead with ``store.create_lead``; returns how many were written.

    Each file is claimed before it is read (see the module docstring), so workers draining the
    same spool never write one file twice; claims older than ``stale_after`` seconds are taken
    over. Stops at the first database error (the file is put back, the rest stay for the next
    run). A file that is not valid JSON is renamed ``*.bad`` so it neither blocks the spool nor
    gets lost; one not signed with ``key`` (default: the setting ``LEAD_SPOOL_KEY``) is renamed
    ``*.refused`` and never written.
    """
    directory = _dir(spool_dir)
    if not directory.is_dir():
        return 0
    files = sorted(directory.glob("lead-*" + SUFFIX), key=lambda p: _mtime(p))
    files += _stale_claims(directory, stale_after)
    written = 0
    secret = spool_key(directory, key) if files else b""
    for path in files:
        claimed = _claim(path)
        if claimed is None:
            continue  # claimed or drained by another worker
        original = directory / _original_name(claimed.name)
        try:
            payload = json.loads(claimed.read_text(encoding="utf-8"))
            if not isinstance(payload, dict):
                raise ValueError("not an object")
            if not signed_by(payload, secret):
                logger.error(
                    "spool file %s refused: not signed by the action server (unsigned, "
                    "altered or another LEAD_SPOOL_KEY); renamed to %s",
                    original.name,
                    REFUSED,
                )
                claimed.replace(original.with_suffix(REFUSED))
                continue
            payload.pop(SIGNATURE)
            lead = store.create_lead(payload)
        except FileNotFoundError:
            continue  # taken over as stale, or erased, meanwhile
        except ValueError:
            logger.error(
                "spool file %s is not a lead payload; renamed to .bad", original.name
            )
            claimed.replace(original.with_suffix(".bad"))
            continue
        except (SQLAlchemyError, OSError) as exc:
            _release(claimed, original)
            logger.warning(
                "lead store still unavailable (%s); %s files wait",
                type(exc).__name__,
                len(files) - written,
            )
            break
        except BaseException:
            _release(claimed, original)  # not left for the stale-claim timeout
            raise
        try:
            claimed.unlink()
        except FileNotFoundError:
            pass
        _fsync_dir(directory)
        written += 1
        logger.info(
            "spooled lead written as %s (%s)", lead.get("id"), lead.get("reference")
        )
    return written


def _claim(path: Path) -> Path | None:
    """Rename ``path`` to a claim of this process; None when another process got it first."""
    name = _original_name(path.name)
    claimed = path.with_name(
        f"{name}{CLAIMED}{os.getpid()}-{int(time.time())}-{secrets.token_hex(4)}"
    )
    try:
        os.rename(path, claimed)
    except FileNotFoundError:
        return None
    return claimed


def _release(claimed: Path, original: Path) -> None:
    """Put a claimed file back under its own name, unless the same screening was spooled again
    meanwhile (that newer file stays, and this copy goes)."""
    try:
        os.link(claimed, original)
    except FileExistsError:
        pass
    except FileNotFoundError:
        return
    try:
        claimed.unlink()
    except FileNotFoundError:
        pass


def _original_name(name: str) -> str:
    return name.split(CLAIMED, 1)[0]


def _stale_claims(directory: Path, stale_after: float) -> list[Path]:
    cutoff = time.time() - stale_after
    stale = []
    for path in directory.glob("lead-*" + SUFFIX + CLAIMED + "*"):
        try:
            claimed_at = int(path.name.rsplit(CLAIMED, 1)[1].split("-")[1])
        except (IndexError, ValueError):
            continue
        if claimed_at <= cutoff:
            stale.append(path)
    return stale


def discard_spooled(key: str, spool_dir: os.PathLike | None = None) -> bool:
    """Remove the spooled payload of one screening, if any (erasure), so a later drain cannot
    bring an erased lead back. ``key`` is the lead's screening key (its stored
    ``screening_key``: the ``dedupe_key``, or the conversation id for older payloads). Files
    named otherwise (spooled before names used the dedupe key) are found by their content."""
    directory = _dir(spool_dir)
    found = False
    try:
        (directory / spool_name(key)).unlink()
        found = True
    except FileNotFoundError:
        pass
    if directory.is_dir():
        for path in _spooled(directory):
            try:
                payload = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(payload, dict) or screening_key(payload) != key:
                    continue
                path.unlink()
                found = True
            except (FileNotFoundError, ValueError):
                continue  # drained meanwhile, or not a payload (drain sets it aside)
    if found:
        _fsync_dir(directory)
    return found


def pending(spool_dir: os.PathLike | None = None) -> int:
    """Spooled leads not yet written, claimed or not."""
    directory = _dir(spool_dir)
    return len(_spooled(directory)) if directory.is_dir() else 0


def _spooled(directory: Path) -> list[Path]:
    return [
        *directory.glob("lead-*" + SUFFIX),
        *directory.glob("lead-*" + SUFFIX + CLAIMED + "*"),
    ]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(str(directory), os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory fds
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
