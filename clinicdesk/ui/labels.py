"""Names the window shows for the engine's and the store's codes (translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def membership_name(level: str | None) -> str:
    """A membership level as the window shows it (a clinic's own names as they are)."""
    names = {
        "silver": QCoreApplication.translate("Membership", "Silver"),
        "gold": QCoreApplication.translate("Membership", "Gold"),
        "diamond": QCoreApplication.translate("Membership", "Diamond"),
    }
    return names.get(level or "", level or "")


def rfm_name(segment: str) -> str:
    names = {
        "champions": QCoreApplication.translate("Rfm", "Champions"),
        "loyal": QCoreApplication.translate("Rfm", "Loyal"),
        "potential_loyalist": QCoreApplication.translate("Rfm", "Potential loyalist"),
        "new": QCoreApplication.translate("Rfm", "New"),
        "promising": QCoreApplication.translate("Rfm", "Promising"),
        "need_attention": QCoreApplication.translate("Rfm", "Need attention"),
        "about_to_sleep": QCoreApplication.translate("Rfm", "About to sleep"),
        "at_risk": QCoreApplication.translate("Rfm", "At risk"),
        "cant_lose": QCoreApplication.translate("Rfm", "Can't lose them"),
        "hibernating": QCoreApplication.translate("Rfm", "Hibernating"),
        "lost": QCoreApplication.translate("Rfm", "Lost"),
    }
    return names.get(segment, segment)


def lapse_name(status: str) -> str:
    names = {
        "on_rhythm": QCoreApplication.translate("Lapse", "On rhythm"),
        "due": QCoreApplication.translate("Lapse", "Due"),
        "overdue": QCoreApplication.translate("Lapse", "Overdue"),
        "lapsed": QCoreApplication.translate("Lapse", "Lapsed"),
    }
    return names.get(status, status)


def outcome_name(outcome: str) -> str:
    """A contact's outcome as the call buttons and the patient's history both show it."""
    names = {
        "reached": QCoreApplication.translate("Outcome", "Reached"),
        "booked": QCoreApplication.translate("Outcome", "Booked"),
        "declined": QCoreApplication.translate("Outcome", "Declined"),
        "no_answer": QCoreApplication.translate("Outcome", "No answer"),
        "wrong_number": QCoreApplication.translate("Outcome", "Wrong number"),
        "do_not_call": QCoreApplication.translate("Outcome", "Do not call again"),
        "other": QCoreApplication.translate("Outcome", "Other"),
    }
    return names.get(outcome, outcome)
