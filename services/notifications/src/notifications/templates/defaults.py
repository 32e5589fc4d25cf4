"""The templates every organisation starts with, in plain words a worried resident can act on.

English for every kind of message; Welsh for those residents get first. An organisation's own
saved versions take precedence (see :mod:`.usecases`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .kinds import MessageKind, fields_of

SIGN_OFF = "Anti-social behaviour team\n"
EMERGENCY = (
    "If you are in immediate danger, call 999. To report a crime that is not an emergency, "
    "call 101.\n\n"
)


@dataclass(frozen=True)
class TemplateText:
    subject: str
    body: str
    fields: frozenset[str]


def _t(kind: MessageKind, subject: str, body: str) -> TemplateText:
    return TemplateText(subject, body, frozenset(fields_of(kind)))


K = MessageKind

DEFAULTS: dict[tuple[MessageKind, str], TemplateText] = {
    (K.ACKNOWLEDGEMENT, "en"): _t(
        K.ACKNOWLEDGEMENT,
        "We have received your report {{ reference }}",
        "Hello {{ name or 'there' }},\n\n"
        "Thank you for telling us. We have received your report and "
        "{% if joined_existing %}added it to the case we already have open about the same "
        "problem{% else %}opened a case for it{% endif %}.\n\n"
        "Your reference: {{ reference }}\n\n"
        "{% if follow_url %}Follow your report online: {{ follow_url }}\n"
        "You will need the tracking code you were given when you reported.\n\n{% endif %}"
        "An officer will contact you within one working day to talk it through and agree what "
        "happens next. Please quote your reference if you contact us.\n\n" + EMERGENCY + SIGN_OFF,
    ),
    (K.ACKNOWLEDGEMENT, "cy"): _t(
        K.ACKNOWLEDGEMENT,
        "Rydym wedi cael eich adroddiad {{ reference }}",
        "Helo {{ name or '' }},\n\n"
        "Diolch am roi gwybod i ni. Rydym wedi cael eich adroddiad ac "
        "{% if joined_existing %}wedi ei ychwanegu at yr achos sydd gennym ar agor am yr un "
        "broblem{% else %}wedi agor achos ar ei gyfer{% endif %}.\n\n"
        "Eich cyfeirnod: {{ reference }}\n\n"
        "{% if follow_url %}Dilynwch eich adroddiad ar-lein: {{ follow_url }}\n"
        "Bydd angen y cod tracio a gawsoch pan wnaethoch roi gwybod.\n\n{% endif %}"
        "Bydd swyddog yn cysylltu â chi o fewn un diwrnod gwaith i drafod beth sy'n digwydd "
        "nesaf. Nodwch eich cyfeirnod os byddwch yn cysylltu â ni.\n\n"
        "Os ydych mewn perygl uniongyrchol, ffoniwch 999. I roi gwybod am drosedd nad yw'n "
        "argyfwng, ffoniwch 101.\n\n"
        "Tîm ymddygiad gwrthgymdeithasol\n",
    ),
    (K.OFFICER_ASSIGNED, "en"): _t(
        K.OFFICER_ASSIGNED,
        "Your officer for report {{ reference }}",
        "Hello {{ name or 'there' }},\n\n"
        "{{ officer_name }} is the officer looking after your report {{ reference }}. They will "
        "keep in touch as agreed with you. Please quote your reference if you contact us.\n\n"
        + EMERGENCY
        + SIGN_OFF,
    ),
    (K.UPDATE_SHARED, "en"): _t(
        K.UPDATE_SHARED,
        "An update on your report {{ reference }}",
        "Hello {{ name or 'there' }},\n\n"
        "{{ officer_name or 'Your officer' }} has an update for you:\n\n{{ update }}\n\n"
        "Your reference: {{ reference }}\n\n" + SIGN_OFF,
    ),
    (K.CASE_CLOSED, "en"): _t(
        K.CASE_CLOSED,
        "Your report {{ reference }}: the case is closed",
        "Hello {{ name or 'there' }},\n\n"
        "We have closed the case about your report {{ reference }}. The outcome: {{ outcome }}."
        "\n\nIf the problem starts again, please report it and quote your reference.\n\n"
        + EMERGENCY
        + SIGN_OFF,
    ),
    (K.SATISFACTION_SURVEY, "en"): _t(
        K.SATISFACTION_SURVEY,
        "How did we do? Your report {{ reference }}",
        "Hello {{ name or 'there' }},\n\n"
        "We recently closed the case about your report {{ reference }}. Please tell us how "
        "satisfied you are with how we handled it; it takes two minutes:\n\n"
        "{{ survey_link }}\n\n" + SIGN_OFF,
    ),
    (K.COMMUNITY_TRIGGER, "en"): _t(
        K.COMMUNITY_TRIGGER,
        "Your right to an ASB case review",
        "Hello {{ name or 'there' }},\n\n"
        "You have reported this problem {{ reports_counted }} times in the last six months. "
        "You have the right to ask for an anti-social behaviour case review (the Community "
        "Trigger): the council, police and landlord will look again at how your reports were "
        "handled. Ask us, or apply online, quoting your reference {{ reference }}.\n\n" + SIGN_OFF,
    ),
    (K.CASE_REVIEW_DECISION, "en"): _t(
        K.CASE_REVIEW_DECISION,
        "Your ASB case review application",
        "Hello {{ name or 'there' }},\n\n"
        "{% if decision == 'accepted' %}Your application for an anti-social behaviour case "
        "review meets the threshold: the council, police and landlord will review how your "
        "reports were handled, and we will tell you the outcome.{% else %}We have looked at "
        "your application for an anti-social behaviour case review and it does not meet the "
        "threshold, so a review will not be held.{% endif %}\n\n"
        "Why: {{ text }}\n\n"
        "{% if appeal_by %}If you disagree, you can appeal until {{ appeal_by }}: reply to "
        "this message or contact us, quoting your reference {{ reference }}.\n\n{% endif %}"
        + SIGN_OFF,
    ),
    (K.CASE_REVIEW_DECISION, "cy"): _t(
        K.CASE_REVIEW_DECISION,
        "Eich cais am adolygiad achos ymddygiad gwrthgymdeithasol",
        "Helo {{ name or '' }},\n\n"
        "{% if decision == 'accepted' %}Mae eich cais am adolygiad achos ymddygiad "
        "gwrthgymdeithasol yn cyrraedd y trothwy: bydd y cyngor, yr heddlu a'r landlord yn "
        "adolygu sut yr ymdriniwyd â'ch adroddiadau, a byddwn yn dweud wrthych beth oedd y "
        "canlyniad.{% else %}Rydym wedi ystyried eich cais am adolygiad achos ymddygiad "
        "gwrthgymdeithasol ac nid yw'n cyrraedd y trothwy, felly ni fydd adolygiad.{% endif %}"
        "\n\nPam: {{ text }}\n\n"
        "{% if appeal_by %}Os ydych yn anghytuno, gallwch apelio hyd at {{ appeal_by }}: atebwch "
        "y neges hon neu cysylltwch â ni, gan nodi eich cyfeirnod {{ reference }}.\n\n"
        "{% endif %}Tîm ymddygiad gwrthgymdeithasol\n",
    ),
    (K.CASE_REVIEW_OUTCOME, "en"): _t(
        K.CASE_REVIEW_OUTCOME,
        "The outcome of your ASB case review",
        "Hello {{ name or 'there' }},\n\n"
        "The anti-social behaviour case review you asked for has been held. Its outcome:\n\n"
        "{{ text }}\n\n"
        "{% if appeal_by %}If you are unhappy with the outcome, you can appeal until "
        "{{ appeal_by }}, quoting your reference {{ reference }}.\n\n{% endif %}" + SIGN_OFF,
    ),
    (K.CASE_REVIEW_OUTCOME, "cy"): _t(
        K.CASE_REVIEW_OUTCOME,
        "Canlyniad eich adolygiad achos ymddygiad gwrthgymdeithasol",
        "Helo {{ name or '' }},\n\n"
        "Mae'r adolygiad achos ymddygiad gwrthgymdeithasol y gofynnoch amdano wedi'i gynnal. "
        "Y canlyniad:\n\n{{ text }}\n\n"
        "{% if appeal_by %}Os ydych yn anhapus gyda'r canlyniad, gallwch apelio hyd at "
        "{{ appeal_by }}, gan nodi eich cyfeirnod {{ reference }}.\n\n{% endif %}"
        "Tîm ymddygiad gwrthgymdeithasol\n",
    ),
    (K.CASE_REVIEW_APPEAL, "en"): _t(
        K.CASE_REVIEW_APPEAL,
        "Your appeal about your ASB case review",
        "Hello {{ name or 'there' }},\n\n"
        "{% if stage == 'appeal_received' %}We have received your appeal and will tell you "
        "our decision{% if due_by %} by {{ due_by }}{% endif %}.{% else %}We have decided "
        "your appeal: it is {% if decision == 'upheld' %}upheld{% else %}not upheld{% endif %}."
        "\n\nWhy: {{ text }}{% endif %}\n\nYour reference: {{ reference }}\n\n" + SIGN_OFF,
    ),
    (K.CASE_REVIEW_APPEAL, "cy"): _t(
        K.CASE_REVIEW_APPEAL,
        "Eich apêl am eich adolygiad achos ymddygiad gwrthgymdeithasol",
        "Helo {{ name or '' }},\n\n"
        "{% if stage == 'appeal_received' %}Rydym wedi cael eich apêl a byddwn yn dweud "
        "wrthych beth yw ein penderfyniad{% if due_by %} erbyn {{ due_by }}{% endif %}."
        "{% else %}Rydym wedi penderfynu ar eich apêl: {% if decision == 'upheld' %}mae wedi'i "
        "chadarnhau{% else %}nid yw wedi'i chadarnhau{% endif %}.\n\nPam: {{ text }}"
        "{% endif %}\n\nEich cyfeirnod: {{ reference }}\n\n"
        "Tîm ymddygiad gwrthgymdeithasol\n",
    ),
    (K.STANDARD_WARNING, "en"): _t(
        K.STANDARD_WARNING,
        "{{ case_reference }}: {{ standard }} is due by {{ due }}",
        "{{ case_reference }}: {{ standard }} is due by {{ due }} (UK time).\n",
    ),
    (K.STANDARD_BREACHED, "en"): _t(
        K.STANDARD_BREACHED,
        "{{ case_reference }}: {{ standard }} was due by {{ due }} and is overdue",
        "{{ case_reference }}: {{ standard }} was due by {{ due }} (UK time) and is overdue.\n",
    ),
    (K.PLAN_REVIEW_DUE, "en"): _t(
        K.PLAN_REVIEW_DUE,
        "{{ client_reference }}: support plan review {% if stage == 'breach' %}overdue"
        "{% else %}due by {{ due }}{% endif %}",
        "The support plan of {{ client_reference }} is "
        "{% if stage == 'breach' %}overdue for review (it was due {{ due }})"
        "{% else %}due for review by {{ due }}{% endif %}.\n",
    ),
    (K.OFFICER_TASK, "en"): _t(
        K.OFFICER_TASK,
        "{{ case_reference }}: contact needed",
        "{{ task }}\n\nWhy: {{ reasons }}\n",
    ),
    (K.DELIVERY_FAILED, "en"): _t(
        K.DELIVERY_FAILED,
        "{{ case_reference }}: {{ what }} could not be delivered",
        "{{ what }} by {{ channel }} could not be delivered: {{ error }}. "
        "Please contact them another way.\n",
    ),
    (K.WEBHOOK_PAUSED, "en"): _t(
        K.WEBHOOK_PAUSED,
        "Webhook deliveries to {{ partner_name }} are paused",
        "Deliveries to your webhook endpoint {{ url }} failed {{ failures }} times in a row"
        "{% if last_error %} (last: {{ last_error }}){% endif %}, so they were paused at"
        " {{ paused_at }} (UK time).\n\n"
        "Nothing is lost: events wait for you. When the endpoint answers again, resume it with"
        " POST /partner/v1/webhook-endpoints/{id}/resume, and the deliveries start again.\n",
    ),
}
