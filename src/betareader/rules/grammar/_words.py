"""Word lists shared by several GRM rules.

The small closed classes the rules test neighbouring words against (subordinators, modals, participles…) are kept here as code beside the rules that read them; the long open lists are data files (``_data.py``)."""

from __future__ import annotations

import re

#: Past participles (and the simple pasts people write after "could of": "could of went").
_PARTICIPLES = frozenset(
    """
    been had done gone seen known taken given gotten got made said told thought brought bought
    caught taught fought found left felt kept meant met heard held lost paid sent spent stood
    understood won run come become begun drunk sung swum eaten fallen forgotten forgiven frozen
    hidden ridden risen spoken stolen written driven thrown grown blown drawn flown worn torn
    sworn shown broken chosen woken beaten bitten shaken let put set cut hit hurt quit shut read
    led fed bled sped fled slept wept crept swept dealt dreamt burnt learnt spelt built lent
    bent sat lit spat stuck struck hung swung stung strung clung flung wrung dug spun shone
    slid hid bid forbidden sunk stunk shrunk sprung laid lain ground bound wound
    went took came saw did ate wrote knew ran gave drove threw grew flew fell broke spoke
    chose stole rode rose sang sank swam began drank forgot
    """.split()
)
_NOT_PARTICIPLE_ED = frozenset(
    "bed red shed sled need seed speed weed breed greed creed steed deed feed heed hundred naked "
    "sacred wicked ragged rugged crooked kindred bled fled sped led fed wed".split()
) - {"bled", "fled", "sped", "led", "fed"}
_SUBJECT_PRONOUNS = frozenset("i you he she we they it who that there".split())

#: Words after which a new clause may start, so that "it's", "you're", "there"… begin it.
_CLAUSE_TAKERS = frozenset(
    """
    say said says saying think thought thinks thinking know knew knows knowing guess guessed hope hoped hopes
    suppose supposed believe believed bet feel felt feels find found finds see saw seen sees hear heard hears
    mean meant means swear swore reckon reckoned wish wished fear feared realize realized realise realised
    notice noticed remember remembered forget forgot imagine imagined admit admitted promise promised doubt
    understand understood assume assumed expect expected trust trusted tell told tells show showed shown
    is was are were be been am 's seem seems seemed sure glad sorry afraid see guess mind minded declare
    declared own owned grant granted warrant warn warned note noted discover discovered learn learned learnt
    prove proved proven decide decided agree agreed insist insisted claim claimed hear say know cried
    exclaimed whispered replied answered added muttered asked
    """.split()
) | frozenset(
    w + suffix
    for w in "claim state suggest argue report complain explain confess deny repeat maintain".split()
    for suffix in ("", "s", "ed")
)

#: Forms of "be", "have", "do" and modals: before "your/its" they ask a question ("How is your cold?").
_AUX_WORDS = frozenset(
    "is was are were be been am isn't wasn't aren't weren't has have had do does did can could will would "
    "shall should may might must".split()
)

#: Prepositions (tagged IN) that also join clauses: "because it's late", "as you're here".
_SUBORDINATORS = frozenset(
    """
    that if because as since though although while whilst whether than so for like till until unless once
    before after when where cause cos but and or nor yet whereas lest
    """.split()
)

#: Nouns that follow "it is", "you are" or "there" bare: "it's time", "you're family", "there tonight".
_PREDICATE_NOUNS_POS = frozenset(
    """
    time nothing something everything anything all none one enough fun okay ok lots plenty home family
    trouble luck dinner lunch breakfast supper tea bedtime midnight noon morning night evening today tonight
    tomorrow yesterday now fine magic money business war love hell heaven sunday monday tuesday wednesday
    thursday friday saturday christmas summer winter spring autumn fall overtime school church bed work
    days weeks years months hours minutes ages times years miles ago yet alone mine yours hers ours theirs
    """.split()
)
_MODALS = frozenset("must might may can could will would shall should".split())

#: Words that cannot start the noun phrase a possessive owns: "it's not", "there was".
_NOT_NP_START = frozenset(
    """
    a an the this that these those not no is was are were be been being am has had have do did does will would
    can could shall should may might must seems seemed seem came comes stood lay lies goes went to too so very
    just all any some as and or but if when where what who how why which i you he she it we they me him her us
    them my his our there here now then still also really quite rather already never always ever only even
    again once in on at by for from with of about into over up down out off
    """.split()
)

