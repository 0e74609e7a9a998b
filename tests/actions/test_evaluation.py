"""The case evaluation's questions in the screening form (actions/evaluation.py): where they
come, what the story spares, and how each answer is kept."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.evaluation import (
    CASE_QUESTIONS,
    derived_facts,
    evaluation_slots,
    treatment_question,
)
from actions.intake import ValidateScreeningForm
from actions.parsing.case import classify_harm

FACTS = {
    "incident_type": "surgical_error",
    "incident_description": "the surgeon cut a nerve in my arm",
    "state": "WA",
    "incident_date": "2026-02-10",
    "discovery_date": "2026-02-12",
    "patient_role": "self",
    "government_facility": False,
    "already_represented": False,
}


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def run(domain, dispatcher, tracker):
    return slots_of(await ValidateScreeningForm().run(dispatcher, tracker, domain))


async def answer(domain, dispatcher, make_tracker, slots, slot, text, intent="inform"):
    tracker = make_tracker(
        slots, text=text, intent=intent, extracted={slot: text}, requested_slot=slot
    )
    return await run(domain, dispatcher, tracker)


async def test_the_harm_comes_after_the_deadlines_facts(
    domain, dispatcher, make_tracker
):
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        {k: v for k, v in FACTS.items() if k != "already_represented"},
        "already_represented",
        "no",
        intent="deny",
    )
    assert slots["already_represented"] is False
    assert slots["requested_slot"] == "harm_description"


async def test_a_harm_told_in_words_is_classified_and_not_asked_again(
    domain, dispatcher, make_tracker
):
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        FACTS,
        "harm_description",
        "I can't feel my hand anymore, it's permanent they say",
    )
    assert slots["harm_severity"] == "permanent"
    assert slots["requested_slot"] == "providers"


async def test_vague_words_ask_for_the_kind_of_harm(domain, dispatcher, make_tracker):
    slots = await answer(
        domain, dispatcher, make_tracker, FACTS, "harm_description", "it's complicated"
    )
    assert slots["harm_description"] == "it's complicated"
    assert slots["requested_slot"] == "harm_severity"
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        {**FACTS, "harm_description": "it's complicated"},
        "harm_severity",
        "still being treated",
    )
    assert slots["harm_severity"] == "ongoing"
    assert slots["requested_slot"] == "providers"


async def test_treatment_and_work_told_with_the_harm_are_not_asked(
    domain, dispatcher, make_tracker
):
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        FACTS,
        "harm_description",
        "I had a second surgery and I still can't work",
    )
    assert slots["harm_severity"] == "ongoing"
    assert slots["treatment_since"] == "I had a second surgery and I still can't work"
    assert slots["work_impact"] is True
    done = {**FACTS, **slots, "providers": []}
    assert "treatment_since" not in [
        s for s in evaluation_slots(done, list(FACTS)) if done.get(s) is None
    ]


async def test_more_than_a_choice_at_how_things_are_now_joins_the_harm(
    domain, dispatcher, make_tracker
):
    # role-play: a roofer's answer to "how are things now?", then asked about his work
    base = {**FACTS, "harm_description": "healthy left knee cut open for nothing"}
    text = "cant work for 3 months. im a roofer. and the right knee still needs surgery"
    slots = await answer(domain, dispatcher, make_tracker, base, "harm_severity", text)
    assert slots["harm_severity"] == "ongoing"
    assert slots["harm_description"].endswith(text)
    assert slots["work_impact"] is True
    assert "treatment_since" not in slots  # a surgery still needed is not one had
    slots = await answer(
        domain, dispatcher, make_tracker, base, "harm_severity", "still being treated"
    )
    assert "harm_description" not in slots


async def test_a_choice_picked_by_its_number_joins_the_harm_without_its_title(
    domain, dispatcher, make_tracker
):
    # role-play K (Luke): "1. my tongue is still numb ..." by text reaches the form as "Lasting
    # or permanent harm. my tongue ..."; the choice's words are not the harm told
    base = {**FACTS, "harm_description": "my tongue and lip were numb"}
    text = "Lasting or permanent harm. my tongue is still numb on the left side, cant taste right"
    slots = await answer(domain, dispatcher, make_tracker, base, "harm_severity", text)
    assert slots["harm_severity"] == "permanent"
    assert slots["harm_description"] == (
        "my tongue and lip were numb my tongue is still numb on the left side, cant taste right"
    )


async def test_said_to_be_the_same_at_anyone_else_keeps_one(
    domain, dispatcher, make_tracker
):
    # role-play K (Marco): "Dr. Holt and Dr. Karen Holt are the same person" at "anyone else?"
    base = {
        **FACTS,
        "harm_description": "a blood clot",
        "harm_severity": "permanent",
        "providers": [
            {"name": "Dr. Karen Holt", "kind": "doctor"},
            {"name": "Dr. Holt", "kind": "doctor"},
            {"name": "St. Vincent Hospital", "kind": "hospital"},
        ],
    }
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        base,
        "more_providers",
        "OHSU treated me afterwards. Dr. Holt and Dr. Karen Holt are the same person.",
    )
    assert [p["name"] for p in slots["providers"]] == [
        "Dr. Karen Holt",
        "St. Vincent Hospital",
        "OHSU",
    ]


async def test_a_provider_named_at_how_things_are_now_is_kept_and_asked_again(
    domain, dispatcher, make_tracker
):
    # role-play E: "st davids south austin ER. dont know the drs name" at "Which is closest
    # to how things are now?" tells who, not how he is: the question comes again
    base = {
        **FACTS,
        "patient_role": "child",
        "patient_dob": "2015-06-14",
        "patient_deceased": False,
        "patient_name": "Eli Johnson",
        "harm_description": "arm healed crooked",
    }
    text = "st davids south austin ER. dont know the drs name"
    slots = await answer(domain, dispatcher, make_tracker, base, "harm_severity", text)
    assert slots["harm_severity"] is None
    assert slots["providers"] == [
        {"name": "st davids south austin ER", "kind": "hospital"}
    ]
    assert "harm_description" not in slots
    assert slots["requested_slot"] == "harm_severity"


async def test_an_amputation_told_with_the_harm_is_the_treatment_since(
    domain, dispatcher, make_tracker
):
    # role-play E: the treatment question is then not asked
    text = (
        "the sore on her heel got infected down to the bone, they had to amputate below "
        "the knee in June 2024. she can't walk and lives with me now"
    )
    base = {**FACTS, "patient_role": "parent", "patient_deceased": False}
    slots = await answer(
        domain, dispatcher, make_tracker, base, "harm_description", text
    )
    assert slots["harm_severity"] == "permanent"
    assert "amputate" in slots["treatment_since"]


async def test_providers_several_or_none(domain, dispatcher, make_tracker):
    base = {**FACTS, "harm_description": "nerve damage", "harm_severity": "permanent"}
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        base,
        "providers",
        "Dr. Patel and the ER at St. Mary's",
    )
    assert slots["providers"] == [
        {"name": "Dr. Patel", "kind": "doctor"},
        {"name": "the ER at St. Mary's", "kind": "hospital"},
    ]
    assert slots["requested_slot"] == "treatment_since"
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        base,
        "providers",
        "I don't remember the names",
    )
    assert slots["providers"] == []
    assert slots["requested_slot"] == "treatment_since"


@pytest.mark.parametrize(
    ("slot", "text", "kept"),
    [
        ("harm_description", "skip", ""),
        ("providers", "I'd rather not say", []),
        ("treatment_since", "no", "none"),
        ("treatment_since", "skip", ""),
        ("has_records", "some of them", True),
        ("has_records", "prefer not to say", "skipped"),
    ],
)
async def test_every_question_can_be_skipped_and_none_is_asked_twice(
    domain, dispatcher, make_tracker, slot, text, kept
):
    base = {**FACTS, "harm_description": "nerve damage", "harm_severity": "permanent"}
    base.pop(slot, None)
    slots = await answer(domain, dispatcher, make_tracker, base, slot, text)
    assert slots[slot] == kept
    assert slots["requested_slot"] != slot
    assert dispatcher.messages == []


async def test_a_death_in_the_story_is_never_asked_again(
    domain, dispatcher, make_tracker
):
    story = {
        **FACTS,
        "incident_description": "my dad died two days after his heart surgery",
    }
    del story["patient_role"]
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        {k: v for k, v in story.items() if k not in ("government_facility",)},
        "patient_role",
        "my father",
    )
    assert slots["patient_role"] == "parent"
    assert slots["patient_deceased"] is True
    assert slots["harm_severity"] == "death"
    # "has the patient passed away?" is skipped: the story told it
    assert slots["requested_slot"] == "death_date"
    required = evaluation_slots({**story, **slots}, list(FACTS))
    assert "harm_description" not in required
    assert "estate_representative" in required


async def test_the_patients_name_and_age_when_someone_else_writes(
    domain, dispatcher, make_tracker
):
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        {**FACTS, "patient_role": "spouse"},
        "patient_name",
        "Ruth Hale, she was 64",
    )
    assert slots["patient_name"] == "Ruth Hale" and slots["patient_age"] == 64


async def test_a_second_opinion_is_asked_about_the_case_and_how_to_reach_them(
    domain, dispatcher, make_tracker
):
    facts = {**FACTS, "already_represented": True}
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        facts,
        "represented_intent",
        "a second opinion",
    )
    assert slots["represented_intent"] == "second_opinion"
    assert slots["requested_slot"] == "suit_filed"
    required = evaluation_slots({**facts, **slots}, list(facts))
    assert required[-4:] == [
        "contact_name",
        "contact_phone",
        "contact_email",
        "contact_consent",
    ]
    assert "harm_description" in required


async def test_someone_who_keeps_their_lawyer_is_asked_nothing_more(
    domain, dispatcher, make_tracker
):
    facts = {**FACTS, "already_represented": True}
    slots = await answer(
        domain, dispatcher, make_tracker, facts, "represented_intent", "neither"
    )
    assert slots["represented_intent"] == "none"
    assert slots["requested_slot"] is None


def test_a_callback_adds_no_question():
    slots = {**FACTS, "callback_wanted": True}
    required = ["incident_type", "contact_name", "contact_phone", "contact_consent"]
    assert evaluation_slots(slots, required) == required


def test_not_medmal_adds_no_question():
    assert evaluation_slots({"incident_type": "not_medmal"}, ["incident_type"]) == [
        "incident_type"
    ]


@pytest.mark.parametrize(
    ("story", "role", "deceased"),
    [
        ("my mom passed away after they missed her sepsis", "parent", True),
        ("I almost died when they gave me the wrong dose", "self", None),
        ("he nearly died in the ER", "child", None),
    ],
)
def test_derived_facts_from_the_story(story, role, deceased):
    found = derived_facts({"incident_description": story, "patient_role": role})
    assert found.get("patient_deceased") is deceased
    assert (found.get("harm_severity") == "death") is bool(deceased)


@pytest.mark.parametrize(
    ("slot", "text", "answer"),
    [
        (
            "has_records",
            "some of them",
            True,
        ),  # the model took it for "a person, please"
        ("has_records", "I have copies", True),  # ... and this for the records question
        ("represented_intent", "switching lawyers", True),  # ... and this for fees
        ("harm_severity", "still being treated", True),
        ("has_records", "how do I get my records?", False),
        ("represented_intent", "how much do you charge?", False),
        ("providers", "Dr. Patel", False),  # free text: the model decides
        ("more_providers", "no, that's all", True),  # "anyone else?": nobody
        ("more_providers", "Dr. Patel", False),
        ("more_providers", "no. who else would there be?", False),
        # role-play K (Marco): taken for the records question
        (
            "more_providers",
            "The nurse Dana at St. Vincent. Dr. Holt and Dr. Karen Holt are the same person",
            True,
        ),
        (
            "more_providers",
            "Dr. Holt and Dr. Karen Holt are the same. how much is it",
            False,
        ),
    ],
)
def test_a_plain_answer_to_a_choice_is_not_taken_for_a_question(slot, text, answer):
    from actions.intake import looks_like_answer

    assert looks_like_answer(slot, text) is answer


async def test_some_of_them_is_an_answer_not_a_request_for_a_person(
    dispatcher, make_tracker
):
    from actions.conversation import ActionOfferHuman

    tracker = make_tracker(
        FACTS, text="some of them", intent="request_human", requested_slot="has_records"
    )
    events = await ActionOfferHuman().run(dispatcher, tracker, {})
    # kept as the answer, already read (the flow validates an answer the model took for a
    # request before it is stored): some records are records
    assert slots_of(events) == {"has_records": True}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("slot", "typed", "value"),
    [
        ("has_records", "some of them", True),
        ("work_impact", "I missed a month of work", True),
        ("suit_filed", "no", False),
        ("represented_intent", "I'd like to change lawyers", "switch"),
        ("has_records", "hmm", "skipped"),
        ("harm_severity", "still being treated", "ongoing"),
    ],
)
def test_a_choice_handed_back_as_typed_is_read_on_the_next_turn(slot, typed, value):
    """After an interruption the form resumes without validating what answer_instead set."""
    assert derived_facts({**FACTS, slot: typed})[slot] == value


def test_values_already_read_are_left_alone():
    kept = {
        **FACTS,
        "has_records": True,
        "work_impact": "skipped",
        "represented_intent": "second_opinion",
        "harm_severity": "permanent",
    }
    found = derived_facts(kept)
    assert not {
        "has_records",
        "work_impact",
        "represented_intent",
        "harm_severity",
    } & set(found)


# --- about four questions (issue 11): treatment and work are one question ---------------------
CONTACT = ["contact_name", "contact_phone", "contact_email", "contact_consent"]


def test_a_typical_screening_asks_four_case_questions():
    """An adult about themselves, whose harm answer tells nothing of treatment or work: the
    harm, who was involved, treatment (with the work) and records, and no more."""
    slots: dict = {**FACTS}
    asked = []
    answers = {
        "harm_description": "I was hurt and I'm still getting treatment for it",
        "providers": [],
        "treatment_since": "physical therapy",
        "has_records": False,
    }
    for _ in range(10):
        required = evaluation_slots(slots, [*FACTS, *CONTACT])
        missing = [s for s in required if slots.get(s) is None]
        if not missing or missing[0] in CONTACT:
            break
        asked.append(missing[0])
        slots[missing[0]] = answers[missing[0]]
        if missing[0] == "harm_description":  # as validate_harm_description reads it
            slots["harm_severity"] = classify_harm(answers["harm_description"])
        slots.update(derived_facts(slots))
    assert asked == ["harm_description", "providers", "treatment_since", "has_records"]
    assert len([s for s in asked if s in CASE_QUESTIONS]) <= 4
    assert "work_impact" not in evaluation_slots(slots, [*FACTS, *CONTACT])


async def test_the_typical_screening_on_the_form_asks_four(
    domain, dispatcher, make_tracker
):
    """The same walk through the form's validator, answer by answer."""
    slots: dict = {**FACTS}
    asked = []
    answers = {
        "harm_description": "I was hurt and I'm still getting treatment for it",
        "providers": "I don't remember the names",
        "treatment_since": "physical therapy",
        "has_records": "no",
    }
    requested = "harm_description"
    while requested in answers:
        asked.append(requested)
        found = await answer(
            domain, dispatcher, make_tracker, slots, requested, answers[requested]
        )
        requested = found.pop("requested_slot", None)
        slots.update(found)
    assert asked == ["harm_description", "providers", "treatment_since", "has_records"]
    assert requested == "contact_name"
    assert (
        slots.get("work_impact") is None
    )  # not told: unknown on the lead, never asked


