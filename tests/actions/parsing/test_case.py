"""The case evaluation's answers: harm, providers, the patient's name and age, work, records,
and what a person with a lawyer wants."""

from __future__ import annotations

import pytest

from actions.parsing import case


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("she has brain damage and needs care at home", "permanent"),
        ("he's paralyzed from the waist down", "permanent"),
        ("lasting harm", "permanent"),
        ("my mom passed away last week", "death"),
        ("we lost him in March", "death"),
        ("I still have problems from it", "ongoing"),
        ("recovering, still in a cast", "ongoing"),
        ("she hasn't recovered", "ongoing"),
        ("still being treated", "ongoing"),
        ("I'm fine now, fully healed within a few weeks", "recovered"),
        ("no lasting harm, I'm fine now", "recovered"),
        ("no harm yet as far as I know", "none_yet"),
        ("not sure yet, waiting for test results", "unknown"),
        ("I almost died", None),
        ("it was on a tuesday", None),
        # care still needed is not recovered (role-play D)
        ("icu 3 days, ok now but heart doc says i need follow ups", "ongoing"),
        ("I'm fine now but I need another surgery", "ongoing"),
        # a surgery to come alone is not a choice: "how are things now?" is asked
        ("arm healed crooked, he needs surgery to rebreak it", None),
        # not knowing a name says nothing about how things are (role-play E)
        ("st davids south austin ER. dont know the drs name", None),
        ("not sure who it was", None),
        ("I don't know", "unknown"),
        # role-play G (Luis): damage "for good" lasts; "fixed it for good" says no harm
        ("3 stents, heart is damaged for good, cant do roofing no more", "permanent"),
        ("they fixed it for good", None),
        # role-play G (Luis, after the 911 reminder): a scarred heart is lasting harm
        (
            "heart damage, EF is like 35 percent, tired all the time, cant work",
            "permanent",
        ),
        ("my ejection fraction is only 30 now", "permanent"),
        # role-play J (Nina): what the body can no longer do is how things are now
        (
            "i can barely walk now. both knees are bad. they had to do the left one in "
            "april too",
            "permanent",
        ),
        ("she can't use her left hand", "permanent"),
        ("he walks with a cane now", "permanent"),
        # ... unless it is still being treated
        ("He can barely walk and he's still at the rehab facility.", "ongoing"),
        # role-play K (Marco): a treatment kept up
        ("I'm on blood thinners now, I get short of breath on stairs", "ongoing"),
        # what could not be done back then is no harm that stays
        ("she couldn't breathe", None),
        # role-play L (Tasha): better, but "not 100%" is not recovered
        (
            "had dialysis for a week. kidneys r better now but not 100%. he cant play "
            "football anymore",
            "ongoing",
        ),
        ("she's better now but not all the way back", "ongoing"),
        ("he's better now", "recovered"),
    ],
)
def test_classify_harm(text, severity):
    assert case.classify_harm(text) == severity


@pytest.mark.parametrize(
    ("text", "death"),
    [
        ("my father died two days after the surgery", True),
        ("she didn't make it", True),
        ("I nearly died on the table", False),
        ("I thought I was going to die", False),
        ("he could have died", False),
        ("it was a near-death experience but she lived", False),
    ],
)
def test_tells_death(text, death):
    assert case.tells_death(text) is death