#: Verbs of perceiving and remembering that take a clause ("I see it's late") or an object: a
#: written "it's" + a noun phrase + punctuation after them is the possessive ("remember it's title.").
_SEE_REMEMBER = frozenset(
    "remember remembered recall recalled see saw seen feel felt expect expected hear heard imagine imagined".split()
)

#: A finite verb within three words of "it's" after a conjunction ("and it's driver hurried",
#: "that it's iniquity did not"): only then is the subject reading worth tagging.
_FINITE_SOON_RE = re.compile(
    r"(?:[ \t]+[a-z]+(?:-[a-z]+)?){1,3}?[ \t]+(?:was|were|is|are|has|had|did|does|will|would|could|should|might|"
    r"must|can|seemed|seems|[a-z]{3,}ed)\b"
)

#: Verbs that take a clause ("I knew it's late") but more often an object ("I knew its extent"):
#: "it's"/"you're" + a noun phrase + punctuation or a preposition after them is the possessive.
_OBJECT_TAKERS = frozenset(
    "doubt doubted notice noticed forget forgot learn learned learnt discover discovered prove proved show showed "
    "shown own owned grant granted note noted warn warned".split()
)

#: Words after which "your/its/their" + an -ing verb starts a clause ("I think your making a
#: mistake"), where a possessive gerund ("I remember your coming") is not idiomatic.
_ING_CLAUSE_WORDS = frozenset(
    "think thinks thought suppose supposed guess reckon bet hope now when whenever while if because cause cos "
    "and but so till until unless since".split()
)
_PREPOSITIONS = frozenset(
    """
    of on in by to for with from into onto about at under over through within without alongside
    amid amidst toward towards upon across along around behind beneath beside besides between
    inside outside against despite during like near off past since throughout unlike via among
    amongst underneath above below
    """.split()
)

#: Nouns that, after a preposition (or "all") and "it's", can only be owned: on it's back.
_OWNED_NOUNS = frozenset(
    """
    own tail tails head heads eyes eye face mouth teeth tooth ears ear wings wing legs leg paws paw
    claws claw fur feathers skin scales shell nose neck back belly body feet foot hands arms
    horns horn beak mane hooves hoof fangs jaws jaw owner owners master mother father nest cage
    den name names surface edge edges side sides hinges base top bottom handle lid spine pages
    cover roots branches leaves trunk petals stem blade hilt tip point core centre center heart
    contents meaning purpose origin origins source place way course path home nature coast shore
    banks walls wall windows window doors door roof floor presence welcome heyday perfection
    glory beauty charm power powers weight shape size colour color length width height depth
    light shadow shadows voice sound smell scent taste effect effects value price history
    people inhabitants members rules benefits flaws faults features parts pieces approach
    title presence corner spot box case frame shelf stand bed pen stall hole socket sheath scabbard
    holster cradle tank jar bowl kennel hutch lair burrow stable perch
    """.split()
)

#: Words before a particle that ends a clause: "Come on it's late", "Hold on it's coming".
_PARTICLE_VERBS = frozenset(
    "come hold hang go carry move get look turn log sign check give keep hurry catch watch shut stop fill figure "
    "think thinking thought it that this them him her me us you got worry".split()
)

#: Words that can only be nouns, by their ending: -ness, -tion, -ment, -ity, -ety, -hood, -ship, -ers.
_NOUNISH_RE = re.compile(r"[a-z]{3,}(?:ness|tion|sion|ment|ity|ety|hood|ship|ers|ors)\Z")

#: Owned nouns that can also start what follows "it is": "it's way too late", "it's back".
_PREDICATE_NOUNS = frozenset(
    "way home place course top back side head face point light power weight sound effect heart core case spot "
    "stand".split()
)

#: Words after which a clause may start ("and its so cold", "well, its okay").
_CLAUSE_WORDS = frozenset(
    "and but so because cause cos well yes yeah oh okay now that if since though although maybe guess "
    "think hope suppose sure know bet afraid said says thought believe reckon when".split()
)

#: Words a possessive may stand before without a noun after: "its own", "at its best", "your all".
_ITS_KEEP = frozenset(
    "young own best worst utmost fill all most least last first share due way whole full uttermost height every very "
    "off".split()
)
_YOUR_KEEP = _ITS_KEEP | frozenset(
    "majesty highness lordship ladyship honour honor grace excellency worship reverence eminence dead poor rich "
    "young old sick living wounded fallen beloved intended betrothed deceased departed accused elect".split()
)