@pytest.mark.parametrize(
    ("text", "treatment", "work"),
    [
        ("physical therapy, and I missed two months of work", "physical therapy", True),
        ("no", "none", False),
        ("neither", "none", False),
        ("physical therapy", "physical therapy", None),
        ("I can't work at all", "", True),
        ("two surgeries but I went back to work", "two surgeries", False),
    ],
)
async def test_treatment_and_work_are_read_from_one_answer(
    domain, dispatcher, make_tracker, text, treatment, work
):
    base = {**FACTS, "harm_description": "nerve damage", "harm_severity": "permanent"}
    base["providers"] = []  # who was involved comes before the treatment
    slots = await answer(
        domain, dispatcher, make_tracker, base, "treatment_since", text
    )
    assert slots["treatment_since"] == treatment
    assert slots.get("work_impact") is work
    assert slots["requested_slot"] == "has_records"


async def test_skip_skips_treatment_and_work(domain, dispatcher, make_tracker):
    base = {**FACTS, "harm_description": "nerve damage", "harm_severity": "permanent"}
    slots = await answer(
        domain, dispatcher, make_tracker, base, "treatment_since", "skip"
    )
    assert slots["treatment_since"] == "" and slots["work_impact"] == "skipped"


async def test_a_no_heard_by_the_model_is_no_treatment(
    domain, dispatcher, make_tracker
):
    base = {**FACTS, "harm_description": "nerve damage", "harm_severity": "permanent"}
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        base,
        "treatment_since",
        "nothing major",
        intent="deny",
    )
    assert slots["treatment_since"] == "none" and slots["work_impact"] is False


