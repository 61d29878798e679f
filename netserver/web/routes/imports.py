"""Member import: upload, a preview line by line (added, changed, refused), then commit."""

from __future__ import annotations

import base64
import binascii

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ...services import import_admin, scope
from ...services.admin_sessions import SignedIn
from ...services.errors import Invalid
from ...services.member_import import ImportPlan, MemberImportError
from ..render import page
from ..session import Checked, Who, database, lang_of
from ..texts import text
from .common import who_actor

router = APIRouter()
FORM_LIMIT = 8 * 1024 * 1024  # the file rides along base64-encoded in the commit form


def _own_space(who: SignedIn) -> int | None:
    return None if scope.is_network(who) else who.space_id


@router.get("/admin/import")
def form(request: Request, who: Who) -> Response:
    return page(request, "import.html", plan=None, error="", done="")


def _preview_page(
    request: Request, plan: ImportPlan, data: bytes, *, notice: str = "", status: int = 200
) -> Response:
    rows = sorted(
        [("member", m.line, m) for m in plan.members] + [("refusal", r.line, r) for r in plan.refused],
        key=lambda row: (row[1], row[0] == "member"),
    )
    return page(
        request,
        "import.html",
        status,
        plan=plan,
        rows=rows,
        counts=plan.counts(),
        data=base64.b64encode(data).decode("ascii"),
        shown=import_admin.fingerprint(plan),
        error="",
        done="",
        notice=notice,
    )


@router.post("/admin/import/preview")
async def preview(request: Request, who: Checked) -> Response:
    """The upload is read on the event loop (with this form's own size limit); the rest, the
    database and the page (which reads it too), in a worker thread."""
    upload = (await request.form(max_part_size=FORM_LIMIT)).get("file")
    data = await upload.read(import_admin.MAX_FILE + 1) if isinstance(upload, UploadFile) else b""
    return await run_in_threadpool(_previewed, request, who, data)


def _previewed(request: Request, who: SignedIn, data: bytes) -> Response:
    lang = lang_of(request)
    if not data:
        return page(request, "import.html", 422, plan=None, error=text("import.no_file", lang), done="")
    if len(data) > import_admin.MAX_FILE:
        error = text("import.too_big", lang, mb=import_admin.MAX_FILE // (1024 * 1024))
        return page(request, "import.html", 422, plan=None, error=error, done="")
    try:
        plan = import_admin.preview_file(
            database(request), data, _own_space(who), text("import.other_space", lang)
        )
    except Invalid as exc:
        return _unreadable(request, exc.message)
    return _preview_page(request, plan, data)


def _unreadable(request: Request, message: str) -> Response:
    error = text("import.unreadable", lang_of(request), message=message)
    return page(request, "import.html", 422, plan=None, done="", error=error)


@router.post("/admin/import/commit")
async def commit(request: Request, who: Checked) -> Response:
    """The form is read on the event loop; the import and its page in a worker thread."""
    posted = await request.form(max_part_size=FORM_LIMIT)
    return await run_in_threadpool(
        _committed, request, who, str(posted.get("data", "")), str(posted.get("shown", ""))
    )


def _committed(request: Request, who: SignedIn, encoded: str, shown: str) -> Response:
    lang = lang_of(request)
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid("the import form is damaged: upload the file again") from None
    if not data or len(data) > import_admin.MAX_FILE:
        raise Invalid("the import form is damaged: upload the file again")
    try:
        summary = import_admin.commit_previewed(
            database(request), data, shown, _own_space(who), text("import.other_space", lang), who_actor(who)
        )
    except import_admin.ChangedSincePreview as changed:
        return _preview_page(request, changed.plan, data, notice=text("import.stale", lang), status=409)
    except MemberImportError as exc:
        return _unreadable(request, exc.message)
    done = text(
        "import.done", lang, created=summary.created, updated=summary.updated, unchanged=summary.unchanged
    )
    return page(request, "import.html", plan=None, error="", done=done)