@pytest.mark.parametrize(
    ("text", "providers"),
    [
        (
            "Dr. Patel and the ER at St. Mary's",
            [("Dr. Patel", "doctor"), ("the ER at St. Mary's", "hospital")],
        ),
        ("I don't remember the names", []),
        ("not sure", []),
        ("Inova Fairfax Hospital", [("Inova Fairfax Hospital", "hospital")]),
        ("Baptist Health Lexington", [("Baptist Health Lexington", "hospital")]),
        ("the surgeon, I don't remember his name", [("the surgeon", "doctor")]),
        (
            "CVS pharmacy on Main, Dr. Lee",
            [("CVS pharmacy on Main", "pharmacy"), ("Dr. Lee", "doctor")],
        ),
        (
            "dr smith and nurse jones",
            [("dr smith", "doctor"), ("nurse jones", "nurse")],
        ),
        ("Sunrise Assisted Living", [("Sunrise Assisted Living", "nursing_home")]),
        ("Valley Urgent Care", [("Valley Urgent Care", "clinic")]),
        ("Women and Children's", [("Women and Children's", "other")]),
        # role-play D and E: several providers in sentences were kept as one
        (
            "Sunrise Gardens. then Tampa General where she died",
            [("Sunrise Gardens", "other"), ("Tampa General", "other")],
        ),
        (
            "walgreens on flatbush ave. the ER was kings county",
            [("walgreens on flatbush ave", "pharmacy"), ("kings county", "hospital")],
        ),
        (
            "Grady Memorial Hospital. The doctor was Dr. Feldman I think, and a midwife "
            "whose name I don't remember",
            [
                ("Grady Memorial Hospital", "hospital"),
                ("Dr. Feldman", "doctor"),
                ("a midwife", "nurse"),
            ],
        ),
        (
            "Rite Aid on Forbes Ave. The pharmacist was a guy named Kevin. UPMC "
            "Presbyterian treated me, they were fine",
            [
                ("Rite Aid on Forbes Ave", "pharmacy"),
                ("Kevin", "pharmacy"),
                ("UPMC Presbyterian", "other"),
            ],
        ),
        (
            "I already said Mercy General. the surgeon was Dr. Patel",
            [("Mercy General", "other"), ("Dr. Patel", "doctor")],
        ),
        # a title's or an initial's dot ends no sentence
        (
            "John D. Dingell VA Medical Center",
            [("John D. Dingell VA Medical Center", "hospital")],
        ),
        # role-play D and E: chatter is no provider, a place and its doctor are two
        (
            "phoenix va primary care dr something patel. dont rember",
            [("phoenix va primary care", "hospital"), ("dr patel", "doctor")],
        ),
        (
            "Westhaven Care Center, I already told you. and VCU Medical Center did the "
            "amputation",
            [("Westhaven Care Center", "nursing_home"), ("VCU Medical Center", "hospital")],
        ),
        (
            "oh and the dr at the VA was dr kim, john d dingell VA medical center",
            [("dr kim", "doctor"), ("john d dingell VA medical center", "hospital")],
        ),
        ("Dr. Kowalski at Northwestern Memorial, like I said",
         [("Dr. Kowalski at Northwestern Memorial", "doctor")]),
        ("my primary care dr patel", [("my primary care dr patel", "doctor")]),
        ("i cant remeber", []),
        ("Valley Urgent Care Center", [("Valley Urgent Care Center", "clinic")]),
        # role-play F and G: the words around a provider are not its name; a doctor "at" a
        # hospital is two; a role gives the kind; a city alone, "that", "all of em" name nobody
        (
            "the ER doctor was Dr Raymond Kessler at Piedmont Henry Hospital. i dont know the "
            "nurses names",
            [("Dr Raymond Kessler", "doctor"), ("Piedmont Henry Hospital", "hospital")],
        ),
        (
            "Dr. Philip Amsel was the surgeon. Front Range Spine Center in Denver, I already "
            "told you that",
            [("Dr. Philip Amsel", "doctor"), ("Front Range Spine Center in Denver", "clinic")],
        ),
        (
            "walgreens on monroe ave. pediatrician dr anita shah wrote it right",
            [("walgreens on monroe ave", "pharmacy"), ("dr anita shah", "doctor")],
        ),
        (
            "dr carla fontenot was the OB. womans hospital",
            [("dr carla fontenot", "doctor"), ("womans hospital", "hospital")],
        ),
        ("carla fontenot was the OB", [("carla fontenot", "doctor")]),
        (
            "valley oaks care center i said. then community regional did her hip surgery",
            [("valley oaks care center", "nursing_home"), ("community regional", "other")],
        ),
        (
            "all of em. gulf coast orthopedic surgery center and dr kevin marsh. like i told u",
            [("gulf coast orthopedic surgery center", "clinic"), ("dr kevin marsh", "doctor")],
        ),
        (
            "bayshore memorial hospital ER, tampa. i said that already. dont know the drs name",
            [("bayshore memorial hospital ER", "hospital")],
        ),
        ("Mercy Hospital, Houston TX", [("Mercy Hospital", "hospital")]),
        ("both of them", []),
        (
            "the surgeon at Mercy Hospital",
            [("the surgeon at Mercy Hospital", "doctor")],
        ),
        # role-play J and K: a provider is a name or a role and its place; a hospital said with
        # "at" is its own; what a doctor is, a question, a story clause and "idk" name nobody
        ("dr gary kessler. family dr", [("dr gary kessler (family dr)", "doctor")]),
        ("my pcp was dr lee. his primary care doctor", [("dr lee (his primary care doctor)", "doctor")]),
        (
            "Dr. Paul Hensley did the surgery at Mercy General Hospital. The CT was at Sutter.",
            [("Dr. Paul Hensley", "doctor"), ("Mercy General Hospital", "hospital"), ("Sutter", "other")],
        ),
        (
            "dr patel was the ENT at nationwide childrens. then another dr did the second one "
            "in the ER i dont remember",
            [("dr patel", "doctor"), ("nationwide childrens", "other"), ("another dr", "doctor")],
        ),
        (
            "dr jones was the surgeon at st lukes",
            [("dr jones", "doctor"), ("st lukes", "other")],
        ),
        (
            "the ER doctor was dr patel i think. then i had emergency surgery at cedars sinai. "
            "wait is this private? like does the hospital find out im talking to you",
            [("dr patel", "doctor"), ("cedars sinai", "other")],
        ),
        ("i had the surgery at home", []),
        ("i had surgery", []),
        (
            "dr. michael chen did the surgery at swedish medical center in seattle",
            [("dr. michael chen", "doctor"), ("swedish medical center in seattle", "hospital")],
        ),
        (
            "idk the oral surgeon. some place in denver",
            [("the oral surgeon", "doctor"), ("some place in denver", "other")],
        ),
        ("not sure, dr adams", [("dr adams", "doctor")]),
        (
            "The nurse Dana at St. Vincent. OHSU treated me afterwards. Dr. Holt and Dr. Karen "
            "Holt are the same person, and Providence is the same as St. Vincent.",
            [("The nurse Dana at St. Vincent", "nurse"), ("OHSU", "other")],
        ),
        ("Dr. Holt, then Dr. Karen Holt", [("Dr. Karen Holt", "doctor")]),
        ("dr holt and dr mark holt", [("dr mark holt", "doctor")]),
        ("dr karen holt and dr mark holt", [("dr karen holt", "doctor"), ("dr mark holt", "doctor")]),
        ("Worcester Family Medicine, where he practices.", [("Worcester Family Medicine", "other")]),
        # role-play I (Ray, Tom): where a place is, a clause of the story and a sentence naming
        # nobody are no providers; a place said by its kind alone is the one named; a VA's own
        # name said after it is the VA's
        (
            "i said walgreens. on jefferson st in joliet. dr patel prescribed it 1mg, pharmacy "
            "messed up",
            [("walgreens on jefferson st in joliet", "pharmacy"), ("dr patel", "doctor")],
        ),
        ("cvs. 1420 elm street, dr ng", [("cvs, 1420 elm street", "pharmacy"), ("dr ng", "doctor")]),
        ("dr lee. in the afternoon", [("dr lee", "doctor")]),
        ("the ER screwed up. dr kim", [("the ER", "hospital"), ("dr kim", "doctor")]),
        ("Mercy Hospital, the ER dropped the ball", [("Mercy Hospital", "hospital")]),
        (
            "the phoenix VA. carl hayden. dr morrison did the surgery. nobody answered my "
            "calls for 3 days when he had the fever",
            [("the phoenix VA (carl hayden)", "hospital"), ("dr morrison", "doctor")],
        ),
        (
            "the VA hospital in tucson, then tucson medical center",
            [("the VA hospital in tucson", "hospital"), ("tucson medical center", "hospital")],
        ),
        ("Mercy Hospital. John Reyes", [("Mercy Hospital", "hospital"), ("John Reyes", "other")]),
        ("dr shah. nobody called us back", [("dr shah", "doctor")]),
        ("they never told us anything. St. Joseph's", [("St. Joseph's", "other")]),
        # role-play L and M: the providers are the people and places named, no clause,
        # pronoun, apology or negated remark; one doctor named twice is one
        (
            "the OB was dr hartley, susan hartley. at abbott northwestern.",
            [("dr susan hartley", "doctor"), ("abbott northwestern", "other")],
        ),
        ("susan hartley, dr hartley was the OB", [("dr susan hartley", "doctor")]),
        ("dr mark hartley, susan hartley", [("dr mark hartley", "doctor"), ("susan hartley", "other")]),
        ("dr lee. at mercy west", [("dr lee", "doctor"), ("mercy west", "other")]),
        ("at home", []),
        (
            "Dr. Alan Whitfield was the surgeon. and Sarasota Memorial Hospital. somebody was "
            "supposed to mark the right knee with a marker and nobody did",
            [("Dr. Alan Whitfield", "doctor"), ("Sarasota Memorial Hospital", "hospital")],
        ),
        ("nobody marked the knee. dr whitfield", [("dr whitfield", "doctor")]),
        (
            "The radiologist who read it, I don't know the name, it's on the report. Sorry, I "
            "misspoke earlier: the 2023 mammogram was at Edward's imaging center in Plainfield, "
            "not the hospital itself",
            [("The radiologist", "doctor"), ("Edward's imaging center in Plainfield", "clinic")],
        ),
        ("sorry, dr patel not dr smith", [("dr patel", "doctor")]),
        ("oops my bad. St. Mary's, not the clinic", [("St. Mary's", "other")]),
        ("I'm so sorry, I meant Mercy Hospital", [("Mercy Hospital", "hospital")]),
        (
            "The nurse who gave it, I dont know her name. The doctor was Dr. Ramirez, he "
            "ordered the medicine",
            [("The nurse", "nurse"), ("Dr. Ramirez", "doctor")],
        ),
        ("dr ramirez, she gave it to him", [("dr ramirez", "doctor")]),
        (
            "the anesthesia dr was dr kim. the place is peachtree ortho surgery center. the "
            "surgeon was fine it was his acl",
            [("dr kim", "doctor"), ("peachtree ortho surgery center", "clinic")],
        ),
        ("the nurse was nice. dr kim", [("dr kim", "doctor")]),
        ("the nurse was not careful, dr lee", [("dr lee", "doctor")]),
        (
            "sunrise hosptial. the nurses on his floor idk names. he was marked fall risk and "
            "the bed alarm wasnt even on. he pushed the call button nobody came",
            [("sunrise hosptial", "hospital"), ("the nurses on his floor", "nurse")],
        ),
        ("the nurses, no idea of their names", [("the nurses", "nurse")]),
        (
            "the ER doctor at HCMC, a woman idk her name. she gave me ativan and said its a "
            "panic attack bc i have anxiety on my chart",
            [("the ER doctor at HCMC", "doctor")],
        ),
        ("the ER nurse at Regions", [("the ER nurse at Regions", "nurse")]),
        ("the clinic doctor. some lady", [("the clinic doctor", "doctor")]),
        (
            "Jacobi hospital. The nurse who hung the blood, I don't know her name. And the "
            "blood bank I guess?",
            [("Jacobi hospital", "hospital"), ("The nurse", "nurse"), ("the blood bank", "clinic")],
        ),
        ("the pharmacy too?", [("the pharmacy", "pharmacy")]),
        ("dr lee. does the hospital find out too?", [("dr lee", "doctor")]),
        ("the lab maybe?", [("the lab", "clinic")]),
        ("the surgeon. idk his name", [("the surgeon", "doctor")]),
        ("My bad, it was Methodist hospital not Baptist", [("Methodist hospital", "hospital")]),
        ("that was dr lee", [("dr lee", "doctor")]),
        ("it was fine", []),
        ("Mercy, not St. Joseph's", [("Mercy", "other")]),
        ("dr smith i think. her first name was karen", [("dr karen smith", "doctor")]),
        ("The nurse, her name was Dana", [("The nurse Dana", "nurse")]),
        ("dr smith. her name was jane doe", [("dr smith", "doctor"), ("jane doe", "other")]),
        ("the hospital, they never checked on him", [("the hospital", "hospital")]),
        ("Nurse Jackie, she was the one who gave it", [("Nurse Jackie", "nurse")]),

        # a place said to be blameless is none involved (role-play L: Kevin)
        ("UNC Hospitals. I dont know the nurses names. The nursing home isnt the problem they are good",
         [("UNC Hospitals", "hospital")]),
        # role-play N and O: a role said without "the", a role with what it did, a thing and
        # where it was done, a place said in a clause of the story are the providers; what
        # they did not do and how a thing was are none
        (
            "miami valley. i told you. dr was the ortho surgeon dr brennan. they sent her home "
            "with no blood thinner and her leg was swollen at the follow up and they said its normal",
            [("miami valley", "other"), ("dr brennan", "doctor")],
        ),
        (
            "The OB who did the C-section was Dr. Adebayo, I think. And the sponge was removed "
            "at Hackensack University Medical Center in May.",
            [("Dr. Adebayo", "doctor"), ("Hackensack University Medical Center", "hospital")],
        ),
        ("the nurse who gave it was Nurse Jackie", [("Nurse Jackie", "nurse")]),
        ("the nurse who gave it was rude", [("the nurse", "nurse")]),
        ("the surgery was done at st lukes last year", [("st lukes", "other")]),
        (
            "methodist hospital. the triage nurse and a resident. they didnt even call my ob. i "
            "told them he wasnt moving as much and my bp was high",
            [("methodist hospital", "hospital"), ("the triage nurse", "nurse"), ("a resident", "doctor")],
        ),
        ("his ekg was off. dr patel", [("dr patel", "doctor")]),
        (
            "Dr. Alan Whitmore did the colonoscopy. I don't know the name of the anesthesia "
            "person, it was a nurse anesthetist I think. Then he was taken to Lehigh Valley "
            "Hospital where he died.",
            [("Dr. Alan Whitmore", "doctor"), ("a nurse anesthetist", "nurse"),
             ("Lehigh Valley Hospital", "hospital")],
        ),
        (
            "her cardiologist dr nguyen wrote it right, the pharmacy messed up. she was at grady "
            "hospital for the bleed",
            [("dr nguyen", "doctor"), ("the pharmacy", "pharmacy"), ("grady hospital", "hospital")],
        ),
        ("she was rushed to mercy general on tuesday", [("mercy general", "other")]),
        ("he was at the hospital for 3 days. dr kim", [("hospital", "hospital"), ("dr kim", "doctor")]),
        ("she was at home when it happened", []),
        ("they sent her home at the follow up", []),
        ("it was Methodist hospital", [("Methodist hospital", "hospital")]),
        # role-play I (Angela): a place said to have tried its best, and "That's", name none
        (
            "Magnolia Gardens, the nursing home! That's who I'm talking about. The hospital "
            "tried to save her. The nurse on her hall was named Tasha, I don't know her last name.",
            [("Magnolia Gardens", "other"), ("the nursing home", "nursing_home"), ("Tasha", "nurse")],
        ),
    ],
)  # fmt: skip
def test_parse_providers(text, providers):
    assert [(p["name"], p["kind"]) for p in case.parse_providers(text)] == providers


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [
        ("Ruth Hale", "Ruth Hale", None),
        ("Ruth Hale, she was 64", "Ruth Hale", 64),
        ("her name is Mary Jones and she was 82", "Mary Jones", 82),
        ("Tommy, 7 years old", "Tommy", 7),
        ("ruth hale", "Ruth Hale", None),
        # the name said as one sentence of the answer, with more after it
        ("Eli Brooks. he was a newborn", "Eli Brooks", 0),
        # a newborn's age in words (0)
        (
            "Jaylen Carter. He was a newborn, I told you he was born that day",
            "Jaylen Carter",
            0,
        ),
        ("Mia Ortiz, she was 3 days old", "Mia Ortiz", 0),
        ("Raj Patel, 68.", "Raj Patel", 68),
        ("Dale Pruitt. 41", "Dale Pruitt", 41),
        ("Hurts. a lot", None, None),
        # role-play I (Priya): a stillborn daughter's name; the weeks of a pregnancy no age
        (
            "We named her Asha. Asha Sharma. I was 38 weeks pregnant. I'm Priya, her mom.",
            "Asha Sharma",
            None,
        ),
    ],
)
def test_parse_patient_name(text, name, age):
    assert case.parse_patient_name(text) == (name, age)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("a second opinion", "second_opinion"),
        ("my lawyer never calls me back", "second_opinion"),
        ("switching lawyers", "switch"),
        ("I want a new lawyer", "switch"),
        ("neither", "none"),
        ("no, I'm happy with my lawyer", "none"),
        ("yes", "second_opinion"),
        ("what?", None),
    ],
)
def test_parse_represented_intent(text, intent):
    assert case.parse_represented_intent(text) == intent


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes, I quit my job to care for her", True),
        ("yes I missed work", True),
        ("I can't work anymore", True),
        ("no", False),
        ("I'm retired", False),
        ("I didn't miss any work", False),
        ("I missed a month of work", True),
        ("hmm", None),
        # role-play: the yes leads, and "he can't do anything" is no "no"
        (
            "Yes, he can't do anything himself anymore and I've had to cut my hours at "
            "work to take care of him",
            True,
        ),
        ("i had to cut back my shifts", True),
        # the work they did, not done any more (role-play G: Luis, a roofer)
        ("cant do roofing no more", True),
        ("I can't do my job anymore", True),
    ],
)
def test_parse_work_impact(text, answer):
    assert case.parse_work_impact(text) is answer