async def test_work_already_told_is_neither_asked_nor_overwritten(
    domain, dispatcher, make_tracker
):
    base = {
        **FACTS,
        "harm_description": "I can't work and my arm is numb",
        "harm_severity": "ongoing",
        "work_impact": True,
    }
    assert treatment_question(base) == "utter_ask_treatment_only"
    assert treatment_question({**base, "work_impact": None}) == (
        "utter_ask_treatment_since"
    )
    slots = await answer(
        domain, dispatcher, make_tracker, base, "treatment_since", "no"
    )
    assert slots["treatment_since"] == "none"
    assert "work_impact" not in slots  # the "no" answered the treatment only


def test_work_is_never_a_question_of_its_own():
    for severity in ("permanent", "ongoing", "recovered", None):
        for role in ("self", "spouse"):
            slots = {**FACTS, "patient_role": role, "harm_severity": severity}
            assert "work_impact" not in evaluation_slots(slots, [*FACTS, *CONTACT])


@pytest.mark.parametrize(
    ("slot", "text", "kept"),
    [
        (
            "providers",
            "I just told you. Dr. Alan Whitcomb at Mercy Ridge Hospital.",
            [
                {"name": "Dr. Alan Whitcomb", "kind": "doctor"},
                {"name": "Mercy Ridge Hospital", "kind": "hospital"},
            ],
        ),
        (
            "harm_description",
            "I had two more surgeries and I still have a drain. Is this private by the way?",
            "I had two more surgeries and I still have a drain.",
        ),
        ("patient_name", "Eli Brooks. he was a newborn lol", "Eli Brooks"),
        ("patient_name", "I just said. Raj Patel, 68.", "Raj Patel"),
        ("treatment_since", "physical therapy like i said", "physical therapy"),
    ],
)
async def test_answers_are_kept_without_their_chatter(
    domain, dispatcher, make_tracker, slot, text, kept
):
    facts = {**FACTS, "patient_role": "parent", "patient_deceased": False}
    slots = await answer(domain, dispatcher, make_tracker, facts, slot, text)
    assert slots[slot] == kept


