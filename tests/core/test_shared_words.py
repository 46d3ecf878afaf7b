"""Hand-written pairs in the style of the issue's hidden shared-word set (PAWS):
encyclopedic sentences with two words or phrases of one kind swapped (different
statements), the same sentences reworded or with phrases moved (the same
statement), and questions with their two ends swapped or their items
reordered. Written on 2026-12-07 to probe the judge, never trained on; any
future change to the judge must keep them. The real spaCy parser and models."""
from __future__ import annotations

import pytest

from parallax.core.pairs.judge import judge_pairs

pytestmark = pytest.mark.slow  # loads spaCy with its parser and the cross-encoder

# (a, b, the same statement)
ENCYCLOPEDIC = (
    # negatives: swaps
    ("The river rises in the Carpathian Mountains and flows into the Black Sea near Odessa.",
     "The river rises in the Black Sea and flows into the Carpathian Mountains near Odessa.", False),
    ("She studied law at Harvard before teaching history at Yale for twenty years.",
     "She studied history at Harvard before teaching law at Yale for twenty years.", False),
    ("The album was recorded in Nashville and mixed in London by the band's producer.",
     "The album was recorded in London and mixed in Nashville by the band's producer.", False),
    ("In 1998 he joined the Liberal Party, and in 2004 he was elected to the Senate.",
     "In 2004 he joined the Liberal Party, and in 1998 he was elected to the Senate.", False),
    ("The station is served by trains to Leeds on weekdays and to York on Sundays.",
     "The station is served by trains to York on weekdays and to Leeds on Sundays.", False),
    ("Her father was a Scottish engineer and her mother an Irish teacher.",
     "Her father was an Irish engineer and her mother a Scottish teacher.", False),
    ("The club was founded in Milan in 1899 and moved to Turin after the war.",
     "The club was founded in Turin in 1899 and moved to Milan after the war.", False),
    ("The north tower was completed in 1512, and the south tower was never finished.",
     "The south tower was completed in 1512, and the north tower was never finished.", False),
    ("He played guitar in the first band and drums in the second.",
     "He played drums in the first band and guitar in the second.", False),
    ("The village lies east of the lake and west of the national park.",
     "The village lies west of the lake and east of the national park.", False),
    ("The film was directed by Carlos Ruiz and produced by Elena Vidal.",
     "The film was directed by Elena Vidal and produced by Carlos Ruiz.", False),
    ("The species is common in Brazil but rare in Argentina.",
     "The species is common in Argentina but rare in Brazil.", False),
    ("Originally a painter, Moreau later became known as a sculptor.",
     "Originally a sculptor, Moreau later became known as a painter.", False),
    ("The bridge connects the old town on the left bank with the port on the right bank.",
     "The bridge connects the old town on the right bank with the port on the left bank.", False),
    ("After leaving Chelsea, he signed for Everton in 2011.",
     "After leaving Everton, he signed for Chelsea in 2011.", False),
    # positives: rewordings, moves
    ("The river rises in the Carpathian Mountains and flows into the Black Sea near Odessa.",
     "Rising in the Carpathian Mountains, the river flows into the Black Sea near Odessa.", True),
    ("She studied law at Harvard before teaching history at Yale for twenty years.",
     "Before teaching history at Yale for twenty years, she studied law at Harvard.", True),
    ("In 1998 he joined the Liberal Party, and in 2004 he was elected to the Senate.",
     "He joined the Liberal Party in 1998 and was elected to the Senate in 2004.", True),
    ("The album was recorded in Nashville and mixed in London by the band's producer.",
     "The band's producer mixed the album in London; it had been recorded in Nashville.", True),
    ("The club was founded in Milan in 1899 and moved to Turin after the war.",
     "Founded in 1899 in Milan, the club moved to Turin after the war.", True),
    ("The film was directed by Carlos Ruiz and produced by Elena Vidal.",
     "Carlos Ruiz directed the film, which Elena Vidal produced.", True),
    ("The species is common in Brazil but rare in Argentina.",
     "While the species is common in Brazil, it is rare in Argentina.", True),
    ("After leaving Chelsea, he signed for Everton in 2011.",
     "In 2011 he signed for Everton after he left Chelsea.", True),
    ("The north tower was completed in 1512, and the south tower was never finished.",
     "The south tower was never finished, while the north tower was completed in 1512.", True),
    ("The town has a population of 12,000 and is the seat of Harlow County.",
     "The seat of Harlow County, the town has 12,000 inhabitants.", True),
    ("The school was renamed in honour of its founder in 1965.",
     "In 1965 the school was renamed to honour its founder.", True),
    ("He was succeeded as bishop by his nephew, Thomas Grey.",
     "His nephew, Thomas Grey, succeeded him as bishop.", True),
    ("The museum, opened in 1871, holds one of the largest collections of Roman coins in Europe.",
     "Opened in 1871, the museum holds one of Europe's largest collections of Roman coins.", True),
    ("The Duke of Norfolk and the Earl of Surrey led the English army.",
     "The English army was led by the Earl of Surrey and the Duke of Norfolk.", True),
    ("The line was closed to passengers in 1962 and to freight in 1969.",
     "The line closed to passenger traffic in 1962 and to freight traffic in 1969.", True),
    # the pronoun follows the swapped subject (written 2026-12-07, third session)
    ("The army said it had killed the rebel commander.",
     "The rebels said they had killed the army commander.", False),
)

QUESTIONS = (
    ("How do I get from Paris to London by train?", "How do I get from London to Paris by train?", False),
    ("Why do cats hate dogs?", "Why do dogs hate cats?", False),
    ("What is the difference between a virus and a bacterium?",
     "What is the difference between a bacterium and a virus?", True),
    ("Is it better to rent or to buy a house?", "Is it better to buy or to rent a house?", True),
    ("Can an Indian citizen work in the USA?", "Can a US citizen work in India?", False),
    ("What are the cheapest flights from Boston to Chicago?",
     "What are the cheapest flights from Chicago to Boston?", False),
    ("Who would win a fight between a lion and a tiger?",
     "Who would win a fight between a tiger and a lion?", True),
    ("How can I convert dollars to euros?", "How can I convert euros to dollars?", False),
    ("Does China import more oil than India?", "Does India import more oil than China?", False),
    ("What should I learn first, Python or Java?", "What should I learn first, Java or Python?", True),
    ("How do I transfer photos from my iPhone to my laptop?",
     "How can I move pictures from my iPhone to my laptop?", True),
    ("Why is Saturn bigger than Mars?", "Why is Mars bigger than Saturn?", False),
    ("What is the best way to learn French as an English speaker?",
     "What is the best way to learn English as a French speaker?", False),
    ("How many calories does a banana have?", "How many calories are in a banana?", True),
    ("Is Google better to work for than Microsoft?", "Is Microsoft better to work for than Google?", False),
    ("What happens if you mix bleach and ammonia?", "What happens if you mix ammonia and bleach?", True),
)

PAIRS = ENCYCLOPEDIC + QUESTIONS


@pytest.fixture(scope="module")
def judged():
    return judge_pairs([(a, b) for a, b, _ in PAIRS])


@pytest.mark.parametrize("i", range(len(PAIRS)),
                         ids=[f"{'same' if s else 'diff'}-{n}" for n, (_, _, s) in enumerate(PAIRS)])
def test_shared_word_pair_is_judged_right(judged, i):
    a, b, same = PAIRS[i]
    j = judged[i]
    assert j.same is same, (a, b, round(j.score, 2), j.conflicts)