@pytest.mark.parametrize(
    ("text", "treatment", "work"),
    [
        # a bare no is no to both halves of the question
        ("no", "none", False),
        ("nope, nothing", "none", False),
        ("neither", "none", False),
        ("nothing", "none", False),
        ("no to both", "none", False),
        # treatment only: the work stays unknown
        ("physical therapy", "physical therapy", None),
        ("mastectomy and chemo", "mastectomy and chemo", None),
        ("no treatment", "none", None),
        (
            "yes 2 more surgerys at ohio state",
            "yes 2 more surgerys at ohio state",
            None,
        ),
        # both in one answer
        ("physical therapy, and I missed two months of work", "physical therapy", True),
        ("physical therapy and I missed two months of work", "physical therapy", True),
        (
            "two more surgeries and I still have a drain, and I've been out of work since",
            "two more surgeries and I still have a drain",
            True,
        ),
        (
            "rehab for three months, and I quit my job to care for her",
            "rehab for three months",
            True,
        ),
        (
            "Dr. Smith did another surgery, I am still off work",
            "Dr. Smith did another surgery",
            True,
        ),
        (
            "I was in the hospital for a week and I had to stop working",
            "I was in the hospital for a week",
            True,
        ),
        ("PT twice a week but I went back to work", "PT twice a week", False),
        ("only medication, it hasn't affected my work", "only medication", False),
        ("no, but I had to take time off work", "none", True),
        ("no treatment, but I can't work", "none", True),
        ("no, I'm retired", "none", False),
        # a yes or no after the treatment answers the work
        ("surgery in May. and yes", "surgery in May", True),
        (
            "a lot of follow up appointments. it has",
            "a lot of follow up appointments",
            True,
        ),
        ("physical therapy. no", "physical therapy", False),
        ("yes to both", "yes to both", True),
        # role-play N and O (Peggy, Dana, Raj): the work in free words
        (
            "4 days in the hospital in December, then blood tests every week for a month. "
            "I missed 3 weeks of my part time job at the library.",
            "4 days in the hospital in December, then blood tests every week for a month",
            True,
        ),
        (
            "neurologist visits and a nerve test. i bite my tongue eating and i slur "
            "sometimes, im a dental hygienist lol so talking to patients all day is hard",
            "neurologist visits and a nerve test. i bite my tongue eating and i slur "
            "sometimes",
            True,
        ),
        (
            # how long the surgery kept her out of work, said with it, is its recovery; "and
            # our son" is the rest of the time off, never a treatment
            "Surgery to take it out, she was out of work for 8 weeks. She's a nurse herself. "
            "I took time off to care for her and our son.",
            "Surgery to take it out, she was out of work for 8 weeks",
            True,
        ),
        # the work only
        ("I can't work", "", True),
        ("I missed work", "", True),
        # school, sports, what they did each week (role-play M: Darryl, Yesenia)
        (
            "surgery at le bonheur, followups, the counselor. he quit football this season",
            "surgery at le bonheur, followups, the counselor",
            True,
        ),
        (
            "Dialysis 3 times a week. She used to babysit my kids and cook every Sunday "
            "and now she's tired all the time.",
            "Dialysis 3 times a week. She used to babysit my kids and cook every Sunday",
            True,
        ),
    ],
)
def test_treatment_and_work(text, treatment, work):
    assert case.treatment_and_work(text) == (treatment, work)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("it hasn't affected my work", False),
        ("work is fine", False),
        ("I'm still working", False),
        ("I had to stop working", True),
        ("I haven't been able to work since", True),
    ],
)
def test_parse_work_impact_in_more_words(text, answer):
    assert case.parse_work_impact(text) is answer


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # role-play M (Darryl, Yesenia) and L (Tasha): daily life, school and sports
        ("hes 15 and real embarrassed, wont go to practice. seeing a counselor", True),
        ("he quit football this season", True),
        ("he cant play football anymore and missed like a month of school", True),
        (
            "She used to babysit my kids and cook every Sunday and now she's tired all "
            "the time.",
            True,
        ),
        ("she goes to dialysis 3 times a week", False),
        ("he played football in high school", False),
        # what the day asks of them, hard now; never "not hard", nor "hard to say"
        ("im a dental hygienist lol so talking to patients all day is hard", True),
        ("it's hard to walk to the mailbox", True),
        ("I missed 3 weeks of my part time job at the library", True),
        ("talking is not hard", False),
        ("it is hard to say when it started", False),
        ("the thing is hard to explain", False),
    ],
)
def test_mentions_work_impact(text, told):
    assert case.mentions_work_impact(text) is told


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # role-play L (Derek): occupational therapy now is treatment since
        ("shes in OT twice a week and they want to do nerve surgery at gillette", True),
        ("they want to do nerve surgery at gillette", False),
    ],
)
def test_occupational_therapy_is_treatment(text, told):
    assert case.mentions_treatment(text) is told


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("some of them", True),
        ("yes", True),
        ("I have copies", True),
        ("no", False),
        ("I can get them", False),
        ("no, not yet", False),
    ],
)
def test_parse_has_records(text, answer):
    assert case.parse_has_records(text) is answer


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # role-play M (Doris): a folder of one place's records is records in hand
        ("I have a big folder from Norton but nothing from the surgery center.", True),
        ("we got a stack of papers from the hospital", True),
        ("I don't have any papers", False),
    ],
)
def test_parse_has_records_kept_papers(text, answer):
    assert case.parse_has_records(text) is answer


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        (
            "No. Do I need my records before I talk to someone? I don't have any of them.",
            False,
        ),
        ("i dont have any records", False),
        ("I don't have the hospital records yet", False),
        ("I have copies of my records", True),
        ("I don't have a lawyer. I have the records at home", True),
        # a question about records, or "don't have" about something else, tells nothing
        ("no lawyer. do i need records?", None),
        ("i dont have any other info, they have my records", None),
        ("we dont have a lawyer", None),
    ],
)
def test_records_told_in_passing(text, answer):
    assert case.records_told(text) is answer