async def test_a_number_alone_is_no_name(domain, dispatcher, make_tracker):
    # role-play I (Tom, by SMS): a reflex "1" from the numbered menus was kept as the name
    facts = {**FACTS, "patient_role": "parent", "patient_deceased": True}
    slots = await answer(domain, dispatcher, make_tracker, facts, "patient_name", "1")
    assert slots["patient_name"] is None and "patient_age" not in slots


async def test_the_age_said_with_the_name_is_kept(domain, dispatcher, make_tracker):
    facts = {**FACTS, "patient_role": "other_family", "patient_deceased": True}
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        facts,
        "patient_name",
        "Dale Pruitt. 41 like i said",
    )
    assert (slots["patient_name"], slots["patient_age"]) == ("Dale Pruitt", 41)


async def test_an_age_said_after_the_name_is_the_age_not_the_estate(
    domain, dispatcher, make_tracker
):
    known = {
        **FACTS,
        "patient_role": "parent",
        "patient_deceased": True,
        "patient_name": "carmen delgado",
    }
    slots = await answer(
        domain, dispatcher, make_tracker, known, "estate_representative", "she was 84"
    )
    assert slots["patient_age"] == 84
    assert slots.get("estate_representative") is None
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        known,
        "estate_representative",
        "i guess me, im her daughter",
    )
    assert slots["estate_representative"] == "i guess me, im her daughter"


