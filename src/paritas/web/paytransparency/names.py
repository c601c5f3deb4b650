"""The factor plan's names in the reader's language (the analytics core keeps keys only)."""

from django.utils.translation import gettext_lazy as _

FACTOR_NAMES = {
    "skills": _("skills"), "effort": _("effort"), "responsibility": _("responsibility"),
    "working_conditions": _("working conditions"),
}
SUBFACTOR_NAMES = {
    "knowledge": _("knowledge and qualifications"), "problem_solving": _("problem solving"),
    "communication": _("communication and relations"), "physical_effort": _("physical effort"),
    "mental_effort": _("mental effort"), "emotional_effort": _("emotional effort"),
    "people": _("responsibility for people (care, leadership, safety)"),
    "resources": _("responsibility for money and material"),
    "information": _("responsibility for information and decisions"),
    "physical_environment": _("physical environment"), "psychosocial_environment": _("psychosocial environment"),
}


def subfactor_name(key: str, custom: dict[str, str] | None = None) -> str:
    """A sub-factor's name: the one its organisation gave it (custom sub-factors), else the default plan's
    in the reader's language."""
    if custom and key in custom:
        return custom[key]
    return str(SUBFACTOR_NAMES.get(key, key))