@pytest.mark.parametrize(
    "text", ["skip", "I'd rather not say", "prefer not to say", "pass"]
)
def test_every_question_can_be_skipped(text):
    assert case.wants_to_skip(text)


def test_an_answer_is_not_a_skip():
    assert not case.wants_to_skip("no, nothing since")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("i dont know his birthday off hand, he was 41", 41),
        ("he is 9, born march 3 2017", 9),
        ("she's 54, born march 3 1972", 54),
        ("my father, Manuel Delgado, who is 72", 72),
        ("41 years old", 41),
        ("hes almost 2 now", None),  # near an age, not one
        ("he was 3 months old", None),
        ("she was 5 weeks early", None),
        ("march 3 2017", None),
    ],
)
def test_age_said(text, age):
    assert case.age_said(text) == age


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Dr. Alan Whitcomb did it.", [("Dr. Alan Whitcomb", "doctor")]),
        (
            "he went to the emergency room at St. Brendan Memorial Hospital in Cleveland",
            [("St. Brendan Memorial Hospital", "hospital")],
        ),
        (
            "Dr. Alan Whitcomb at Mercy Ridge Hospital",
            [("Dr. Alan Whitcomb", "doctor"), ("Mercy Ridge Hospital", "hospital")],
        ),
        ("The Cleveland Clinic", [("Cleveland Clinic", "clinic")]),
        ("the ER doctor and my surgeon", []),  # named by their role only
        # as texted: a title and a name said on their own, a place said "at" it
        ("dr harlan. lakeshore orthopedics", [("dr harlan", "doctor")]),
        (
            "knee replacement feb 2025 at gulf coast orthopedic surgery center in houston. dr "
            "kevin marsh. infection, they said it was normal swelling",
            [
                ("gulf coast orthopedic surgery center", "clinic"),
                ("dr kevin marsh", "doctor"),
            ],
        ),
        ("the dr said it was fine", []),
        ("she was at the hospital for a week", []),
        ("at st marys hospital they ignored me", [("st marys hospital", "hospital")]),
        # role-play D: the place named after the care it gave
        (
            "I went to the ER at Northwestern Memorial in Chicago with horrible pain. The ER "
            "doctor, Dr. Kowalski, said it was gas",
            [("Northwestern Memorial", "hospital"), ("Dr. Kowalski", "doctor")],
        ),
        ("the pharmacy at Walgreens gave me the wrong pills", [("Walgreens", "pharmacy")]),
        ("the ER at 3 AM was empty", []),
        # role-play E: said for a role in passing, as texted
        (
            "3. oh and the dr at the VA was dr kim, john d dingell VA medical center",
            [("dr kim", "doctor"), ("john d dingell VA medical center", "hospital")],
        ),
        ("the doctor was rude", []),
        ("My mother was in a nursing home in Richmond and she got terrible bed sores", []),
        ("the surgery at the hospital was botched", []),
        # role-play F (Evelyn): the place's name capitalised, its kind not
        (
            "I don't think so. It was my regular doctor, Dr. Linda Morrow at the Rockwood "
            "clinic in the Valley.",
            [("Dr. Linda Morrow", "doctor"), ("Rockwood clinic", "clinic")],
        ),
        ("Then hospital staff ignored me", []),
    ],
)  # fmt: skip
def test_providers_named(text, named):
    assert [(p["name"], p["kind"]) for p in case.providers_named(text)] == named


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # role-play I (Ray): in a story, a pharmacy chain by its brand, as texted; a place's
        # name before its kind (its specialty no doctor); a doctor named and what they did
        (
            "my wife died in sept. walgreens in joliet gave her the wrong dose of warfarin",
            [("walgreens", "pharmacy")],
        ),
        ("no its a walgreens", [("walgreens", "pharmacy")]),
        ("wrong meds at CVS", [("CVS", "pharmacy")]),
        (
            "the Rite Aid on Forbes Ave in Pittsburgh filled it",
            [("Rite Aid on Forbes Ave", "pharmacy")],
        ),
        ("I work at walmart", []),
        ("hi pharmacy gave me wrong pills", []),
        ("medication or pharmacy error", []),
        (
            "they took her to good samaritan hospital and the local hospital sent her home",
            [("good samaritan hospital", "hospital")],
        ),
        ("louisiana, womans hospital in baton rouge", [("womans hospital", "hospital")]),
        ("your mother's nursing home care", []),
        ("dr patel prescribed it 1mg", [("dr patel", "doctor")]),
        ("dr something kessler did the surgery", [("dr kessler", "doctor")]),
        ("the doctor finally said it was fine", []),
        ("doctor looked at the bottle and said thats 10x the dose", []),
        (
            "dr harlan. lakeshore orthopedics",
            [("dr harlan", "doctor"), ("lakeshore orthopedics", "clinic")],
        ),
        # role-play N and O: the place after the care's setting as texted, or after the care
        # with capitals; a time or "home" after "at" is no place, nor a kind of place alone
        (
            "hi i went to the ER at banner desert in mesa in august with chest pain and the dr "
            "said it was just heartburn",
            [("banner desert", "hospital")],
        ),
        ("they sent him home from the ER at piedmont henry with acid reflux",
         [("piedmont henry", "hospital")]),
        (
            "Two years ago my wife had a C-section at Bellevue. She's had pain ever since",
            [("Bellevue", "other")],
        ),
        ("her gallbladder surgery at Riverside Methodist", [("Riverside Methodist", "other")]),
        ("went to the ER at 3am", []),
        ("the er at night was packed", []),
        ("the ER at my local hospital", []),
        ("surgery at Christmas", []),
        ("the visit at Mom's house", []),
        ("i had my surgery at home", []),
        ("my c-section at 38 weeks", []),
        ("California. The nursing home is in Fresno.", []),
        ("The nursing home never told us about the sore", []),
    ],
)  # fmt: skip
def test_providers_named_as_texted_in_a_story(text, named):
    said = case.providers_named(text, story=True)
    assert [(p["name"], p["kind"]) for p in said] == named


