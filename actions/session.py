"""Starts every conversation with the firm's own words in slots, read from the environment.

Responses in domain.yml say `{firm_name}`, `{firm_phone}` and so on; this is where those values
come from, so a firm changes them in `.env`, never in code or YAML.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.config import settings

# Facts that outlive a session expiry (a person may answer an SMS hours later); everything else
# Rasa carries over too (carry_over_slots_to_new_session), these are only refreshed.
FIRM_SLOTS = ("firm_name", "firm_phone", "firm_hours", "firm_response_promise")


def firm_slot_events() -> list[EventType]:
    s = settings()
    values = {
        "firm_name": s.firm_name,
        "firm_phone": s.firm_phone,
        "firm_hours": s.firm_hours,
        "firm_response_promise": s.firm_response_promise,
    }
    return [SlotSet(name, values[name]) for name in FIRM_SLOTS]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        # Carry over what the person already told us (Rasa's default session start does this).
        for key, value in tracker.current_slot_values().items():
            if value is not None and key not in FIRM_SLOTS and key != "requested_slot":
                events.append(SlotSet(key, value))
        events.extend(firm_slot_events())
        events.append(ActionExecuted("action_listen"))
        return events