# --- providers the story named: "I have ... so far. Was anyone else involved?" ---------------
STORY_PROVIDERS = [
    {"name": "gulf coast orthopedic surgery center", "kind": "clinic"},
    {"name": "dr kevin marsh", "kind": "doctor"},
]
HARM_TOLD = {
    **FACTS,
    "harm_description": "lost my right leg above the knee",
    "harm_severity": "permanent",
}


def test_providers_named_before_their_question_are_read_back_not_asked_again():
    # role-play G (Dale): "Who was involved?" would ask from scratch; skipping it would lose
    # the providers the story did not name (role-play E, Frank: Kevin and UPMC)
    slots = {**HARM_TOLD, "providers": STORY_PROVIDERS}
    required = evaluation_slots(slots, [*FACTS, *CONTACT])
    missing = [s for s in required if slots.get(s) is None]
    assert missing[0] == "more_providers"
    assert "more_providers" in CASE_QUESTIONS
    # not known yet: "Who was involved?" itself, and no "anyone else?" after it
    required = evaluation_slots(HARM_TOLD, [*FACTS, *CONTACT])
    assert "providers" in required and "more_providers" not in required


async def test_who_was_involved_answered_asks_no_one_else(
    domain, dispatcher, make_tracker
):
    slots = await answer(
        domain, dispatcher, make_tracker, HARM_TOLD, "providers", "Dr. Patel"
    )
    assert slots["providers"] == [{"name": "Dr. Patel", "kind": "doctor"}]
    assert slots["more_providers"] == ""
    assert slots["requested_slot"] == "treatment_since"


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "nope, that's all",
        "just them",
        "no one else that I know of",
        "I think that's it",
        "all of em. gulf coast orthopedic surgery center and dr kevin marsh. like i told u",
        "I already told you",
        "I don't remember",
    ],
)
async def test_nobody_else_keeps_the_providers_named(
    domain, dispatcher, make_tracker, text
):
    base = {**HARM_TOLD, "providers": STORY_PROVIDERS}
    slots = await answer(domain, dispatcher, make_tracker, base, "more_providers", text)
    assert slots["more_providers"]  # answered: not asked again
    assert "providers" not in slots  # the ones named are kept as they were
    assert slots["requested_slot"] == "treatment_since"


