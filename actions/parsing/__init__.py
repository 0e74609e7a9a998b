"""Turn a person's free-text intake answers into clean slot values.

Every function here is pure and typed: it takes the text (and, for dates, the day to measure
from) and returns a value or ``None``; the intake form's validators decide what to say back.
One module per kind of answer:

* ``dates``: when something happened (``parse_date``, ``humanize_date``, ``DateAnswer``), a
  birth date or a death's date said anywhere (``birth_date_in``, ``death_date_in``), the age
  a birth date gives on a day (``age_at``);
* ``states``: where (``parse_state``, ``state_name``, ``STATES``);
* ``answers``: yes or no (``parse_yes_no``), or "I'm not sure" (``is_unsure``), a reply taken
  back as meant for another question (``takes_back_a_reply``); any answer
  without its chatter and the questions it puts to us (``clean_answer``), as fields store it;
* ``contact``: how to reach the person (``parse_phone``, ``parse_own_phone``, ``parse_email``,
  ``parse_name``), and that the phone is hard for them (``phone_is_hard``);
* ``matter``: the kind of matter (``parse_incident_type``, ``INCIDENT_TYPES``), and a request
  for the lawyer referral a matter of another kind is pointed to (``asks_for_a_referral``);
* ``people``: who the patient was (``parse_patient_role``);
* ``birth``: a baby stillborn (``says_stillborn``): no birth date to check, no age, no estate;
  care in the pregnancy, before the birth (``care_in_pregnancy``);
* ``signs``: the harm noticed at once, told with a later date (``noticed_at_once``);
* ``story``: every fact one whole message holds (``read_story``, ``StoryFacts``), and the
  dates a correction gives again (``dates_corrected``), the dates of one message by the event
  each is said with (``dates_by_event``), a federal facility named (``federal_facility_in``:
  the VA, a military hospital, the Indian Health Service) or a state or local one
  (``state_or_local_facility_in``: a county, city or state hospital);
* ``questions``: the questions a message asks besides its answer (``split_questions``,
  ``question_topics``), and who they would like on the call (``who_joins_the_call``).

The public names are re-exported here, so ``from actions import parsing`` is all a caller needs.
Nothing happens at import time: the slow libraries (``dateparser``, ``phonenumbers``,
``email_validator``) are imported inside the functions that use them.
"""

from actions.parsing.answers import (
    clean_answer,
    is_unsure,
    parse_yes_no,
    takes_back_a_reply,
)
from actions.parsing.birth import birthday_told, care_in_pregnancy, says_stillborn
from actions.parsing.contact import (
    consents_by_means,
    contact_wish,
    means_no_email,
    means_own_number,
    means_this_number,
    other_numbers,
    parse_email,
    parse_name,
    parse_own_phone,
    parse_phone,
    phone_is_hard,
)
from actions.parsing.dates import (
    DateAnswer,
    age_at,
    birth_date_in,
    death_date_in,
    humanize_date,
    names_the_death_as_the_time,
    parse_date,
    restates_date,
)
from actions.parsing.matter import (
    INCIDENT_TYPES,
    asks_for_a_referral,
    asks_for_the_web_address,
    in_a_nursing_home,
    names_other_care,
    parse_incident_type,
    words_name_the_kind,
)
from actions.parsing.people import parse_patient_role
from actions.parsing.questions import (
    DENTAL,
    answer_sentences,
    asks_what_is_checked,
    mentions_topic,
    question_topics,
    split_questions,
    who_joins_the_call,
    why_the_deadline_is_asked,
    without_why_the_deadline_is_asked,
)
from actions.parsing.signs import noticed_at_once
from actions.parsing.states import (
    CITIES,
    STATES,
    parse_state,
    state_besides,
    state_name,
)
from actions.parsing.story import (
    StoryFacts,
    dates_by_event,
    dates_corrected,
    federal_facility_in,
    government_entity_in,
    lawyer_gone,
    public_facility_named,
    read_story,
    state_or_local_facility_in,
)

__all__ = [
    "CITIES",
    "DateAnswer",
    "INCIDENT_TYPES",
    "STATES",
    "age_at",
    "answer_sentences",
    "asks_what_is_checked",
    "asks_for_a_referral",
    "asks_for_the_web_address",
    "StoryFacts",
    "lawyer_gone",
    "birth_date_in",
    "birthday_told",
    "care_in_pregnancy",
    "clean_answer",
    "dates_by_event",
    "consents_by_means",
    "contact_wish",
    "dates_corrected",
    "death_date_in",
    "names_the_death_as_the_time",
    "noticed_at_once",
    "humanize_date",
    "is_unsure",
    "means_no_email",
    "means_own_number",
    "means_this_number",
    "other_numbers",
    "parse_date",
    "parse_email",
    "in_a_nursing_home",
    "names_other_care",
    "parse_incident_type",
    "parse_name",
    "parse_own_phone",
    "parse_patient_role",
    "parse_phone",
    "parse_state",
    "state_besides",
    "parse_yes_no",
    "takes_back_a_reply",
    "phone_is_hard",
    "question_topics",
    "mentions_topic",
    "DENTAL",
    "federal_facility_in",
    "state_or_local_facility_in",
    "public_facility_named",
    "government_entity_in",
    "read_story",
    "restates_date",
    "says_stillborn",
    "split_questions",
    "state_name",
    "who_joins_the_call",
    "why_the_deadline_is_asked",
    "without_why_the_deadline_is_asked",
    "words_name_the_kind",
]
