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
"""

from __future__ import annotations

import hashlib
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
STALE_CLAIM_SECONDS = 600.0  # a claim this old belongs to a worker that died


def _dir(spool_dir: os.PathLike | None) -> Path:
    if spool_dir is not None:
        return Path(spool_dir)
    from actions.config import settings

    return Path(settings().spool_dir)


def spool_name(key: str) -> str:
    """The file name for a screening key (``fields.screening_key(payload)``)."""
    return "lead-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:40] + SUFFIX


def spool_lead(payload: dict, spool_dir: os.PathLike | None = None) -> Path:
    """Write ``payload`` to the spool atomically; returns the file's path.
    ``ValueError`` when the payload has no ``conversation_id``."""
    key = screening_key(payload)
    directory = _dir(spool_dir)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = directory / spool_name(key)
    tmp = directory / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
    data = json.dumps(payload, default=str, ensure_ascii=False).encode("utf-8")
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
) -> int:
    """Write every spooled lead with ``store.create_lead``; returns how many were written.

    Each file is claimed before it is read (see the module docstring), so workers draining the
    same spool never write one file twice; claims older than ``stale_after`` seconds are taken
    over. Stops at the first database error (the file is put back, the rest stay for the next
    run). A file that is not valid JSON is renamed ``*.bad`` so it neither blocks the spool nor
    gets lost.
    """
    directory = _dir(spool_dir)
    if not directory.is_dir():
        return 0
    files = sorted(directory.glob("lead-*" + SUFFIX), key=lambda p: _mtime(p))
    files += _stale_claims(directory, stale_after)
    written = 0
    for path in files:
        claimed = _claim(path)
        if claimed is None:
            continue  # claimed or drained by another worker
        original = directory / _original_name(claimed.name)
        try:
            payload = json.loads(claimed.read_text(encoding="utf-8"))
            if not isinstance(payload, dict):
                raise ValueError("not an object")
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
