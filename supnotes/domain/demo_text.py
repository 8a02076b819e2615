"""Phrase banks for the demo vault: fictitious, realistic supervision prose.

Every person, place and reference here is invented. Sentences are combined
at random (with a seed) so the records read differently and give search
something real to find.
"""

from __future__ import annotations

WELLBEING = (
    "Said the last fortnight has felt relentless, with two late finishes after strategy meetings.",
    "Feeling more settled since the team moved back to the Eastgate office; sleeping better.",
    "Described feeling unsettled after the home visit where dad became verbally aggressive.",
    "Reports good energy and is enjoying the work, particularly the direct work with teenagers.",
    "Has been carrying worry about a court deadline and found it hard to switch off at weekends.",
    "Talked about the impact of hearing a child's account of domestic abuse; we agreed to debrief.",
    "Is managing a family bereavement and asked for flexibility on Thursday afternoons.",
    "Feels supported by peers; the duty rota change has helped with predictability.",
    "Acknowledged some frustration at the number of cancelled visits by partner agencies.",
    "Reflected that taking the full lunch break has made a noticeable difference this month.",
)

SUPPORT = (
    "Reminded of the employee assistance programme; agreed a check-in after the final hearing.",
    "Agreed protected time on Friday mornings for recording, with duty cover arranged.",
    "Offered a co-worker for the next joint visit given the risk to staff.",
    "Agreed to reduce new allocations for the next four weeks.",
    "Occupational health referral discussed and declined for now; will revisit next session.",
)

WORKLOAD = (
    "Two assessments are out of timescale because of delayed health information; escalated.",
    "Caseload is manageable but three children are in pre-proceedings, which is heavy.",
    "Court statements due in the same week as annual leave; we re-planned the deadlines.",
    "Recording is up to date apart from two visits last week, to be completed by Friday.",
    "Requested no new allocations until the child protection conference on the 14th.",
    "Training days and leave booked; no clashes with statutory visits identified.",
    "Transfer summaries for two children moving to the Family Support Team are ready.",
)

LEARNING = (
    "Completed the Northmoor contextual safeguarding course; wants to use the mapping tool.",
    "Working towards the practice educator award; first observation booked.",
    "Reflected on using genograms in direct work; evidence for PCF domain 6, critical reflection.",
    "Would like to shadow the court team before the next final hearing.",
    "Appraisal objective on analysis in assessments is progressing; last assessment was strong.",
    "Read the latest national review on safeguarding infants and discussed its messages.",
    "Attended the trauma-informed practice workshop; keen to use the window of tolerance model.",
)

GOOD_PRACTICE = (
    "Excellent direct work with a nine-year-old using the three houses tool.",
    "Family feedback praised the worker's honesty and reliability.",
    "Clear, child-centred analysis in the latest assessment; shared with the team as an example.",
    "Persistent, creative engagement with a father who had refused contact for months.",
)

ORGANISATION = (
    "Delays in CAMHS triage for two children; to raise at the service meeting.",
    "Case-management system outage last Tuesday lost a morning's recording.",
    "Police attendance at strategy meetings remains patchy; feed up to the partnership.",
    "The new early help step-down form is unclear; the worker will draft suggestions.",
    "Interpreter bookings are taking too long for families who speak Polish and Arabic.",
)

UPDATES = (
    "Visited at home twice since the last discussion; the house was warm and there was food.",
    "School reports improved attendance, now at 92 per cent, and a calmer presentation in class.",
    "Mother has attended four of six sessions of the domestic abuse recovery programme.",
    "Health visitor reports the baby is gaining weight but missed the last two appointments.",
    "Father has moved back into the home without the agreed assessment being completed.",
    "The core group met on Monday; all agencies attended except housing.",
    "Grandmother offered weekend care for the children; a viability assessment has started.",
    "Police were called to the address after an argument; no injuries, children asleep upstairs.",
    "The young person has been missing from care twice, returning each time within a day.",
    'Interpreter used; mum said in Polish: "martwię się o zaległy czynsz" (rent arrears).',
)

CHILDS_VOICE = (
    "Said she likes it when nan picks her up from school because 'it is quiet at nan's'.",
    "Drew his family and put himself next to the dog, away from the adults.",
    "Told the worker 'mum shouts less now' and that he wants to keep going to football.",
    "Did not want to talk at first; used the feelings cards and chose 'worried' and 'tired'.",
    "Said 'Dw i eisiau aros gyda Nain' (I want to stay with Nain) and repeated it in English.",
    "Wants her social worker to stop changing; has had three in two years.",
    "Said he feels safe at home when dad is not drinking, and scared when he is.",
    "Too young to express views; observed to be settled and responsive with her mother.",
)

