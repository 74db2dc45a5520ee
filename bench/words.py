# ruff: noqa: SIM905  (word lists read best as whitespace-separated text)
"""Word lists for the synthetic collection: common English first, then medical words.

The order is the rank used for the Zipf-like distribution: early words are drawn most often,
as "the" and "and" are in real text; rare clinical words come late. Glossary terms, topic
labels and lay phrases are added from the real resources by `generate.py`.
"""

COMMON = """
the of and to a in is it that for you with as are be this on can or not by have your
from at more but they may some their if when one all will many also people about which
has how other than them there what these most so often help because do into time may
each day feel after over make like out only before body should who way well over between
find could first year both much where life years need while without different any part
long those same through under again every small such week less good work home family
talk keep new around might change start during usually several still often better show
sometimes very take become things since per until within whether hard easy common early
""".split()

MEDICAL = """
pain multiple sclerosis nerve nerves muscle muscles symptom symptoms treatment treatments
doctor nurse patient patients clinic brain spinal cord spine leg legs arm arms back neck
fatigue walking sleep night morning exercise stretching therapy physiotherapy medication
medicine medicines dose side effects relapse relapses disease diagnosis lesion lesions
myelin inflammation immune system damage signal signals sensation sensations tingling
burning numbness stiffness spasm spasms cramp cramps tone posture gait balance bladder
bowel heat cold temperature skin touch pressure joint joints hip knee shoulder foot feet
hand hands chest trunk weakness tremor vision optic neuritis trigeminal neuralgia face
headache migraine depression anxiety mood stress relaxation massage acupuncture yoga
swimming hydration water diet vitamin magnesium potassium electrolyte supplement
injection injections botulinum toxin baclofen gabapentin pregabalin tizanidine cannabis
cannabinoid opioid analgesic paracetamol ibuprofen anticonvulsant antidepressant
specialist neurologist physiotherapist occupational assessment examination scan mri
magnetic resonance imaging contrast evidence study studies trial trials research
review guidance chronic acute episode episodes progressive remitting secondary primary
course flare flares mobility wheelchair stick aid aids splint brace seating cushion
pressure ulcer contracture range motion flexibility strength stamina endurance routine
heat sensitivity uhthoff cooling fan shower bath warm wrap cushion mattress pillow
positioning transfer standing sitting lying turning bending lifting carrying climbing
stairs steps fall falls risk safety carer carers support group charity helpline
questionnaire scale score diary record pattern trigger triggers infection fever urinary
constipation dehydration tiredness weakness heaviness dizziness vertigo hug band
squeezing stabbing shooting aching throbbing dull sharp electric shock shocks jolt
""".split()

PROMOTIONAL = """
buy now limited offer exclusive discount miracle breakthrough guaranteed results order
today free shipping clinically proven natural formula secret doctors hate amazing
testimonial subscribe newsletter special price call stem cell clinic cure reverse
""".split()

HEADINGS = [
    "Introduction",
    "What is happening",
    "Why it happens",
    "Who is affected",
    "Common signs",
    "How it is assessed",
    "Living with it day to day",
    "Talking to your team",
    "Treatments that may help",
    "Exercise and movement",
    "Sleep and rest",
    "At home",
    "At work",
    "When to ask for help",
    "What the research says",
    "Questions people ask",
    "Summary",
    "Further reading",
]

# Syllables for the long tail of rare words. Real collections have tens of thousands of
# distinct words, most of them rare; without a tail, prefix queries and the term dictionary
# would be unrealistically small.
TAIL_SYLLABLES = """
spa neu ro my o path al gi a ce re bra cor ti lum bar sa cral der ma to fi bro sis thal
mus cu lo ske le tal ten din ar thro ped ic in ter na cap su ra ven tri cle dys tho nic
pre hab lin ex ton stra ple ma vel qui son ter vin gal phe dro mi kon ast ur ban ser ka
""".split()