#: "-ed" words that are also nouns after a possessive: "your beloved", "your intended".
_ED_NOUNS = frozenset(
    "beloved betrothed intended deceased accused departed wounded hundred kindred wicked hatred sacred".split()
)
_BASE_VERBS = frozenset(
    """
    be have get make need regret love hate die fall lose want say tell do see find like kill help take give
    know feel think leave stay wake hurt break ask try miss win fail lose pay end
    """.split()
)

#: Words before a subject clause: "I know your right" (you're).
_YOUR_CLAUSE_WORDS = frozenset(
    "that know think if because so and but when cause since suppose guess hope reckon bet believe sure afraid "
    "say said says thought yes yeah oh okay well".split()
)

#: Nouns (or words a tagger reads as nouns) that follow "you are" bare: "you're welcome", "you're
#: family", "you're right", "you're fair game".
_YOURE_BARE_NOUNS = frozenset(
    """
    welcome home family trouble company news stuff game weight dog door school class best luck material right
    wrong left next mine kind sort type toast meat royalty history blood kin fun magic business alone okay ok fine
    sure late early worth half part partner friend friends enemy enemies boss head chief captain king queen
    judge witness proof evidence hero heroes genius dead alive awake asleep afraid aware ashamed able due free
    nuts crazy mad sorry glad safe sick tired bound half way back out top bottom first last one none
    """.split()
)

#: More words after which a clause starts: "where your told to stay", "while your up".
_YOUR_MORE_CLAUSE_WORDS = frozenset(
    "where while what who how as till until unless once though although maybe perhaps seeing why really".split()
)

#: Words after "your" + an -ing verb that make it a verb with an object or a particle:
#: "your pulling my leg", "your looking at", "your trying to" (you're).
_YOURE_ING_NEXT = frozenset(
    """
    me my him her it us them you yourself a an the to at with for about too so back home up out off on in
    that this all like around round over into down now here there away his their our your its what some any
    cold anything something nothing
    """.split()
)
_TIME_WORDS = frozenset(
    """
    day days night nights year years time times week weeks month months summer winter spring autumn fall morning
    mornings evening evenings moment moments hour hours minute minutes age ages era period season
    """.split()
)
_VERB_CONTEXT = (
    r"(?:to|will|would|can|could|might|may|must|shall|should|don['’]t|didn['’]t|doesn['’]t|won['’]t|"
    r"can['’]t|cannot|couldn['’]t|wouldn['’]t|shouldn['’]t|never|gonna|i|you|we|they|['’]ll)"
)
_POSS = r"(?:my|your|his|her|our|their|its|one['’]s)"

#: Verbs that follow "there" (there is, there came, there stood…), tagged finite after a written "their".
_THERE_VERBS = frozenset(
    "is was are were 's has had have seems seemed seem came comes stood stands lay lies lived remained remains "
    "goes went appeared appears existed exists arose rose followed follows".split()
)

#: Adverbs after "there" (the place): "sat there calmly", "lived there alone".
_THERE_ADVERBS = frozenset(
    "calmly quietly alone together still now then once too again already yet also silently motionless long "
    "forever awhile anyway instead first last before afterwards".split()
)
_INDEFINITE_NOUNS = frozenset(
    "anyone anybody anything someone somebody something everyone everybody everything nobody nothing none one "
    "ones lot lots".split()
)

#: -ing words that are nouns after a possessive: "their wedding", "their feelings".
_ING_NOUNS = frozenset(
    """
    building buildings clothing evening evenings morning mornings wedding weddings bedding ceiling pudding stocking
    stockings feeling feelings meeting meetings being having ring rings king kings thing things nothing something
    anything everything darling darlings wing wings spring springs string strings sibling siblings lodging lodgings
    earnings belongings surroundings dwelling dwellings offspring ending endings painting paintings drawing drawings
    saving savings setting settings shilling shillings farthing duckling ducklings seedling swing sing sling bring
    cling fling sting thing upbringing leanings teachings writings doings sayings goings comings tidings blessing
    blessings warning warnings lining outing outings beginning beginnings understanding learning breeding
    inkling inklings awning railing railings landing hearing heading headings gathering gatherings
    """.split()
)

#: Words before "'s" after "there" that are not owners: "there one's", "there nobody's".
_NOT_OWNER_AFTER_THERE = frozenset(
    "one anybody everybody nobody somebody anyone everyone someone no other each night day year week today "
    "tomorrow yesterday tonight moment hour minute month let that what it he she who where how here there".split()
)