def test_a_chain_in_a_short_answer_is_left_to_the_providers_question():
    # "no its a walgreens" at the public-hospital question: "Who was involved?" asks them all
    assert case.providers_named("no its a walgreens") == []
    assert case.providers_named("no its a walgreens", story=True) == [
        {"name": "walgreens", "kind": "pharmacy"}
    ]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        # role-play N and O: the place named in the answer to whether it was a public hospital,
        # never a place said by its kind alone
        ("2. miami valley hospital in dayton", [("miami valley hospital in dayton", "hospital")]),
        (
            "No, it's a private nursing home, Oak Valley Care Center",
            [("Oak Valley Care Center", "nursing_home")],
        ),
        (
            "No, it was at a private endoscopy center, Lehigh Valley Endoscopy Center.",
            [("Lehigh Valley Endoscopy Center", "clinic")],
        ),
        (
            "Yes, Bellevue is a city hospital I believe. NYC Health + Hospitals.",
            [("Bellevue", "hospital"), ("NYC Health + Hospitals", "hospital")],
        ),
        (
            "No, it was a private place called Bluegrass Pediatric Surgery Center.",
            [("Bluegrass Pediatric Surgery Center", "clinic")],
        ),
        ("No, Edward Hospital is private. It's part of Endeavor Health now",
         [("Edward Hospital", "hospital")]),
        ("not sure. baptist hospital", [("baptist hospital", "hospital")]),
        ("yes the phoenix VA like i said", [("phoenix VA", "hospital")]),
        ("2", []),
        ("no", []),
        ("No, it's private", []),
        ("it was a private hospital", []),
        ("yes its the county hospital", []),
        ("yes the VA in phoenix", []),
        ("no its piedmont, its a regular hospital", []),
        # a place named by its own name, without a word for its kind (role-play P), in two
        # words or more (one alone may be a part of a name, or who runs it: "allina")
        ("no, abbott is private i think. allina", []),
        ("idk. it was regional one downtown, the med", []),
        ("no its a private dentist office. bluegrass oral surgery",
         [("bluegrass oral surgery", "other")]),
        ("2 novant presbyterian", [("novant presbyterian", "other")]),
        # a store of a chain said with where it is (role-play P's Carol)
        ("no its walgreens on grand ave", [("walgreens on grand ave", "pharmacy")]),
        ("no idea honestly", []),
        ("it was HCMC downtown minneapolis. idk if thats public", []),
        ("The ambulance was county EMS I think. I went to a regular hospital after.", []),
        ("3. not sure", []),
        (
            "It was Sarasota Memorial. I think its owned by the county? its a public hospital "
            "district or something",
            [],
        ),
        ("no its a walgreens", []),  # a chain: "Who was involved?" asks them all
    ],
)  # fmt: skip
def test_facilities_named_at_the_public_hospital_question(text, named):
    said = case.facilities_named(text)
    assert [(p["name"], p["kind"]) for p in said] == named


