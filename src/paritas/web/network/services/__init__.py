"""The rules of networks, tested without HTTP, one module per part: registration (places, waiting list,
questions, check-in), after (files, feedback), calendar (iCalendar), invitations, organisations
(initiators and members), offers (bookable slots), reminders, figures (attendance, yearly figures, goals)
and retention (anonymisation, export and erasure on request)."""

from paritas.web.network.services.after import add_attachment, can_give_feedback, give_feedback
from paritas.web.network.services.calendar import calendar_of, ical
from paritas.web.network.services.figures import (
                                                  attendance,
                                                  feedback_summary,
                                                  figures_by_year,
                                                  goal_value,
                                                  goals_with_values,
)
from paritas.web.network.services.invitations import invite, recipients
from paritas.web.network.services.offers import accept, decline, is_free, request_slot
from paritas.web.network.services.organisations import join, leave
from paritas.web.network.services.registration import cancel, check_answers, check_in, counts, register
from paritas.web.network.services.reminders import send_reminders
from paritas.web.network.services.retention import anonymise_past, erase_person, person_data, retention

__all__ = [
                                                  "accept",
                                                  "add_attachment",
                                                  "anonymise_past",
                                                  "attendance",
                                                  "calendar_of",
                                                  "can_give_feedback",
                                                  "cancel",
                                                  "check_answers",
                                                  "check_in",
                                                  "counts",
                                                  "decline",
                                                  "erase_person",
                                                  "feedback_summary",
                                                  "figures_by_year",
                                                  "give_feedback",
                                                  "goal_value",
                                                  "goals_with_values",
                                                  "ical",
                                                  "invite",
                                                  "is_free",
                                                  "join",
                                                  "leave",
                                                  "person_data",
                                                  "recipients",
                                                  "register",
                                                  "request_slot",
                                                  "retention",
                                                  "send_reminders",
]