async def test_others_named_join_the_providers_named(domain, dispatcher, make_tracker):
    # role-play E (Frank): the story named the Rite Aid; the pharmacist and the hospital
    # that treated him join it, the Rite Aid said again is not a second one
    rite_aid = [{"name": "Rite Aid on Forbes Ave", "kind": "pharmacy"}]
    base = {**HARM_TOLD, "providers": rite_aid}
    text = (
        "Rite Aid on Forbes Ave. The pharmacist was a guy named Kevin. UPMC Presbyterian "
        "treated me, they were fine"
    )
    slots = await answer(domain, dispatcher, make_tracker, base, "more_providers", text)
    names = [p["name"] for p in slots["providers"]]
    assert names == ["Rite Aid on Forbes Ave", "Kevin", "UPMC Presbyterian"]
    assert slots["requested_slot"] == "treatment_since"


async def test_a_store_said_more_fully_is_kept_so(domain, dispatcher, make_tracker):
    # role-play I (Ray): "walgreens" from the story; the street and the doctor said after
    # "Was anyone else involved?": the store named with its street, the doctor joins it, the
    # street and "pharmacy messed up" are no providers
    base = {**HARM_TOLD, "providers": [{"name": "walgreens", "kind": "pharmacy"}]}
    text = (
        "i said walgreens. on jefferson st in joliet. dr patel prescribed it 1mg, pharmacy "
        "messed up"
    )
    slots = await answer(domain, dispatcher, make_tracker, base, "more_providers", text)
    assert slots["providers"] == [
        {"name": "walgreens on jefferson st in joliet", "kind": "pharmacy"},
        {"name": "dr patel", "kind": "doctor"},
    ]
    assert slots["requested_slot"] == "treatment_since"