def test_a_place_said_by_its_kind_is_the_one_kept_of_that_kind():
    # role-play I (Angela): Magnolia Gardens kept from the public-hospital answer
    kept = [{"name": "Magnolia Gardens", "kind": "nursing_home"}]
    said = (
        "Magnolia Gardens, the nursing home! That's who I'm talking about. The hospital "
        "tried to save her. The nurse on her hall was named Tasha."
    )
    assert case.others_named(kept, said) == [{"name": "Tasha", "kind": "nurse"}]


def test_a_facility_named_joins_those_kept_once():
    kept = [{"name": "Bellevue", "kind": "other"}]
    assert case.with_facility_named(kept, "Yes, Bellevue is a city hospital") is None
    assert case.with_facility_named(None, "2. miami valley hospital in dayton") == [
        {"name": "miami valley hospital in dayton", "kind": "hospital"}
    ]


def test_providers_named_later_join_those_kept():
    kept = [{"name": "Mercy Ridge Hospital", "kind": "hospital"}]
    assert case.with_providers_named(kept, "Dr. Alan Whitcomb did it") == [
        *kept,
        {"name": "Dr. Alan Whitcomb", "kind": "doctor"},
    ]
    assert case.with_providers_named(kept, "at Mercy Ridge Hospital") is None
    assert case.with_providers_named(None, "no names") is None


def test_the_same_person_named_again_is_one():
    # role-play K (Helen): "Dr. Keane" in the story, "Dr. Robert Keane" later: one man
    kept = [{"name": "Dr. Keane", "kind": "doctor"}]
    assert case.with_providers_named(
        kept,
        "No, it was his private office. Dr. Robert Keane, at Worcester Family Medicine.",
    ) == [{"name": "Dr. Robert Keane", "kind": "doctor"}]
    assert case.same_person("Dr. Keane", "dr robert keane")
    assert not case.same_person("Dr. Karen Holt", "Dr. Mark Holt")
    assert not case.same_person("Mercy Hospital", "Mercy Hospital")
    assert case.others_named(
        [{"name": "Dr. Keane", "kind": "doctor"}],
        "Dr. Robert Keane and Worcester Family Medicine",
    ) == [{"name": "Worcester Family Medicine", "kind": "other"}]


def test_one_store_of_a_chain_is_one_provider():
    # role-play I (Ray): "walgreens" from the story, then the store said with its street
    kept = [{"name": "walgreens", "kind": "pharmacy"}]
    said = "i said walgreens. on jefferson st in joliet. dr patel prescribed it 1mg"
    fuller = case.said_more_fully(kept, said)
    assert fuller == [
        {"name": "walgreens on jefferson st in joliet", "kind": "pharmacy"}
    ]
    assert case.others_named(fuller, said) == [{"name": "dr patel", "kind": "doctor"}]
    assert case.said_more_fully(kept, "dr patel") is None
    # role-play E (Frank): the story's Rite Aid and "a Rite Aid pharmacy" later are one
    rite_aid = [{"name": "Rite Aid on Forbes Ave", "kind": "pharmacy"}]
    assert case.with_providers_named(rite_aid, "No, it was a Rite Aid pharmacy") is None
    assert case.with_providers_named(kept, "the CVS on Elm St", story=True) == [
        *kept,
        {"name": "CVS on Elm St", "kind": "pharmacy"},
    ]
    # another store of the chain is another provider
    assert case.others_named(
        [{"name": "CVS on Main St", "kind": "pharmacy"}], "the CVS on Elm St"
    ) == [{"name": "the CVS on Elm St", "kind": "pharmacy"}]


def test_a_doctors_full_name_said_without_the_title_is_the_same_doctor():
    # role-play L (Derek): "dr hartley, susan hartley" is one doctor, by her full name
    assert case.titled_in_full("susan hartley", "dr hartley") == "dr susan hartley"
    assert (
        case.titled_in_full("susan hartley", "Dr. Susan Hartley") == "Dr. Susan Hartley"
    )
    assert case.titled_in_full("susan hartley", "dr mark hartley") is None
    assert case.titled_in_full("abbott northwestern", "dr hartley") is None
    assert case.titled_in_full("mercy hospital", "dr hospital") is None
    kept = [{"name": "dr hartley", "kind": "doctor"}]
    assert case.said_more_fully(kept, "her name is susan hartley") == [
        {"name": "dr susan hartley", "kind": "doctor"}
    ]
    assert case.others_named(kept, "susan hartley") == []
    assert case.others_named(kept, "susan hartley and the nurse") == [
        {"name": "the nurse", "kind": "nurse"}
    ]


def test_said_to_be_the_same_is_one():
    # role-play K (Marco): "X and Y are the same person", "A is the same as B"
    kept = [
        {"name": "Dr. Karen Holt", "kind": "doctor"},
        {"name": "St. Vincent Hospital", "kind": "hospital"},
        {"name": "Providence hospital", "kind": "hospital"},
        {"name": "Dr. Holt", "kind": "doctor"},
    ]
    said = (
        "The nurse Dana at St. Vincent. OHSU treated me afterwards. Dr. Holt and Dr. Karen "
        "Holt are the same person, and Providence is the same as St. Vincent."
    )
    assert case.same_as_said(kept, said) == [
        {"name": "Dr. Karen Holt", "kind": "doctor"},
        {"name": "St. Vincent Hospital", "kind": "hospital"},
    ]
    assert case.same_as_said(kept, "Dr. Holt was great") is None
    assert case.same_as_said(kept, "dr lee and dr kim are the same person") is None


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        (
            "idk like right after my tongue and lip were numb. still are",
            "right after my tongue and lip were numb. still are",
        ),
        (
            "not sure, maybe a week later it got infected",
            "maybe a week later it got infected",
        ),
        ("idk", "idk"),
        ("my leg still hurts", "my leg still hurts"),
    ],
)
def test_without_hedge(text, rest):
    assert case.without_hedge(text) == rest


