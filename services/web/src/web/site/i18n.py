"""English and Welsh: the site's one message catalogue, each message in both languages.

A simple catalogue rather than gettext files: the site has a few hundred short messages, both
languages are kept side by side so that one cannot be added without the other (a test checks
every message has both), and a template asks ``t("key")``. The language is the visitor's choice
(the toggle on every page, kept in a cookie), English by default.
"""

from __future__ import annotations

from typing import Literal

from fastapi import Request

Lang = Literal["en", "cy"]
LANGUAGES: tuple[Lang, ...] = ("en", "cy")
LANG_COOKIE = "asb_lang"


def language_of(request: Request) -> Lang:
    chosen = request.cookies.get(LANG_COOKIE)
    return "cy" if chosen == "cy" else "en"


def translate(lang: Lang, key: str, **values: object) -> str:
    en, cy = MESSAGES[key]
    text = cy if lang == "cy" else en
    return text.format(**values) if values else text


MESSAGES: dict[str, tuple[str, str]] = {
    # layout
    "service.name": ("Report anti-social behaviour", "Rhoi gwybod am ymddygiad gwrthgymdeithasol"),
    "skip": ("Skip to main content", "Neidio i'r prif gynnwys"),
    "back": ("Back", "Yn ôl"),
    "continue": ("Continue", "Parhau"),
    "change": ("Change", "Newid"),
    "optional": ("(optional)", "(dewisol)"),
    "language.label": ("Language", "Iaith"),
    "exit": ("Exit this page", "Gadael y dudalen hon"),
    "exit.hidden": ("Emergency", "Argyfwng"),
    "exit.activated": ("Loading.", "Yn llwytho."),
    "exit.timedout": ("Exit this page expired.", "Mae Gadael y dudalen hon wedi dod i ben."),
    "exit.two": (
        "Shift, press 2 more times to exit.",
        "Shift, pwyswch 2 waith eto i adael.",
    ),
    "exit.one": ("Shift, press 1 more time to exit.", "Shift, pwyswch 1 waith eto i adael."),
    "exit.hint": (
        "To leave this page quickly, press the Shift key three times or use the Exit this page button.",
        "I adael y dudalen hon yn gyflym, pwyswch y fysell Shift dair gwaith neu defnyddiwch y botwm Gadael y dudalen hon.",
    ),
    "footer.privacy": ("Privacy", "Preifatrwydd"),
    "footer.accessibility": ("Accessibility", "Hygyrchedd"),
    "error.title": ("There is a problem", "Mae problem wedi codi"),
    "error.prefix": ("Error:", "Gwall:"),
    "notfound.title": ("Page not found", "Heb ddod o hyd i'r dudalen"),
    "notfound.body": (
        "If you typed the web address, check it is correct.",
        "Os gwnaethoch deipio'r cyfeiriad gwe, gwiriwch ei fod yn gywir.",
    ),
    "problem.title": (
        "Sorry, there is a problem with the service",
        "Mae'n ddrwg gennym, mae problem gyda'r gwasanaeth",
    ),
    "problem.body": ("Try again later.", "Rhowch gynnig arall arni yn nes ymlaen."),
    "problem.kept": (
        "We have kept your answers. You can try again in a few minutes without typing them again.",
        "Rydym wedi cadw eich atebion. Gallwch roi cynnig arall arni ymhen ychydig funudau heb eu teipio eto.",
    ),
    "problem.emergency": (
        "If you are in danger now, call 999.",
        "Os ydych mewn perygl nawr, ffoniwch 999.",
    ),
    "expired.title": ("This form has expired", "Mae'r ffurflen hon wedi dod i ben"),
    "expired.body": (
        "For your security, forms expire when they have not been used for a while. Go back and try again.",
        "Er eich diogelwch, mae ffurflenni'n dod i ben pan nad ydynt wedi cael eu defnyddio ers tro. Ewch yn ôl a rhowch gynnig arall arni.",
    ),
    "start.again": ("Start again", "Dechrau eto"),
    # start page
    "start.lead": (
        "Tell {landlord} about anti-social behaviour where you live, and follow what happens next.",
        "Rhowch wybod i {landlord} am ymddygiad gwrthgymdeithasol lle rydych yn byw, a dilynwch beth sy'n digwydd nesaf.",
    ),
    "start.what.title": ("What anti-social behaviour is", "Beth yw ymddygiad gwrthgymdeithasol"),
    "start.what.body": (
        "Anti-social behaviour is behaviour that causes, or is likely to cause, harassment, alarm or distress, or nuisance and annoyance in or around your home. For example: noise, threats or abuse, hate incidents, drug dealing, vandalism, graffiti or misuse of shared areas.",
        "Ymddygiad gwrthgymdeithasol yw ymddygiad sy'n achosi, neu'n debygol o achosi, aflonyddu, braw neu ofid, neu niwsans a blinder yn eich cartref neu o'i gwmpas. Er enghraifft: sŵn, bygythiadau neu gamdriniaeth, digwyddiadau casineb, delio cyffuriau, fandaliaeth, graffiti neu gamddefnyddio mannau a rennir.",
    ),
    "start.notasb.title": (
        "What we will not usually treat as anti-social behaviour",
        "Beth na fyddwn fel arfer yn ei drin fel ymddygiad gwrthgymdeithasol",
    ),
    "start.notasb.lead": (
        "Some things are part of everyday life. We will still read your report, but we may give you advice instead of opening an investigation:",
        "Mae rhai pethau'n rhan o fywyd bob dydd. Byddwn yn dal i ddarllen eich adroddiad, ond efallai y byddwn yn rhoi cyngor i chi yn hytrach nag agor ymchwiliad:",
    ),
    "start.after.title": (
        "What happens after you report",
        "Beth sy'n digwydd ar ôl i chi roi gwybod",
    ),
    "start.after.first": (
        "We will contact you within {days} working days.",
        "Byddwn yn cysylltu â chi o fewn {days} diwrnod gwaith.",
    ),
    "start.after.first_one": (
        "We will contact you by the end of the next working day.",
        "Byddwn yn cysylltu â chi erbyn diwedd y diwrnod gwaith nesaf.",
    ),
    "start.after.priority": (
        "If you are reporting a hate incident or abuse at home, we will contact you the same working day.",
        "Os ydych yn rhoi gwybod am ddigwyddiad casineb neu gamdriniaeth yn y cartref, byddwn yn cysylltu â chi ar yr un diwrnod gwaith.",
    ),
    "start.after.plan": (
        "If we investigate, we will agree an action plan with you within {days} working days.",
        "Os byddwn yn ymchwilio, byddwn yn cytuno ar gynllun gweithredu gyda chi o fewn {days} diwrnod gwaith.",
    ),
    "start.after.update": (
        "We will update you at least every {days} working days until your case is closed.",
        "Byddwn yn rhoi diweddariad i chi o leiaf bob {days} diwrnod gwaith nes bydd eich achos wedi'i gau.",
    ),
    "start.after.follow": (
        "You will get a reference and a tracking code, so you can follow your report online.",
        "Byddwch yn cael cyfeirnod a chod tracio, fel y gallwch ddilyn eich adroddiad ar-lein.",
    ),
    "start.emergency.title": ("In an emergency", "Mewn argyfwng"),
    "start.emergency.999": (
        "If someone is in immediate danger or a crime is happening now, call 999.",
        "Os oes rhywun mewn perygl uniongyrchol neu os oes trosedd yn digwydd nawr, ffoniwch 999.",
    ),
    "start.emergency.101": (
        "To report a crime that is not an emergency, call the police on 101.",
        "I roi gwybod am drosedd nad yw'n argyfwng, ffoniwch yr heddlu ar 101.",
    ),
    "start.button": ("Start now", "Dechrau nawr"),
    "start.follow": (
        "Already reported something? Follow your report",
        "Wedi rhoi gwybod am rywbeth yn barod? Dilynwch eich adroddiad",
    ),
    "start.review": (
        "Not happy with how your reports were dealt with? Apply for an ASB case review",
        "Ddim yn hapus â sut y deliwyd â'ch adroddiadau? Gwnewch gais am adolygiad achos ymddygiad gwrthgymdeithasol",
    ),
    "start.time": ("It takes around 10 minutes.", "Mae'n cymryd tua 10 munud."),
    "problem.again": ("Try again", "Rhoi cynnig arall arni"),
    "date.day": ("Day", "Diwrnod"),
    "date.month": ("Month", "Mis"),
    "date.year": ("Year", "Blwyddyn"),
    # what the landlord does not treat as ASB, by casework's labels (its English advice is
    # shown for a label not here)
    "notasb.children playing": (
        "Children playing is not usually ASB. We can offer mediation if it is causing real difficulty.",
        "Nid yw plant yn chwarae fel arfer yn ymddygiad gwrthgymdeithasol. Gallwn gynnig cyfryngu os yw'n achosi anhawster gwirioneddol.",
    ),
    "notasb.cooking smells": (
        "Cooking smells are part of everyday life and are not ASB.",
        "Mae arogleuon coginio yn rhan o fywyd bob dydd ac nid ydynt yn ymddygiad gwrthgymdeithasol.",
    ),
    "notasb.smoking at home": (
        "Smoking in one's own home is not ASB.",
        "Nid yw ysmygu yn eich cartref eich hun yn ymddygiad gwrthgymdeithasol.",
    ),
    "notasb.reasonable household noise or DIY": (
        "Everyday household noise and DIY at reasonable hours are not ASB. Talking to your neighbour, or mediation, often helps.",
        "Nid yw sŵn bob dydd yn y cartref a gwaith DIY ar oriau rhesymol yn ymddygiad gwrthgymdeithasol. Mae siarad â'ch cymydog, neu gyfryngu, yn aml yn helpu.",
    ),
    "notasb.a one-off party": (
        "A one-off party is not usually ASB. Tell us if it keeps happening.",
        "Nid yw parti unwaith yn unig fel arfer yn ymddygiad gwrthgymdeithasol. Rhowch wybod i ni os yw'n parhau i ddigwydd.",
    ),
    "notasb.a dog barking briefly": (
        "A dog barking for short periods is not ASB. Persistent barking can be a noise problem: keep a diary.",
        "Nid yw ci yn cyfarth am gyfnodau byr yn ymddygiad gwrthgymdeithasol. Gall cyfarth parhaus fod yn broblem sŵn: cadwch ddyddiadur.",
    ),
    "notasb.dog fouling": (
        "Dog fouling is dealt with by the council's environmental services.",
        "Mae baw cŵn yn cael ei drin gan wasanaethau amgylcheddol y cyngor.",
    ),
    "notasb.cats in gardens": (
        "Cats entering gardens are not ASB.",
        "Nid yw cathod yn mynd i erddi yn ymddygiad gwrthgymdeithasol.",
    ),
    "notasb.gossip or social media": (
        "Gossip and social-media disputes are not ASB; harassment or threats online can be reported to the police.",
        "Nid yw clecs ac anghydfodau ar y cyfryngau cymdeithasol yn ymddygiad gwrthgymdeithasol; gellir rhoi gwybod i'r heddlu am aflonyddu neu fygythiadau ar-lein.",
    ),
    "notasb.dirty looks": (
        "Dirty looks are not ASB.",
        "Nid yw edrychiadau cas yn ymddygiad gwrthgymdeithasol.",
    ),
    "notasb.lifestyle clash": (
        "Differences in lifestyle are not ASB. Mediation can help neighbours agree.",
        "Nid yw gwahaniaethau mewn ffordd o fyw yn ymddygiad gwrthgymdeithasol. Gall cyfryngu helpu cymdogion i gytuno.",
    ),
    "notasb.parking": (
        "Parking is not usually ASB unless it blocks access or is used to intimidate; the council deals with parking on the road.",
        "Nid yw parcio fel arfer yn ymddygiad gwrthgymdeithasol oni bai ei fod yn rhwystro mynediad neu'n cael ei ddefnyddio i fygwth; mae'r cyngor yn delio â pharcio ar y ffordd.",
    ),
}