WORRIES = (
    "Ongoing domestic abuse, with dad's return to the home untested.",
    "Neglect of health needs: missed dental and optician appointments.",
    "Exploitation risk: new older friends, unexplained money and a second phone.",
    "Mother's mental health has deteriorated since the eviction notice.",
    "Parental alcohol use at weekends and the children's exposure to it.",
    "School attendance dropping and a possible young carer role for the eldest.",
)

WORKING_WELL = (
    "Strong bond between the children and their maternal grandmother.",
    "Mother is open with the worker and has followed the safety plan.",
    "School is a protective factor; the learning mentor sees him daily.",
    "Father has kept to the contact agreement for six weeks.",
    "The young person has re-engaged with the youth worker and attends the boxing club.",
)

ANALYSIS = (
    "The risk is cumulative rather than incident-led; the pattern over six months matters more.",
    "Mother's engagement is genuine but fragile; progress depends on stable housing.",
    "The hypothesis that the missing episodes relate to exploitation fits the evidence best.",
    "Professional optimism may be at play; we need evidence of change, not just intent.",
    "The children's lived experience has improved, but the drivers of risk are unchanged.",
)

DECISIONS = (
    "Proceed to an initial child protection conference.",
    "Step down to child in need with a six-week review.",
    "Legal gateway meeting to be requested to consider pre-proceedings.",
    "Continue the child in need plan; no escalation at this point.",
    "Complete a viability assessment of the maternal grandmother.",
    "Refer to the exploitation panel and complete the screening tool.",
    "No further action under section 47; offer early help.",
)

RATIONALE = (
    "The threshold for significant harm is met given the repeated incidents and lack of change.",
    "Protective factors are now established and the family is engaging voluntarily.",
    "Without legal planning the children remain in a situation of chronic neglect.",
    "The child's wish to stay with family is clear and grandmother has offered care.",
    "Risks are outside the home; a contextual response is more likely to help.",
    "Enquiries found no evidence of harm; the family welcomes support.",
)

ACTIONS = (
    "Complete the updated chronology",
    "Book an interpreter for the next home visit",
    "Send the core group minutes to all agencies",
    "Request health records from the GP",
    "Arrange a joint visit with the health visitor",
    "Draft the court statement and share for management review",
    "Complete the direct work session using the three houses tool",
    "Update the safety plan with the family and network",
    "Make a referral to the domestic abuse service",
    "Book the ASYE reflective log review with the assessor",
    "Attend the contextual safeguarding training",
    "Complete transfer summaries for the two step-down cases",
)

AGENDA = (
    "Caseload pressures; court work; a difficult visit; training request.",
    "Two cases for direction; annual leave; feedback from the last conference.",
    "Wellbeing; progress on appraisal objectives; case discussion.",
)

GROUP_QUESTIONS = (
    "How do I keep the baby's experience central when the parents dominate every visit?",
    "Am I being too optimistic about dad's change?",
    "How do we work with a fifteen-year-old who sees us as the problem?",
    "What would help this family trust professionals again after three previous workers?",
)

GROUP_REFLECTIONS = (
    "The group noticed how much the presenter holds on her own; the network seems absent.",
    "Several members wondered whose story is missing: the older sibling barely features.",
    "The group reflected on the parallel process between the family's chaos and the case's drift.",
    "Curiosity about the father's own childhood in care and what help means to him.",
)

GROUP_HYPOTHESES = (
    "The mother's hostility may be fear of losing the children rather than rejection of help.",
    "The missing episodes might be the young person's way of regaining control.",
    "The grandmother's reluctance may reflect her own history with children's services.",
)

GROUP_IDEAS = (
    "Invite the father to a separate meeting at a neutral venue.",
    "Use a family network meeting to build the safety plan.",
    "Ask the school nurse to lead on health appointments.",
    "Try a walk-and-talk session instead of meeting at home.",
)

LEARNING_THEMES = (
    "Respectful uncertainty and professional optimism.",
    "Working with fathers and male carers.",
    "Keeping the baby's lived experience in view.",
    "Contextual safeguarding and safety outside the home.",
)

ADHOC_TRIGGERS = (
    "Worker came to the office after a visit where the children were home alone.",
    "School rang about a disclosure; worker sought advice before the strategy discussion.",
    "Police notification received overnight; quick discussion at the duty desk.",
    "Mother asked to withdraw consent for the assessment; worker asked what to do.",
    "Hospital called about a missed neonatal follow-up; worker sought direction.",
)

DISAGREEMENTS = (
    "I do not agree that my court statement was late; the deadline changed without notice.",
    "I agree with the record but want it noted that the allocation was above the agreed cap.",
)