@pytest.mark.parametrize(
    ("text", "harm"),
    [
        (
            "He collapsed at home. He survived but now has severe heart failure, can barely "
            "walk, and is in a rehab facility.",
            "He survived but now has severe heart failure, can barely walk, and is in a "
            "rehab facility.",
        ),
        ("You still didn't answer me about the second opinion.", None),
        ("they left a sponge inside me. found it on a CT scan this year", None),
        # role-play D and E: what the care led to, said anywhere in the story
        (
            "The ER doctor, Dr. Kowalski, said it was gas and sent me home without a scan. "
            "Two days later my appendix burst and I needed emergency surgery and a week in "
            "the hospital with an infection. I still have a drain and I've missed 6 weeks "
            "of work as a contractor. Do I need my records before you can help me?",
            "Two days later my appendix burst and I needed emergency surgery and a week in "
            "the hospital with an infection. I still have a drain and I've missed 6 weeks "
            "of work as a contractor.",
        ),
        (
            "I took it for 5 days and ended up in the ICU at UPMC Presbyterian with internal "
            "bleeding. I was in the hospital 9 days and missed 3 weeks of work. I still get "
            "dizzy. Nobody from the pharmacy even apologized.",
            "I took it for 5 days and ended up in the ICU at UPMC Presbyterian with internal "
            "bleeding. I was in the hospital 9 days and missed 3 weeks of work. I still get "
            "dizzy.",
        ),
        (
            "hi. my mom passed away in march and I keep thinking the nursing home let it "
            "happen. she had bedsores so bad they went to the bone and nobody told us until "
            "she was septic",
            "she had bedsores so bad they went to the bone and nobody told us until she was "
            "septic",
        ),
        (
            "like 3 wks later, pediatrician did xray and it was broke. healed crooked now he "
            "needs surgery. is it to late??",
            "healed crooked now he needs surgery.",
        ),
        # the care itself, or a death alone, is not the harm told
        ("I had surgery back in 2021 and they left a sponge inside me", None),
        (
            "hi. my mom died in february last year and i keep thinking the hospital should "
            "have caught it",
            None,
        ),
        ("yes, he passed in the ICU", None),
        # role-play I (Ray): a harm said in a few words is a harm
        (
            "my wife died in sept. walgreens in joliet gave her the wrong dose of warfarin, "
            "10mg instead of 1mg. she had a brain bleed",
            "she had a brain bleed",
        ),
        (
            "he had a massive stroke two days later",
            "he had a massive stroke two days later",
        ),
        ("She lost her leg.", "She lost her leg."),
        ("they found bleeding in her brain", "they found bleeding in her brain"),
        # role-play N (Ray): of one long run-on sentence, the clauses that tell the harm,
        # not the care told before them
        (
            "hi i went to the ER at banner desert in mesa in august with chest pain and the "
            "dr said it was just heartburn and gave me pepcid and sent me home, 2 days later "
            "i had a heart attack at home my wife called 911 and they put a stent in me, the "
            "cardiologist said the ER shoulda caught it my ekg was off and they never even "
            "did the troponin test. now my heart is damaged and i cant work my job, im a hvac "
            "tech. please call me back at this number after 5 im at work till then",
            "2 days later i had a heart attack at home my wife called 911 and they put a "
            "stent in me. now my heart is damaged and i cant work my job, im a hvac tech.",
        ),
    ],
)
def test_harm_in_story(text, harm):
    assert case.harm_in_story(text) == harm


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("I was in the hospital 9 days. I still get dizzy.", "ongoing"),
        ("She lost her leg. She can't walk anymore.", "permanent"),
        # what happened back then says nothing of how things are now: asked
        ("my appendix burst and I needed emergency surgery", None),
        ("healed crooked now.", None),
        (
            "had a heart attack 2 days later. 3 stents, heart is damaged for good",
            "permanent",
        ),
    ],
)
def test_severity_in_story(text, severity):
    assert case.severity_in_story(text) == severity


@pytest.mark.parametrize(
    ("text", "treated"),
    [
        ("I had a second surgery", True),
        ("physical therapy. months of it", True),
        # still to come, not treatment since
        ("cant work for 3 months. and the right knee still needs surgery", False),
        ("waiting for another operation", False),
        ("they had to amputate below the knee in June 2024", True),
    ],
)
def test_mentions_treatment(text, treated):
    assert case.mentions_treatment(text) is treated


def test_a_carer_gone_part_time_is_daily_life_affected():
    told = "PT 3x a week, might need nerve surgery. wife went part time to take him"
    assert case.treatment_and_work(told, False) == (
        "PT 3x a week, might need nerve surgery",
        True,
    )


# --- "I have ... so far. Was anyone else involved?" -------------------------------------------
@pytest.mark.parametrize(
    ("text", "nobody"),
    [
        ("no", True),
        ("nope", True),
        ("no, that's all", True),
        ("thats it", True),
        ("just them", True),
        ("only those two", True),
        ("no one else that I know of", True),
        ("I think that's everyone, thanks", True),
        ("nobody else", True),
        ("no, the nurse too", False),
        ("yes", False),
        ("Dr. Patel", False),
        ("the ER at St. Mary's", False),
    ],
)
def test_nobody_else(text, nobody):
    assert case.nobody_else(text) is nobody


KEPT = [
    {"name": "gulf coast orthopedic surgery center", "kind": "clinic"},
    {"name": "dr kevin marsh", "kind": "doctor"},
]


@pytest.mark.parametrize(
    ("text", "others"),
    [
        ("no that's all", []),
        ("just them", []),
        ("I don't remember", []),
        # the same ones said again (role-play G, Dale): nobody more
        ("all of em. gulf coast orthopedic surgery center and dr kevin marsh", []),
        ("Dr. Kevin Marsh and Gulf Coast Orthopedic", []),
        ("yes", None),
        ("yeah there was", None),
        ("yes, dr smith too", [{"name": "dr smith", "kind": "doctor"}]),
        ("no. well the nurse too", [{"name": "the nurse", "kind": "nurse"}]),
        (
            "memorial hermann did the amputation",
            [{"name": "memorial hermann", "kind": "other"}],
        ),
        (
            "there was also Dr. Lee at Mercy Hospital",
            [
                {"name": "Dr. Lee", "kind": "doctor"},
                {"name": "Mercy Hospital", "kind": "hospital"},
            ],
        ),
    ],
)
def test_others_named_besides_those_kept(text, others):
    assert case.others_named(KEPT, text) == others


def test_providers_said_as_the_question_reads_them_back():
    assert case.providers_said(KEPT) == (
        "gulf coast orthopedic surgery center and dr kevin marsh"
    )
    three = [*KEPT, {"name": "Memorial Hermann", "kind": "hospital"}]
    assert case.providers_said(three) == (
        "gulf coast orthopedic surgery center, dr kevin marsh and Memorial Hermann"
    )
    assert case.providers_said([{"name": "Rite Aid", "kind": "pharmacy"}]) == "Rite Aid"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # role-play L (Kevin): at the read-back, and as he named who was involved
        ("Its not the nursing home. He fell at the hospital, UNC", {"nursing_home"}),
        ("The nursing home isnt the problem they are good", {"nursing_home"}),
        ("it wasnt the pharmacy, the doctor wrote it wrong", {"pharmacy"}),
        ("the nursing home didnt call us", set()),
        ("not sure if the nursing home knew", set()),
        ("she got bed sores at the nursing home", set()),
    ],
)
def test_a_place_said_not_to_be_it(text, kinds):
    assert case.places_cleared(text) == kinds


