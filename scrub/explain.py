"""`scrub explain`: for each rule, what it finds, why an extortionist wants it, and what to
publish instead. For trainers and for volunteers who want to understand a finding."""
from __future__ import annotations

from scrub import messages
from scrub.policy import catalog, find_rule


def explain(rule: str | None, lang: str) -> str:
    rules = catalog()
    if rule is None:
        lines = [messages.t("explain.intro", lang), ""]
        width = max(len(r.id) for r in rules)
        lines += [f"  {r.id:{width}}  {r.description.get(lang, '')}" for r in rules]
        lines += ["", messages.t("explain.more", lang)]
        return "\n".join(lines)
    match = find_rule(rule)
    if match is None:
        raise KeyError(messages.t("explain.unknown", lang, rule=rule))
    return "\n".join(
        [
            messages.t("explain.title", lang, rule=match.id, entity=messages.entity_name(match.entity, lang)),
            "",
            f"{messages.t('explain.finds', lang)}: {match.description.get(lang, '')}",
            f"{messages.t('explain.why', lang)}: {messages.t(f'explain.{match.entity}.why', lang)}",
            f"{messages.t('explain.instead', lang)}: {messages.t(f'explain.{match.entity}.instead', lang)}",
        ]
    )