async def test_a_yes_without_a_name_asks_who(domain, make_tracker, said):
    from actions.evaluation import ActionAskMoreProviders

    base = {**HARM_TOLD, "providers": STORY_PROVIDERS}
    dispatcher = CollectingDispatcher()
    slots = await answer(
        domain, dispatcher, make_tracker, base, "more_providers", "yes", "affirm"
    )
    assert slots["more_providers"] is None
    assert slots["requested_slot"] == "more_providers"
    asked = make_tracker(base, text="yes", requested_slot="more_providers")
    dispatcher = CollectingDispatcher()
    await ActionAskMoreProviders().run(dispatcher, asked, domain)
    assert said(dispatcher.messages[0]).startswith("Who else was involved?")
    slots = await answer(
        domain, dispatcher, make_tracker, base, "more_providers", "yes, dr smith too"
    )
    assert slots["providers"][-1] == {"name": "dr smith", "kind": "doctor"}


async def test_the_question_reads_back_the_providers_named(domain, make_tracker, said):
    from actions.evaluation import ActionAskMoreProviders

    tracker = make_tracker(
        {**HARM_TOLD, "providers": STORY_PROVIDERS},
        text="1",
        requested_slot="harm_severity",
    )
    dispatcher = CollectingDispatcher()
    await ActionAskMoreProviders().run(dispatcher, tracker, domain)
    assert said(dispatcher.messages[0]).startswith(
        "I have gulf coast orthopedic surgery center and dr kevin marsh so far. Was "
        "anyone else involved (another doctor, nurse, hospital or pharmacy)?"
    )


async def test_a_stillborn_baby_has_no_birth_date_to_check_no_age_and_no_estate(
    domain, dispatcher, make_tracker
):
    # Priya: sent home from triage on October 17; her daughter stillborn on the 20th
    story = {
        **FACTS,
        "incident_type": "birth_injury",
        "incident_description": "Hi. I lost my daughter. She was stillborn at 38 weeks.",
        "state": "TX",
        "incident_date": "2026-10-17",
        "discovery_date": "2026-10-20",
        "patient_role": "child",
        "patient_deceased": True,
        "harm_severity": "death",
    }
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        story,
        "patient_dob",
        "She was stillborn. October 20. She never took a breath.",
    )
    said = [m.get("response") for m in dispatcher.messages]
    assert "utter_invalid_dob_after_incident" not in said
    assert slots["patient_dob"] == "2026-10-20"
    assert slots["death_date"] == "2026-10-20"
    assert slots["stillborn"] is True and slots["patient_age"] == 0
    required = evaluation_slots({**story, **slots}, list(FACTS) + ["death_date"])
    assert "patient_name" in required
    assert "estate_representative" not in required
    assert slots["requested_slot"] not in ("patient_dob", "estate_representative")


async def test_a_child_who_lived_still_has_the_birth_date_checked(
    domain, dispatcher, make_tracker
):
    story = {
        **FACTS,
        "incident_type": "surgical_error",
        "incident_date": "2026-02-10",
        "patient_role": "child",
    }
    slots = await answer(
        domain, dispatcher, make_tracker, story, "patient_dob", "March 3, 2026"
    )
    said = [m.get("response") for m in dispatcher.messages]
    assert "utter_invalid_dob_after_incident" in said
    assert slots.get("patient_dob") is None and not slots.get("stillborn")


