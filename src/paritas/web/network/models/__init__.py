"""Networks: campaigns and alliances that bring employers to equal-opportunity work (seed 000: "Total
E-Quality in der Metropole Ruhr"; seed 003: a local alliance for families), their organisations, offers and
news, and their events with a programme, registrations, a waiting list, check-in and what stays after
(docs/network.md)."""

from paritas.web.network.models.campaigns import (
                                                  Campaign,
                                                  Goal,
                                                  NewsItem,
                                                  Offer,
                                                  OfferSlot,
                                                  Participation,
                                                  Recognition,
                                                  SlotRequest,
                                                  token,
)
from paritas.web.network.models.events import (
                                                  Event,
                                                  EventAttachment,
                                                  Feedback,
                                                  Invitee,
                                                  ProgrammeItem,
                                                  Question,
                                                  Registration,
)

__all__ = ["Campaign", "Event", "EventAttachment", "Feedback", "Goal", "Invitee", "NewsItem", "Offer", "OfferSlot",
           "Participation", "ProgrammeItem", "Question", "Recognition", "Registration", "SlotRequest", "token"]

#: The name migration 0001 refers to.
_token = token