@pytest.mark.parametrize(
    ("text", "filed"),
    [
        # role-play L (Frank), after the lead
        (
            "actually I just found a letter from him, he did file the lawsuit. November 12",
            True,
        ),
        ("my lawyer filed suit in november", True),
        ("a lawsuit was filed in march", True),
        ("he hasnt filed the lawsuit", False),
        ("not that I know of", False),
        ("he is going to file suit", False),
        ("did he file a suit?", False),
        ("no lawsuit yet, he said he would file it", False),
    ],
)
def test_a_lawsuit_said_to_be_filed(text, filed):
    assert case.suit_filed_in(text) is filed


@pytest.mark.parametrize(
    ("text", "declined"),
    [("no", True), ("Nope.", True), ("not right now", True), ("Noah", False)],
)
def test_a_no_to_a_name_is_no_name(text, declined):
    assert case.declines_a_name(text) is declined


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (
            "Nobody yet. There was no will. I suppose it would be me.",
            "Nobody yet. I suppose it would be me.",
        ),
        ("There was no will.", ""),
        ("he didnt leave a will. me i guess", "me i guess"),
        ("me, the executor of his will", "me, the executor of his will"),
    ],
)
def test_no_will_said_is_no_one_who_handles_the_estate(text, who):
    assert case.without_no_will(text) == who


# Role-play P (Peggy): "I have all my records." in her first message.
@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("I don't have a lawyer. I have all my records.", True),
        ("we got some of the records from the hospital", True),
        ("i have all of my records", True),
        ("I don't have my records", False),
        ("I have all my records?", None),
    ],
)
def test_all_my_records_told_in_passing(text, told):
    assert case.records_told(text) is told


# Role-play P (Keisha): "just the autopsy report" at the records question: some of them.
@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("just the autopsy report", True),
        ("only the discharge papers", True),
        ("the death certificate and his test results", True),
        ("i dont have the autopsy report yet", False),
        ("we requested the discharge summary", False),
    ],
)
def test_records_named_are_some_of_them(text, answer):
    assert case.parse_has_records(text) is answer


# Role-play P (Peggy): "I'm 52" in her story, she the patient.
@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "I'm 52, I work as a school bus driver and I couldn't work until September.",
            52,
        ),
        ("i am 34 years old and they cut my bile duct", 34),
        ("I'm 30 weeks pregnant", None),
        ("I was 5 days post-op when it opened", None),
        ("I'm 100% sure they did it", None),
        ("he is 41", None),  # not the writer
    ],
)
def test_own_age_said(text, age):
    assert case.own_age_said(text) == age


def test_treatment_told_keeps_the_sentences_of_treatment():
    harm = (
        "I'm 52, I work as a school bus driver and I couldn't work until September. "
        "I still have bouts of cholangitis and I've been hospitalized twice since."
    )
    assert case.treatment_told(harm) == (
        "I still have bouts of cholangitis and I've been hospitalized twice since."
    )
    assert case.treatment_told("I'm tired all the time") == ""
    # role-play B (Marisol): neither since when nor where: the question still asks
    assert (
        case.treatment_told("i was yellow for weeks and had to have 2 more surgeries")
        == ""
    )


@pytest.mark.parametrize(
    ("kept", "text", "providers"),
    [
        # role-play P (Travis): the place named more fully at the public-hospital question
        (
            [("MultiCare Indigo Urgent Care", "clinic")],
            "No. It was MultiCare Indigo Urgent Care on Division. Private.",
            [("MultiCare Indigo Urgent Care on Division", "clinic")],
        ),
        (
            [("Indigo Urgent Care", "clinic")],
            "No. It was MultiCare Indigo Urgent Care on Division. Private.",
            [("MultiCare Indigo Urgent Care on Division", "clinic")],
        ),
        # role-play P (Alyssa): "Banner hospital" at the state question is Banner Desert
        (
            [("Banner hospital", "hospital")],
            "3. its banner desert medical center",
            [("banner desert medical center", "hospital")],
        ),
        ([("banner desert medical center", "hospital")], "3. its Banner hospital", None),
        # two places
        (
            [("Mercy hospital", "hospital")],
            "no, St Lukes hospital",
            [("Mercy hospital", "hospital"), ("St Lukes hospital", "hospital")],
        ),
        ([("Froedtert Hospital", "hospital")], "No, Froedtert is private", None),
    ],
)  # fmt: skip
def test_a_place_named_more_fully_is_one_place(kept, text, providers):
    said = case.with_facility_named([{"name": n, "kind": k} for n, k in kept], text)
    assert (
        None if said is None else [(p["name"], p["kind"]) for p in said]
    ) == providers


def test_a_place_named_in_camel_case_keeps_its_whole_name():
    # role-play P (Travis): "MultiCare" is a word of the name, not lost
    assert case.providers_named("It was MultiCare Indigo Urgent Care on Division.") == [
        {"name": "MultiCare Indigo Urgent Care", "kind": "clinic"}
    ]
    assert case.providers_named("Dr. McAllister did it") == [
        {"name": "Dr. McAllister", "kind": "doctor"}
    ]


@pytest.mark.parametrize(
    ("text", "providers"),
    [
        # role-play P (Erik): the person a role was, named
        ("The director of nursing was a woman named Karen Olson.", [("Karen Olson", "nurse")]),
        # role-play P (Travis): the PA and her name are one; the place the surgery was
        (
            "The PA on the second visit, her name was Jenna something. Surgery was at Sacred Heart.",
            [("Jenna (The PA on the second visit)", "other"), ("Sacred Heart", "other")],
        ),
        ("the nurse. her name was Dana", [("the nurse Dana", "nurse")]),
        ("my surgery was at 3pm", []),
        ("the surgery was at home", []),
    ],
)  # fmt: skip
def test_a_role_and_its_name_said_in_full_sentences(text, providers):
    assert [(p["name"], p["kind"]) for p in case.parse_providers(text)] == providers


def test_two_hospital_stays_are_no_hospital():
    # role-play P (Peggy): how many stays, not which hospital
    text = "Yes, as I said, the second surgery on June 16 and two hospital stays for cholangitis since."
    assert case.providers_named(text, story=True) == []
    assert case.providers_named("then several hospital visits", story=True) == []
    assert case.providers_named("i went to good samaritan hospital", story=True) == [
        {"name": "good samaritan hospital", "kind": "hospital"}
    ]


def test_a_doctor_at_the_place_kept_is_someone_else():
    # role-play P (Cody): "I have bluegrass oral surgery so far. Was anyone else involved?"
    kept = [{"name": "bluegrass oral surgery", "kind": "other"}]
    assert case.others_named(
        kept, "dr kessler at bluegrass oral surgery. i already said"
    ) == [{"name": "dr kessler at bluegrass oral surgery", "kind": "doctor"}]
    assert case.others_named(kept, "bluegrass oral surgery. i already said") == []
