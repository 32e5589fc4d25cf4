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
    # the staff console's chrome (its pages' own words are English)
    "console.name": ("ASB staff console", "Consol staff ymddygiad gwrthgymdeithasol"),
    "console.service_information": ("Service information", "Gwybodaeth am y gwasanaeth"),
    "console.menu": ("Menu", "Dewislen"),
    "console.signed_in_as": ("Signed in as", "Wedi mewngofnodi fel"),
    "console.sign_out": ("Sign out", "Allgofnodi"),
    "console.footer": (
        "For the landlord's staff only. Case information is confidential.",
        "Ar gyfer staff y landlord yn unig. Mae gwybodaeth am achosion yn gyfrinachol.",
    ),
    "console.nav.my-cases": ("My cases", "Fy achosion"),
    "console.nav.team": ("Team", "Tîm"),
    "console.nav.search": ("Search", "Chwilio"),
    "console.nav.map": ("Map", "Map"),
    "console.nav.measures": ("Measures", "Mesurau"),
    "console.nav.reviews": ("Reviews", "Adolygiadau"),
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
    "start.call.title": ("Call {landlord}", "Ffonio {landlord}"),
    "start.call.phone": ("Anti-social behaviour team:", "Tîm ymddygiad gwrthgymdeithasol:"),
    "start.call.out_of_hours": (
        "Urgent problems out of office hours:",
        "Problemau brys y tu allan i oriau swyddfa:",
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
    "yes": ("Yes", "Ydy"),
    "no": ("No", "Nac ydy"),
    "busy.title": ("Too many requests", "Gormod o geisiadau"),
    "busy.body": (
        "You have sent a lot of requests in a short time. Wait a minute and try again.",
        "Rydych wedi anfon llawer o geisiadau mewn amser byr. Arhoswch funud a rhowch gynnig arall arni.",
    ),
    # the report
    "report.caption": (
        "Report anti-social behaviour",
        "Rhoi gwybod am ymddygiad gwrthgymdeithasol",
    ),
    "what.title": ("What is happening?", "Beth sy'n digwydd?"),
    "what.hint": ("Select all that apply.", "Dewiswch bob un sy'n berthnasol."),
    "what.error": ("Select what is happening", "Dewiswch beth sy'n digwydd"),
    "category.noise": ("Noise", "Sŵn"),
    "category.verbal_abuse": (
        "Verbal abuse, threats or intimidation",
        "Camdriniaeth eiriol, bygythiadau neu frawychu",
    ),
    "category.hate_incident": (
        "Hate incident (targeted because of who you are)",
        "Digwyddiad casineb (wedi'ch targedu oherwydd pwy ydych chi)",
    ),
    "category.domestic_abuse": (
        "Abuse or violence from a partner or family member",
        "Camdriniaeth neu drais gan bartner neu aelod o'r teulu",
    ),
    "category.drugs": ("Drugs or drug dealing", "Cyffuriau neu ddelio cyffuriau"),
    "category.alcohol": ("Alcohol-related behaviour", "Ymddygiad sy'n gysylltiedig ag alcohol"),
    "category.criminal_behaviour": ("Other criminal behaviour", "Ymddygiad troseddol arall"),
    "category.physical_violence": ("Physical violence", "Trais corfforol"),
    "category.vandalism": ("Vandalism or damage", "Fandaliaeth neu ddifrod"),
    "category.graffiti": ("Graffiti", "Graffiti"),
    "category.litter": ("Litter or fly-tipping", "Sbwriel neu dipio anghyfreithlon"),
    "category.garden_nuisance": (
        "Untidy or overgrown gardens",
        "Gerddi blêr neu wedi tyfu'n wyllt",
    ),
    "category.communal_areas": ("Misuse of shared areas", "Camddefnyddio mannau a rennir"),
    "category.pets_animals": ("Pets and animals", "Anifeiliaid anwes ac anifeiliaid"),
    "category.nuisance_vehicles": ("Nuisance vehicles", "Cerbydau niwsans"),
    "category.boundary_dispute": ("Boundary dispute", "Anghydfod ffin"),
    "category.car_parking": ("Parking", "Parcio"),
    "category.condition_of_property": ("Condition of a home", "Cyflwr cartref"),
    "category.personal_allegation": (
        "Something said about you",
        "Rhywbeth a ddywedwyd amdanoch chi",
    ),
    "category.cuckooing": (
        "Someone's home taken over by others",
        "Cartref rhywun wedi'i feddiannu gan eraill",
    ),
    "category.other": ("Something else", "Rhywbeth arall"),
    "describe.title": ("Tell us what is happening", "Dywedwch wrthym beth sy'n digwydd"),
    "describe.hint": (
        "Say what happened, how often it happens, and how it affects you. Do not include other people's personal details unless they matter.",
        "Dywedwch beth ddigwyddodd, pa mor aml mae'n digwydd, a sut mae'n effeithio arnoch chi. Peidiwch â chynnwys manylion personol pobl eraill oni bai eu bod yn bwysig.",
    ),
    "describe.error.short": (
        "Tell us what is happening in at least 10 characters",
        "Dywedwch wrthym beth sy'n digwydd mewn o leiaf 10 nod",
    ),
    "describe.error.long": (
        "What is happening must be 10,000 characters or fewer",
        "Rhaid i beth sy'n digwydd fod yn 10,000 nod neu lai",
    ),
    "when.title": ("When did it last happen?", "Pryd ddigwyddodd hyn ddiwethaf?"),
    "when.hint": ("For example, {example}", "Er enghraifft, {example}"),
    "when.error.missing": (
        "Enter the date it last happened, with a day, month and year",
        "Rhowch y dyddiad y digwyddodd ddiwethaf, gyda diwrnod, mis a blwyddyn",
    ),
    "when.error.real": (
        "The date must be a real date",
        "Rhaid i'r dyddiad fod yn ddyddiad go iawn",
    ),
    "when.error.future": (
        "The date it last happened must be today or in the past",
        "Rhaid i'r dyddiad y digwyddodd ddiwethaf fod heddiw neu yn y gorffennol",
    ),
    "when.error.past": ("The date must be after 1990", "Rhaid i'r dyddiad fod ar ôl 1990"),
    "where.title": ("Where is it happening?", "Ble mae'n digwydd?"),
    "where.lead": (
        "Give the address, or describe the place (for example, the stairwell of block C), and the postcode if you know it.",
        "Rhowch y cyfeiriad, neu disgrifiwch y lle (er enghraifft, grisiau bloc C), a'r cod post os ydych yn ei wybod.",
    ),
    "where.address": ("Address or place", "Cyfeiriad neu le"),
    "where.address.hint": ("", ""),
    "where.postcode": ("Postcode", "Cod post"),
    "where.error.missing": (
        "Enter the address or place, or the postcode",
        "Rhowch y cyfeiriad neu'r lle, neu'r cod post",
    ),
    "where.error.postcode": (
        "Enter a real postcode, like SK1 3XE",
        "Rhowch god post go iawn, fel SK1 3XE",
    ),
    "who.title": ("Who is causing it?", "Pwy sy'n ei achosi?"),
    "who.lead": (
        "If you know who is causing it, tell us. You can leave this blank.",
        "Os ydych yn gwybod pwy sy'n ei achosi, dywedwch wrthym. Gallwch adael hyn yn wag.",
    ),
    "who.name": ("Their name", "Eu henw"),
    "who.address": ("Their address", "Eu cyfeiriad"),
    "who.description": (
        "What they look like, or anything else that helps",
        "Sut maen nhw'n edrych, neu unrhyw beth arall sy'n helpu",
    ),
    "who.description.hint": ("", ""),
    "about.title": ("Do you want to give your name?", "Ydych chi eisiau rhoi eich enw?"),
    "about.named": ("Yes, I will give my name", "Ydw, byddaf yn rhoi fy enw"),
    "about.named.hint": (
        "We will keep you updated, the way you choose. We will not tell the person you report about that it was you without asking you.",
        "Byddwn yn rhoi'r wybodaeth ddiweddaraf i chi, yn y ffordd rydych yn ei dewis. Ni fyddwn yn dweud wrth y person rydych yn rhoi gwybod amdano mai chi oedd yno heb ofyn i chi.",
    ),
    "about.anonymous": ("No, I want to stay anonymous", "Na, rwyf eisiau aros yn ddienw"),
    "about.anonymous.hint": (
        "We cannot contact you or update you, and we may not be able to take some actions without a witness. You can still follow your report online with its reference and tracking code.",
        "Ni allwn gysylltu â chi na rhoi diweddariad i chi, ac efallai na allwn gymryd rhai camau heb dyst. Gallwch ddal i ddilyn eich adroddiad ar-lein gyda'i gyfeirnod a'i god tracio.",
    ),
    "about.error": (
        "Select whether you want to give your name",
        "Dewiswch a ydych eisiau rhoi eich enw",
    ),
    "details.title": ("Your details", "Eich manylion"),
    "details.lead": (
        "Give at least one way to reach you that is safe. On the next page you can tell us which ways are not safe.",
        "Rhowch o leiaf un ffordd o gysylltu â chi sy'n ddiogel. Ar y dudalen nesaf gallwch ddweud wrthym pa ffyrdd nad ydynt yn ddiogel.",
    ),
    "details.name": ("Full name", "Enw llawn"),
    "details.email": ("Email address", "Cyfeiriad e-bost"),
    "details.phone": ("Phone number", "Rhif ffôn"),
    "details.address": ("Postal address", "Cyfeiriad post"),
    "details.address.hint": ("Only if we may write to you.", "Dim ond os cawn ysgrifennu atoch."),
    "details.error.name": ("Enter your full name", "Rhowch eich enw llawn"),
    "details.error.email": (
        "Enter an email address in the correct format, like name@example.com",
        "Rhowch gyfeiriad e-bost yn y fformat cywir, fel enw@enghraifft.com",
    ),
    "details.error.phone": (
        "Enter a phone number, like 01632 960 001 or 07700 900 982",
        "Rhowch rif ffôn, fel 01632 960 001 neu 07700 900 982",
    ),
    "details.error.needed.email": (
        "Enter your email address, or do not choose email as a safe way to contact you",
        "Rhowch eich cyfeiriad e-bost, neu peidiwch â dewis e-bost fel ffordd ddiogel o gysylltu â chi",
    ),
    "details.error.needed.phone": (
        "Enter your phone number, or do not choose text messages or calls as a safe way to contact you",
        "Rhowch eich rhif ffôn, neu peidiwch â dewis negeseuon testun neu alwadau fel ffordd ddiogel o gysylltu â chi",
    ),
    "details.error.needed.postal-address": (
        "Enter your postal address, or do not choose letters as a safe way to contact you",
        "Rhowch eich cyfeiriad post, neu peidiwch â dewis llythyrau fel ffordd ddiogel o gysylltu â chi",
    ),
    "contact.title": ("How we may contact you", "Sut y cawn gysylltu â chi"),
    "contact.lead": (
        "Tell us which ways are safe. If someone else may read your messages or answer your phone, tell us which ways are not safe: we will never use them.",
        "Dywedwch wrthym pa ffyrdd sy'n ddiogel. Os gallai rhywun arall ddarllen eich negeseuon neu ateb eich ffôn, dywedwch wrthym pa ffyrdd nad ydynt yn ddiogel: ni fyddwn byth yn eu defnyddio.",
    ),
    "contact.safe": ("Safe ways to contact you", "Ffyrdd diogel o gysylltu â chi"),
    "contact.safe.hint": ("Select all that apply.", "Dewiswch bob un sy'n berthnasol."),
    "contact.unsafe": ("Ways that are not safe", "Ffyrdd nad ydynt yn ddiogel"),
    "contact.unsafe.hint": (
        "We will never contact you these ways.",
        "Ni fyddwn byth yn cysylltu â chi yn y ffyrdd hyn.",
    ),
    "contact.preferred": ("The way you prefer", "Y ffordd sydd orau gennych"),
    "contact.voicemail": ("Is it safe to leave a voicemail?", "A yw'n ddiogel gadael neges llais?"),
    "contact.letters": (
        "Is it safe to send letters to your home?",
        "A yw'n ddiogel anfon llythyrau i'ch cartref?",
    ),
    "contact.error.both": (
        "A way cannot be both safe and not safe",
        "Ni all ffordd fod yn ddiogel ac yn anniogel",
    ),
    "contact.error.preferred_unsafe": (
        "The way you prefer cannot be one that is not safe",
        "Ni all y ffordd sydd orau gennych fod yn un nad yw'n ddiogel",
    ),
    "channel.email": ("Email", "E-bost"),
    "channel.sms": ("Text message", "Neges destun"),
    "channel.phone": ("Phone call from your officer", "Galwad ffôn gan eich swyddog"),
    "channel.letter": ("Letter", "Llythyr"),
    "channel.in_app": ("Messages on this website only", "Negeseuon ar y wefan hon yn unig"),
    "safety.title": ("When it is safe to contact you", "Pryd mae'n ddiogel cysylltu â chi"),
    "safety.days": ("Days when it is safe", "Diwrnodau pan mae'n ddiogel"),
    "safety.days.hint": (
        "Leave blank if any day is safe.",
        "Gadewch yn wag os yw unrhyw ddiwrnod yn ddiogel.",
    ),
    "safety.hours": ("Hours when it is safe", "Oriau pan mae'n ddiogel"),
    "safety.hours.hint": ("UK time.", "Amser y DU."),
    "safety.from": ("From", "O"),
    "safety.to": ("To", "I"),
    "safety.any": ("Any time", "Unrhyw bryd"),
    "safety.error.hours": (
        "Choose both hours, with the second later than the first",
        "Dewiswch y ddwy awr, gyda'r ail yn hwyrach na'r gyntaf",
    ),
    "safety.officer": ("Only through my officer", "Dim ond drwy fy swyddog"),
    "safety.officer.yes": (
        "Do not send me messages: my officer will contact me as we agree",
        "Peidiwch ag anfon negeseuon ataf: bydd fy swyddog yn cysylltu â mi fel y byddwn yn cytuno",
    ),
    "safety.officer.hint": ("", ""),
    "safety.code": ("A code word", "Gair cod"),
    "safety.code.hint": (
        "Your officer will say it, so you know it is really us. Only your officer sees it.",
        "Bydd eich swyddog yn ei ddweud, fel eich bod yn gwybod mai ni sydd yno mewn gwirionedd. Dim ond eich swyddog sy'n ei weld.",
    ),
    "safety.error.code": (
        "The code word must be 100 characters or fewer",
        "Rhaid i'r gair cod fod yn 100 nod neu lai",
    ),
    "safety.needs": ("Do you need any of these?", "Oes angen unrhyw un o'r rhain arnoch?"),
    "safety.note": (
        "Anything else your officer should know about contacting you",
        "Unrhyw beth arall y dylai eich swyddog ei wybod am gysylltu â chi",
    ),
    "safety.note.hint": ("Only your officer sees this.", "Dim ond eich swyddog sy'n gweld hyn."),
    "safety.error.note": (
        "This must be 1,000 characters or fewer",
        "Rhaid i hyn fod yn 1,000 nod neu lai",
    ),
    "need.large_print": ("Large print", "Print bras"),
    "need.interpreter": ("An interpreter", "Cyfieithydd"),
    "need.bsl": ("British Sign Language", "Iaith Arwyddion Prydain"),
    "need.easy_read": ("Easy read", "Hawdd ei ddarllen"),
    "day.0": ("Monday", "Dydd Llun"),
    "day.1": ("Tuesday", "Dydd Mawrth"),
    "day.2": ("Wednesday", "Dydd Mercher"),
    "day.3": ("Thursday", "Dydd Iau"),
    "day.4": ("Friday", "Dydd Gwener"),
    "day.5": ("Saturday", "Dydd Sadwrn"),
    "day.6": ("Sunday", "Dydd Sul"),
    "risk.title": ("How this is affecting you", "Sut mae hyn yn effeithio arnoch chi"),
    "risk.lead": (
        "These questions help us understand how urgent this is. Answer the ones you can.",
        "Mae'r cwestiynau hyn yn ein helpu i ddeall pa mor frys yw hyn. Atebwch y rhai y gallwch.",
    ),
    "answer.yes": ("Yes", "Ydw"),
    "answer.no": ("No", "Nac ydw"),
    "answer.some": ("A little", "Ychydig"),
    "risk.q.feels_unsafe": (
        "Do you feel unsafe in your home or when you leave it?",
        "Ydych chi'n teimlo'n anniogel yn eich cartref neu pan fyddwch yn ei adael?",
    ),
    "risk.q.threatened": (
        "Have you been threatened with violence or attacked?",
        "Ydych chi wedi cael eich bygwth â thrais neu wedi cael eich ymosod arnoch?",
    ),
    "risk.q.targeted_for_who_you_are": (
        "Do you think you are targeted because of who you are (race, religion, disability, sexuality, gender identity)?",
        "Ydych chi'n meddwl eich bod yn cael eich targedu oherwydd pwy ydych chi (hil, crefydd, anabledd, rhywioldeb, hunaniaeth rhywedd)?",
    ),
    "risk.q.health_affected": (
        "Is this affecting your physical or mental health?",
        "Ydy hyn yn effeithio ar eich iechyd corfforol neu feddyliol?",
    ),
    "risk.q.disability_or_illness": (
        "Do you or anyone in your household have a disability or long-term illness?",
        "Oes gennych chi neu unrhyw un yn eich cartref anabledd neu salwch hirdymor?",
    ),
    "risk.q.children_or_older_people": (
        "Are there children or people over 65 in your household?",
        "Oes plant neu bobl dros 65 oed yn eich cartref?",
    ),
    "risk.q.child_at_risk": (
        "Is a child or an adult at risk of harm?",
        "Oes plentyn neu oedolyn mewn perygl o niwed?",
    ),
    "risk.q.reported_before": (
        "Have you reported this problem before?",
        "Ydych chi wedi rhoi gwybod am y broblem hon o'r blaen?",
    ),
    "risk.q.isolated": (
        "Do you have no one to support you (family, friends, neighbours)?",
        "Oes gennych chi neb i'ch cefnogi (teulu, ffrindiau, cymdogion)?",
    ),
    "risk.q.considering_moving": (
        "Are you thinking of moving because of this?",
        "Ydych chi'n meddwl am symud oherwydd hyn?",
    ),
    "check.title": (
        "Check your answers before sending your report",
        "Gwiriwch eich atebion cyn anfon eich adroddiad",
    ),
    "check.about_it": ("What you are reporting", "Beth rydych yn rhoi gwybod amdano"),
    "check.about_you": ("About you", "Amdanoch chi"),
    "check.what": ("What is happening", "Beth sy'n digwydd"),
    "check.describe": ("Details", "Manylion"),
    "check.when": ("When it last happened", "Pryd ddigwyddodd ddiwethaf"),
    "check.where": ("Where", "Ble"),
    "check.who": ("Who is causing it", "Pwy sy'n ei achosi"),
    "check.identity": ("Your name", "Eich enw"),
    "check.anonymous": ("Anonymous", "Dienw"),
    "check.none": ("Not given", "Heb ei roi"),
    "check.code_given": (
        "Given (only your officer sees it)",
        "Wedi'i roi (dim ond eich swyddog sy'n ei weld)",
    ),
    "check.send.title": ("Now send your report", "Nawr anfonwch eich adroddiad"),
    "check.send.body": (
        "By sending this report you confirm that, to the best of your knowledge, the details you are giving are correct.",
        "Drwy anfon yr adroddiad hwn rydych yn cadarnhau bod y manylion rydych yn eu rhoi yn gywir hyd eithaf eich gwybodaeth.",
    ),
    "check.send": ("Send report", "Anfon adroddiad"),
    "done.title": ("Report sent", "Adroddiad wedi'i anfon"),
    "done.reference": ("Your reference is", "Eich cyfeirnod yw"),
    "done.follow.title": ("Follow your report", "Dilyn eich adroddiad"),
    "done.code": ("Your tracking code is:", "Eich cod tracio yw:"),
    "done.keep": (
        "Keep your reference and tracking code somewhere safe. You need both to follow your report.",
        "Cadwch eich cyfeirnod a'ch cod tracio yn rhywle diogel. Mae angen y ddau arnoch i ddilyn eich adroddiad.",
    ),
    "done.link": ("Or use this private link:", "Neu defnyddiwch y ddolen breifat hon:"),
    "done.private": (
        "Anyone with this link or your tracking code can see your report. Do not share them.",
        "Gall unrhyw un sydd â'r ddolen hon neu eich cod tracio weld eich adroddiad. Peidiwch â'u rhannu.",
    ),
    "done.evidence.title": ("Photos, recordings or videos", "Lluniau, recordiadau neu fideos"),
    "done.evidence.body": (
        "If you have photos, sound recordings or videos of what is happening, you can add them now or later.",
        "Os oes gennych luniau, recordiadau sain neu fideos o'r hyn sy'n digwydd, gallwch eu hychwanegu nawr neu yn nes ymlaen.",
    ),
    "done.evidence.link": (
        "Add photos, recordings or videos",
        "Ychwanegu lluniau, recordiadau neu fideos",
    ),
    "done.next.title": ("What happens next", "Beth sy'n digwydd nesaf"),
    "done.next.named": (
        "An officer will look at your report and contact you within {days} working days, in the way you chose.",
        "Bydd swyddog yn edrych ar eich adroddiad ac yn cysylltu â chi o fewn {days} diwrnod gwaith, yn y ffordd a ddewisoch.",
    ),
    "done.next.named_one": (
        "An officer will look at your report and contact you by the end of the next working day, in the way you chose.",
        "Bydd swyddog yn edrych ar eich adroddiad ac yn cysylltu â chi erbyn diwedd y diwrnod gwaith nesaf, yn y ffordd a ddewisoch.",
    ),
    "done.next.anonymous": (
        "An officer will look at your report. We cannot contact you, but you can follow your report online.",
        "Bydd swyddog yn edrych ar eich adroddiad. Ni allwn gysylltu â chi, ond gallwch ddilyn eich adroddiad ar-lein.",
    ),
    # follow my report
    "follow.title": ("Follow your report", "Dilyn eich adroddiad"),
    "follow.lead": (
        "Enter the reference and the tracking code you were given when you reported.",
        "Rhowch y cyfeirnod a'r cod tracio a gawsoch pan wnaethoch roi gwybod.",
    ),
    "follow.reference": ("Reference", "Cyfeirnod"),
    "follow.reference.hint": ("For example, ETOE-2026-000123", "Er enghraifft, ETOE-2026-000123"),
    "follow.code": ("Tracking code", "Cod tracio"),
    "follow.code.hint": (
        "It was on the page you saw when you sent your report, or in our reply if you "
        "reported by email.",
        "Roedd ar y dudalen a welsoch pan anfonoch eich adroddiad, neu yn ein hateb os "
        "gwnaethoch roi gwybod drwy e-bost.",
    ),
    "follow.button": ("Continue", "Parhau"),
    "follow.lost": (
        "If you have lost your tracking code, contact your officer or your landlord.",
        "Os ydych wedi colli eich cod tracio, cysylltwch â'ch swyddog neu eich landlord.",
    ),
    "follow.error.reference": (
        "Enter the reference, like ETOE-2026-000123",
        "Rhowch y cyfeirnod, fel ETOE-2026-000123",
    ),
    "follow.error.code": ("Enter the tracking code", "Rhowch y cod tracio"),
    "follow.error.wrong": (
        "The reference or the tracking code is not right. Check them and try again",
        "Nid yw'r cyfeirnod na'r cod tracio yn gywir. Gwiriwch nhw a rhowch gynnig arall arni",
    ),
    "status.title": ("Your report", "Eich adroddiad"),
    "status.status": ("Status", "Statws"),
    "status.received": ("Received", "Wedi dod i law"),
    "status.open": ("Being dealt with", "Yn cael sylw"),
    "status.closed": ("Closed", "Wedi cau"),
    "status.officer": ("Your officer", "Eich swyddog"),
    "status.officer.none": ("Not assigned yet", "Heb ei neilltuo eto"),
    "status.case": ("Case reference", "Cyfeirnod yr achos"),
    "status.updates": ("Updates for you", "Diweddariadau i chi"),
    "status.no_updates": ("There are no updates yet.", "Nid oes diweddariadau eto."),
    "status.added": ("What you have added", "Beth rydych wedi'i ychwanegu"),
    "status.nothing_added": (
        "You have not added anything yet.",
        "Nid ydych wedi ychwanegu dim eto.",
    ),
    "status.add_incident": ("Tell us it happened again", "Dywedwch wrthym ei fod wedi digwydd eto"),
    "status.add_evidence": (
        "Add photos, recordings or videos",
        "Ychwanegu lluniau, recordiadau neu fideos",
    ),
    "status.survey": (
        "Your case is closed. Tell us how we did: it takes 2 minutes.",
        "Mae eich achos wedi cau. Dywedwch wrthym sut wnaethom ni: mae'n cymryd 2 funud.",
    ),
    "status.survey.link": ("Answer the survey", "Ateb yr arolwg"),
    "status.flash.title": ("Success", "Llwyddiant"),
    "status.flash.incident": (
        "We have added what happened to your report",
        "Rydym wedi ychwanegu beth ddigwyddodd at eich adroddiad",
    ),
    "status.flash.evidence": (
        "We have added your files to your report",
        "Rydym wedi ychwanegu eich ffeiliau at eich adroddiad",
    ),
    "status.review.title": (
        "Not happy with how this has been dealt with?",
        "Ddim yn hapus â sut mae hyn wedi cael ei drin?",
    ),
    "status.review.body": (
        "If you have reported anti-social behaviour {reports} times or more in {months} months, you can ask for an ASB case review (the Community Trigger).",
        "Os ydych wedi rhoi gwybod am ymddygiad gwrthgymdeithasol {reports} gwaith neu fwy mewn {months} mis, gallwch ofyn am adolygiad achos (y Sbardun Cymunedol).",
    ),
    "status.review.link": ("Apply for an ASB case review", "Gwneud cais am adolygiad achos"),
    "incident.title": ("Tell us it happened again", "Dywedwch wrthym ei fod wedi digwydd eto"),
    "incident.description": ("What happened", "Beth ddigwyddodd"),
    "incident.when": ("When did it happen?", "Pryd ddigwyddodd hyn?"),
    "incident.button": ("Add to my report", "Ychwanegu at fy adroddiad"),
    "incident.error.short": (
        "Tell us what happened in at least 5 characters",
        "Dywedwch wrthym beth ddigwyddodd mewn o leiaf 5 nod",
    ),
    "evidence.title": (
        "Add photos, recordings or videos",
        "Ychwanegu lluniau, recordiadau neu fideos",
    ),
    "evidence.limits": (
        "You can add up to {count} files at a time, each up to {mb} MB.",
        "Gallwch ychwanegu hyd at {count} ffeil ar y tro, pob un hyd at {mb} MB.",
    ),
    "evidence.types": (
        "Photos (JPEG, PNG, HEIC, WebP, GIF), sound recordings (MP3, M4A, WAV, OGG, AMR) and videos (MP4, MOV, 3GP, WebM).",
        "Lluniau (JPEG, PNG, HEIC, WebP, GIF), recordiadau sain (MP3, M4A, WAV, OGG, AMR) a fideos (MP4, MOV, 3GP, WebM).",
    ),
    "evidence.safety": (
        "Do not put yourself at risk to get evidence.",
        "Peidiwch â rhoi eich hun mewn perygl i gael tystiolaeth.",
    ),
    "evidence.files": ("Choose files", "Dewis ffeiliau"),
    "evidence.files.hint": ("You can choose more than one.", "Gallwch ddewis mwy nag un."),
    "evidence.description": ("What the files show", "Beth mae'r ffeiliau'n ei ddangos"),
    "evidence.progress": ("Uploading", "Yn llwytho i fyny"),
    "evidence.button": ("Upload files", "Llwytho ffeiliau i fyny"),
    "evidence.error.none": ("Choose a file to upload", "Dewiswch ffeil i'w llwytho i fyny"),
    "evidence.error.large": (
        "Each file must be {mb} MB or smaller",
        "Rhaid i bob ffeil fod yn {mb} MB neu'n llai",
    ),
    "evidence.error.type": (
        "The files must be photos, sound recordings or videos of the types listed",
        "Rhaid i'r ffeiliau fod yn lluniau, recordiadau sain neu fideos o'r mathau a restrir",
    ),
    "evidence.error.many": (
        "Choose {count} files or fewer at a time",
        "Dewiswch {count} ffeil neu lai ar y tro",
    ),
    "evidence.error.refused": (
        "The files could not be added. Check they are photos, recordings or videos of {mb} MB or less",
        "Nid oedd modd ychwanegu'r ffeiliau. Gwiriwch eu bod yn lluniau, recordiadau neu fideos o {mb} MB neu lai",
    ),
    # the survey
    "survey.title": ("Tell us how we did", "Dywedwch wrthym sut wnaethom ni"),
    "survey.lead": (
        "Your answers help us improve how we deal with anti-social behaviour.",
        "Mae eich atebion yn ein helpu i wella sut rydym yn delio ag ymddygiad gwrthgymdeithasol.",
    ),
    "survey.handling": (
        "How satisfied are you with how we dealt with your report?",
        "Pa mor fodlon ydych chi â sut y deliom â'ch adroddiad?",
    ),
    "survey.outcome": (
        "How satisfied are you with the outcome?",
        "Pa mor fodlon ydych chi â'r canlyniad?",
    ),
    "survey.rating.5": ("Very satisfied", "Bodlon iawn"),
    "survey.rating.4": ("Satisfied", "Bodlon"),
    "survey.rating.3": ("Neither satisfied nor dissatisfied", "Ddim yn fodlon nac yn anfodlon"),
    "survey.rating.2": ("Dissatisfied", "Anfodlon"),
    "survey.rating.1": ("Very dissatisfied", "Anfodlon iawn"),
    "survey.comments": (
        "Anything else you want to tell us",
        "Unrhyw beth arall yr hoffech ei ddweud wrthym",
    ),
    "survey.button": ("Send answers", "Anfon atebion"),
    "survey.error.handling": (
        "Select how satisfied you are with how we dealt with your report",
        "Dewiswch pa mor fodlon ydych chi â sut y deliom â'ch adroddiad",
    ),
    "survey.error.outcome": (
        "Select how satisfied you are with the outcome",
        "Dewiswch pa mor fodlon ydych chi â'r canlyniad",
    ),
    "survey.error.comments": (
        "Comments must be 5,000 characters or fewer",
        "Rhaid i sylwadau fod yn 5,000 nod neu lai",
    ),
    "survey.thanks": ("Thank you for your answers", "Diolch am eich atebion"),
    "survey.thanks.body": (
        "We read every answer. They help us improve the service.",
        "Rydym yn darllen pob ateb. Maen nhw'n ein helpu i wella'r gwasanaeth.",
    ),
    "survey.back": ("Back to your report", "Yn ôl i'ch adroddiad"),
    "survey.closed": ("The survey is not open", "Nid yw'r arolwg ar agor"),
    "survey.closed.body": (
        "You may have answered it already, or your case is not closed yet.",
        "Efallai eich bod wedi ei ateb yn barod, neu nid yw eich achos wedi cau eto.",
    ),
    # the case review
    "review.title": (
        "Apply for an ASB case review",
        "Gwneud cais am adolygiad achos ymddygiad gwrthgymdeithasol",
    ),
    "review.lead": (
        "You can ask for a case review (the Community Trigger) if you have reported anti-social behaviour {reports} times or more in {months} months and feel it has not been dealt with.",
        "Gallwch ofyn am adolygiad achos (y Sbardun Cymunedol) os ydych wedi rhoi gwybod am ymddygiad gwrthgymdeithasol {reports} gwaith neu fwy mewn {months} mis ac yn teimlo nad yw wedi cael sylw.",
    ),
    "review.named": (
        "A case review cannot be anonymous: we need your name and a way to reach you.",
        "Ni all adolygiad achos fod yn ddienw: mae angen eich enw a ffordd o gysylltu â chi arnom.",
    ),
    "review.reach.hint": (
        "Give an email address or a phone number.",
        "Rhowch gyfeiriad e-bost neu rif ffôn.",
    ),
    "review.references": ("The references of your reports", "Cyfeirnodau eich adroddiadau"),
    "review.references.hint": (
        "One per line, for example ETOE-2026-000123",
        "Un ar bob llinell, er enghraifft ETOE-2026-000123",
    ),
    "review.description": ("Why you are asking for a review", "Pam rydych yn gofyn am adolygiad"),
    "review.description.hint": (
        "Tell us what has been happening and why you feel it has not been dealt with.",
        "Dywedwch wrthym beth sydd wedi bod yn digwydd a pham rydych yn teimlo nad yw wedi cael sylw.",
    ),
    "review.behalf": (
        "Are you applying for someone else? Their name",
        "Ydych chi'n gwneud cais ar ran rhywun arall? Eu henw",
    ),
    "review.behalf.hint": (
        "Leave blank if you are applying for yourself.",
        "Gadewch yn wag os ydych yn gwneud cais drosoch eich hun.",
    ),
    "review.consent": ("Their consent", "Eu caniatâd"),
    "review.consent.yes": (
        "They have agreed that I apply for them",
        "Maen nhw wedi cytuno fy mod yn gwneud cais ar eu rhan",
    ),
    "review.button": ("Send application", "Anfon cais"),
    "review.error.reach": (
        "Enter an email address or a phone number",
        "Rhowch gyfeiriad e-bost neu rif ffôn",
    ),
    "review.error.references": (
        "Enter the references of your reports, like ETOE-2026-000123",
        "Rhowch gyfeirnodau eich adroddiadau, fel ETOE-2026-000123",
    ),
    "review.error.description": (
        "Tell us why you are asking for a review in at least 20 characters",
        "Dywedwch wrthym pam rydych yn gofyn am adolygiad mewn o leiaf 20 nod",
    ),
    "review.error.consent": (
        "Confirm the person you apply for has agreed",
        "Cadarnhewch fod y person rydych yn gwneud cais ar ei ran wedi cytuno",
    ),
    "review.done": ("Application sent", "Cais wedi'i anfon"),
    "review.done.body": (
        "We will tell you whether the case review will go ahead, and when.",
        "Byddwn yn dweud wrthych a fydd yr adolygiad achos yn mynd yn ei flaen, a phryd.",
    ),
}
