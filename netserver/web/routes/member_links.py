"""A member's page link from the web admin: a new one (the old stops working), shown once with
its QR code and, with a new card, the card's PDF with both codes. Afterwards the page shows only
when the link was made: the server keeps the link's hash, never the link."""

from __future__ import annotations

import base64

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kiosk.core.qr import qr_png

from ...services import member_admin, scope
from ...services.network import get_network
from ...services.spaces import get_space
from ...settings import Settings
from ..render import page
from ..session import Checked, Posted, database
from .common import who_actor

router = APIRouter()


@router.post("/admin/members/{number}/link")
def new_link(request: Request, who: Checked, number: int, form: Posted) -> Response:
    from ...printing import member_card, sheet_bytes  # reportlab: loaded when a card is printed

    new_pass = str(form.get("new_pass", "")) == "1"
    settings: Settings = request.app.state.settings
    with database(request).write() as session:
        member = scope.member_to_change(session, who, number)
        secret, credential = member_admin.new_link(session, member, who_actor(who), new_pass=new_pass)
        url = settings.member_page_url(secret, seen_at=str(request.base_url))  # as the admin reached us
        pdf = b""
        if credential is not None:
            card = member_card(
                network=get_network(session).name,
                display_name=member.display_name,
                home_space=get_space(session, member.home_space_id).name,
                code=credential.text,
                link=url,
            )
            pdf = sheet_bytes([card], title=f"pass {number}-{credential.serial}")
        shown = {"number": member.number, "display_name": member.display_name}
        serial = credential.serial if credential is not None else 0
    return page(
        request,
        "member_link.html",
        m=shown,
        url=url,
        qr=base64.b64encode(qr_png(url, box_size=6)).decode("ascii"),
        pdf=base64.b64encode(pdf).decode("ascii") if pdf else "",
        pdf_name=f"pass-{number}-{serial}.pdf",
        serial=serial,
    )
