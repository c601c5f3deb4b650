"""The awards app's business rules, one module per part of a round (as pretalx splits its ``domain/``):
templates → applications → jury → catalogue → decisions, each importing only from the ones before it.
``paritas.web.awards.services`` gathers them for the views."""