async def test_no_to_the_babys_name_is_no_name(domain, dispatcher, make_tracker):
    # role-play O (Brianna): "no" to "What name did you give your baby? It's fine to skip
    # this" is no name
    facts = {**FACTS, "patient_role": "child", "patient_deceased": True}
    for said in ("no", "Nope.", "not right now"):
        slots = await answer(
            domain, dispatcher, make_tracker, facts, "patient_name", said
        )
        assert slots["patient_name"] == "", said


async def test_there_was_no_will_is_no_one_who_handles_the_estate(
    domain, dispatcher, make_tracker
):
    # role-play O (Linda): the will said, not a person; the person said beside it is kept
    known = {
        **FACTS,
        "patient_role": "spouse",
        "patient_deceased": True,
        "patient_name": "Frank Kowalski",
    }
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        known,
        "estate_representative",
        "There was no will.",
    )
    assert slots.get("estate_representative") is None
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        known,
        "estate_representative",
        "Nobody yet. There was no will. I suppose it would be me.",
    )
    assert slots["estate_representative"] == "Nobody yet. I suppose it would be me."


# Role-play P (Peggy): the treatment since and the work both told in her story: not asked.
def test_treatment_and_work_told_in_the_story_are_not_asked():
    story = (
        "I had to have a second major surgery at Froedtert on June 16. I'm 52, I work as a "
        "school bus driver and I couldn't work until September. I still have bouts of "
        "cholangitis and I've been hospitalized twice since."
    )
    harm = (
        "I'm 52, I work as a school bus driver and I couldn't work until September. I still "
        "have bouts of cholangitis and I've been hospitalized twice since."
    )
    found = derived_facts(
        {
            "incident_description": story,
            "harm_description": harm,
            "patient_role": "self",
        }
    )
    assert found["treatment_since"] == (
        "I still have bouts of cholangitis and I've been hospitalized twice since."
    )
    assert found["work_impact"] is True
    # the treatment alone told in passing: the question still asks (the work too)
    alone = "They nicked my bowel and I needed another surgery."
    found = derived_facts(
        {
            "incident_description": alone,
            "harm_description": alone,
            "patient_role": "self",
        }
    )
    assert "treatment_since" not in found
    # role-play B (Marisol): the work told too, but not since when or where the treatment was
    told = (
        "i was yellow for weeks and had to have 2 more surgeries to fix it. i lost my job bc "
        "i was out so long"
    )
    found = derived_facts(
        {"incident_description": told, "harm_description": told, "patient_role": "self"}
    )
    assert "treatment_since" not in found


def test_the_estate_answer_leaves_out_how_long_it_has_been(make_tracker):
    # role-play P (Keisha), validated by the form itself
    tracker = make_tracker(FACTS, requested_slot="estate_representative")
    got = ValidateScreeningForm().validate_estate_representative(
        "me and my brother i guess. is it too late? its been almost 2 years",
        CollectingDispatcher(),
        tracker,
        {},
    )
    assert got == {"estate_representative": "me and my brother i guess."}


async def test_a_reply_meant_for_another_question_is_no_answer_to_this_one(
    domain, dispatcher, make_tracker
):
    # role-play P (Alyssa): "sorry wrong reply" at the records question, even heard as a "no"
    # by the model, leaves the records unknown and the question asked again
    base = {
        **FACTS,
        "harm_description": "nerve damage",
        "harm_severity": "permanent",
        "providers": [{"name": "Banner Desert Medical Center", "kind": "hospital"}],
        "more_providers": "no",
        "treatment_since": "none",
        "work_impact": False,
    }
    slots = await answer(
        domain,
        dispatcher,
        make_tracker,
        base,
        "has_records",
        "sorry wrong reply. the doctor who delivered her was dr whitfield",
        intent="deny",
    )
    assert slots.get("has_records") is None
    assert slots["requested_slot"] == "has_records"
