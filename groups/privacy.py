"""What the groups app holds about a person, for subject access and erasure (see docs/contributing.md)."""

from __future__ import annotations

from groups.models import Attendance, Handover, Membership, NetworkMember, NewsItem


def subject_data(person) -> dict[str, list[dict]]:
    return {
        "Groups": [
            {
                "group": m.group.name,
                "role": m.get_role_display(),
                "joined": m.joined_on.isoformat(),
                "left": m.left_on.isoformat() if m.left_on else None,
            }
            for m in Membership.objects.filter(person=person).select_related("group")
        ],
        "Group meetings attended": [
            {"group": a.meeting.group.name, "meeting": a.meeting.starts_at.isoformat(), "present": a.present}
            for a in Attendance.objects.filter(person=person).select_related("meeting__group")
        ],
        "Networks": [
            {
                "network": m.network.name,
                "listed in directory": m.listed,
                "email shown": m.show_email,
                "area shown": m.show_area,
                "about me": m.about_me,
                "news by email": m.get_digest_display(),
                "champion": m.champion,
                "how I can help": m.champion_offer,
            }
            for m in NetworkMember.objects.filter(person=person).select_related("network")
        ],
    }


def erase(person, *, actor) -> dict[str, int]:
    """Memberships, attendance and network choices go; handover notes and news keep their text without the name."""
    counts = {
        "attendance": Attendance.objects.filter(person=person).delete()[0],
        "memberships": Membership.objects.filter(person=person).delete()[0],
        "network memberships": NetworkMember.objects.filter(person=person).delete()[0],
        "news authored (name removed)": NewsItem.objects.filter(author=person).update(author=None),
    }
    counts["handovers"] = (
        Handover.objects.filter(from_person=person).count() + Handover.objects.filter(to_person=person).count()
    )
    Handover.objects.filter(from_person=person).delete()
    Handover.objects.filter(to_person=person).delete()
    return counts


RETENTION: list[dict] = []
