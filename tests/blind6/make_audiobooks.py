"""Writes audiobooks/audiobook_catalogue.csv: an audiobook store's catalogue as exported from its
back office, `,` between cells (seeded: running it again writes the same bytes). Classic books
and a few famous authors are real; the modern titles, series, narrators and publishers are
invented. Some books are sold in two editions (a full reading and an abridged or dramatised
one, or two narrators), one row and ASIN each, so titles repeat."""

# ruff: noqa: E501 (one row of the table a line)
from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("audiobooks") / "audiobook_catalogue.csv"
CRIME = "Crime & Thrillers"
SFF = "Sci-Fi & Fantasy"
CLASSICS = "Classics"
HORROR = "Horror"
ROMANCE = "Romance"
LIT = "Literary Fiction"
BIO = "Biography & Memoir"
HISTORY = "History"
SELF = "Self-Help"
SCIENCE = "Science & Nature"
COMEDY = "Comedy"
KIDS = "Children's"
BUSINESS = "Business"
# title, author, series, book no., genre, subgenres, hours, release year, editions: each
# (format, language, narrator count or "author"), the first the main one
U = (("Unabridged", "English", 1),)
# fmt: off
BOOKS = [
    # classics, read again and again
    ("Pride and Prejudice", "Jane Austen", "", "", CLASSICS, "Romance, Regency, Satire", 11.6, 2012, (("Unabridged", "English", 1), ("Dramatised", "English", 4))),
    ("Emma", "Jane Austen", "", "", CLASSICS, "Romance, Regency", 16.4, 2015, U),
    ("Persuasion", "Jane Austen", "", "", CLASSICS, "Romance, Regency", 8.6, 2018, U),
    ("Jane Eyre", "Charlotte Brontë", "", "", CLASSICS, "Gothic, Romance, Coming of Age", 19.2, 2011, (("Unabridged", "English", 1), ("Unabridged", "English", 1))),
    ("Wuthering Heights", "Emily Brontë", "", "", CLASSICS, "Gothic, Romance", 12.4, 2014, U),
    ("Great Expectations", "Charles Dickens", "", "", CLASSICS, "Victorian, Coming of Age", 18.5, 2013, U),
    ("A Christmas Carol", "Charles Dickens", "", "", CLASSICS, "Victorian, Ghost Stories", 3.1, 2010, (("Unabridged", "English", 1), ("Dramatised", "English", 5))),
    ("Dracula", "Bram Stoker", "", "", CLASSICS, "Gothic, Vampires, Horror", 15.5, 2012, (("Unabridged", "English", 3), ("Abridged", "English", 1))),
    ("Frankenstein", "Mary Shelley", "", "", CLASSICS, "Gothic, Science Fiction, Horror", 8.6, 2015, U),
    ("The Picture of Dorian Gray", "Oscar Wilde", "", "", CLASSICS, "Gothic, Satire", 8.2, 2013, U),
    ("The Strange Case of Dr Jekyll and Mr Hyde", "Robert Louis Stevenson", "", "", CLASSICS, "Gothic, Horror, Victorian", 2.9, 2017, U),
    ("Treasure Island", "Robert Louis Stevenson", "", "", CLASSICS, "Adventure, Pirates, Coming of Age", 7.2, 2011, U),
    ("Moby-Dick", "Herman Melville", "", "", CLASSICS, "Adventure, Sea Stories", 24.8, 2014, U),
    ("The Great Gatsby", "F. Scott Fitzgerald", "", "", CLASSICS, "Jazz Age, Romance", 4.9, 2021, (("Unabridged", "English", 1), ("Unabridged", "English", 1))),
    ("Little Women", "Louisa May Alcott", "", "", CLASSICS, "Family Saga, Coming of Age", 19.1, 2019, U),
    ("Alice's Adventures in Wonderland", "Lewis Carroll", "", "", KIDS, "Fantasy, Fairy Tales", 2.6, 2015, (("Unabridged", "English", 1), ("Dramatised", "English", 6))),
    ("The Secret Garden", "Frances Hodgson Burnett", "", "", KIDS, "Coming of Age, Nature", 8.3, 2017, U),
    ("The Wind in the Willows", "Kenneth Grahame", "", "", KIDS, "Animals, Adventure", 6.9, 2013, U),
    ("Peter Pan", "J. M. Barrie", "", "", KIDS, "Fantasy, Pirates, Adventure", 4.9, 2020, U),
    ("The Time Machine", "H. G. Wells", "", "", CLASSICS, "Science Fiction, Time Travel", 3.6, 2016, U),
    ("The War of the Worlds", "H. G. Wells", "", "", CLASSICS, "Science Fiction, Alien Invasion", 6.4, 2012, (("Unabridged", "English", 1), ("Dramatised", "English", 6))),
    ("Twenty Thousand Leagues Under the Seas", "Jules Verne", "", "", CLASSICS, "Adventure, Science Fiction, Sea Stories", 13.1, 2018, U),
    ("The Count of Monte Cristo", "Alexandre Dumas", "", "", CLASSICS, "Adventure, Revenge, Historical Fiction", 47.3, 2013, (("Unabridged", "English", 1), ("Abridged", "English", 1))),
    ("Les Misérables", "Victor Hugo", "", "", CLASSICS, "Historical Fiction, Revolution", 58.2, 2015, (("Unabridged", "English", 1), ("Unabridged", "French", 1))),
    ("Crime and Punishment", "Fyodor Dostoevsky", "", "", CLASSICS, "Russian Literature, Philosophy, Crime", 22.7, 2014, U),
    ("Anna Karenina", "Leo Tolstoy", "", "", CLASSICS, "Russian Literature, Romance, Family Saga", 38.1, 2016, U),
    ("War and Peace", "Leo Tolstoy", "", "", CLASSICS, "Russian Literature, Historical Fiction, War", 61.1, 2017, U),
    ("Don Quixote", "Miguel de Cervantes", "", "", CLASSICS, "Satire, Adventure", 40.5, 2012, U),
    ("Don Quijote de la Mancha", "Miguel de Cervantes", "", "", CLASSICS, "Satire, Adventure", 42.3, 2016, (("Unabridged", "Spanish", 1),)),
    ("The Metamorphosis", "Franz Kafka", "", "", CLASSICS, "Absurdist, Short Fiction", 2.2, 2019, U),
    ("Die Verwandlung", "Franz Kafka", "", "", CLASSICS, "Absurdist, Short Fiction", 2.1, 2018, (("Unabridged", "German", 1),)),
    ("Middlemarch", "George Eliot", "", "", CLASSICS, "Victorian, Family Saga", 35.4, 2020, U),
    ("The Odyssey", "Homer", "", "", CLASSICS, "Myths & Legends, Adventure, Poetry", 12.2, 2018, U),
    ("Meditations", "Marcus Aurelius", "", "", CLASSICS, "Philosophy, Stoicism", 4.5, 2019, U),
    ("The Art of War", "Sun Tzu", "", "", CLASSICS, "Philosophy, Military Strategy", 1.3, 2014, U),
    ("Nineteen Eighty-Four", "George Orwell", "", "", CLASSICS, "Dystopian, Political Fiction", 11.4, 2021, (("Unabridged", "English", 1), ("Dramatised", "English", 5))),
    ("Animal Farm", "George Orwell", "", "", CLASSICS, "Satire, Political Fiction, Animals", 3.2, 2021, U),
    ("Rebecca", "Daphne du Maurier", "", "", CLASSICS, "Gothic, Psychological Suspense, Romance", 14.8, 2017, U),
    # Sherlock Holmes and Poirot
    ("A Study in Scarlet", "Arthur Conan Doyle", "Sherlock Holmes", 1, CRIME, "Classic Detective, Victorian", 4.7, 2011, U),
    ("The Sign of the Four", "Arthur Conan Doyle", "Sherlock Holmes", 2, CRIME, "Classic Detective, Victorian", 4.4, 2011, U),
    ("The Adventures of Sherlock Holmes", "Arthur Conan Doyle", "Sherlock Holmes", 3, CRIME, "Classic Detective, Short Stories, Victorian", 10.3, 2012, (("Unabridged", "English", 1), ("Dramatised", "English", 4))),
    ("The Hound of the Baskervilles", "Arthur Conan Doyle", "Sherlock Holmes", 5, CRIME, "Classic Detective, Gothic", 6.2, 2012, U),
    ("The Murder of Roger Ackroyd", "Agatha Christie", "Hercule Poirot", 4, CRIME, "Classic Detective, Country House", 7.6, 2016, U),
    ("Murder on the Orient Express", "Agatha Christie", "Hercule Poirot", 10, CRIME, "Classic Detective, Locked Room", 6.6, 2017, (("Unabridged", "English", 1), ("Dramatised", "English", 6))),
    ("The ABC Murders", "Agatha Christie", "Hercule Poirot", 13, CRIME, "Classic Detective, Serial Killers", 6.9, 2018, U),
    ("Death on the Nile", "Agatha Christie", "Hercule Poirot", 17, CRIME, "Classic Detective, Travel", 8.6, 2020, U),
    ("And Then There Were None", "Agatha Christie", "", "", CRIME, "Classic Detective, Locked Room, Island", 6.1, 2015, U),
    # Stephen King
    ("It", "Stephen King", "", "", HORROR, "Supernatural, Coming of Age, Small Town", 44.9, 2010, U),
    ("The Shining", "Stephen King", "", "", HORROR, "Supernatural, Haunted Houses", 15.9, 2012, U),
    ("Misery", "Stephen King", "", "", HORROR, "Psychological Horror", 12.1, 2014, U),
    ("Pet Sematary", "Stephen King", "", "", HORROR, "Supernatural, Grief", 15.3, 2019, U),
    ("The Stand", "Stephen King", "", "", HORROR, "Post-Apocalyptic, Epic", 47.8, 2016, U),
    ("11/22/63", "Stephen King", "", "", SFF, "Time Travel, Historical Fiction", 30.7, 2011, U),
    # invented series
    ("Cold Ground", "Moira Lennox", "DI Maggie Kerr", 1, CRIME, "Police Procedurals, Scottish Crime", 10.4, 2015, U),
    ("The Drowning Season", "Moira Lennox", "DI Maggie Kerr", 2, CRIME, "Police Procedurals, Scottish Crime", 11.2, 2016, U),
    ("Black Water Lane", "Moira Lennox", "DI Maggie Kerr", 3, CRIME, "Police Procedurals, Scottish Crime, Serial Killers", 11.9, 2018, U),
    ("A Quiet Burial", "Moira Lennox", "DI Maggie Kerr", 4, CRIME, "Police Procedurals, Scottish Crime", 12.6, 2019, U),
    ("The Last Ferry", "Moira Lennox", "DI Maggie Kerr", 5, CRIME, "Police Procedurals, Scottish Crime, Island", 12.3, 2021, U),
    ("Salt and Bone", "Moira Lennox", "DI Maggie Kerr", 6, CRIME, "Police Procedurals, Scottish Crime", 13.1, 2023, U),
    ("Murder at the Village Fete", "Penelope Ashdown", "Wren & Fitch Mysteries", 1, CRIME, "Cosy Mystery, Amateur Sleuths, Village Life", 7.1, 2017, U),
    ("Death by Scones", "Penelope Ashdown", "Wren & Fitch Mysteries", 2, CRIME, "Cosy Mystery, Amateur Sleuths, Baking", 7.4, 2018, U),
    ("A Body in the Bell Tower", "Penelope Ashdown", "Wren & Fitch Mysteries", 3, CRIME, "Cosy Mystery, Amateur Sleuths, Village Life", 7.8, 2019, U),
    ("The Vicarage Poisoner", "Penelope Ashdown", "Wren & Fitch Mysteries", 4, CRIME, "Cosy Mystery, Amateur Sleuths", 7.6, 2021, U),
    ("Murder Most Festive", "Penelope Ashdown", "Wren & Fitch Mysteries", 5, CRIME, "Cosy Mystery, Christmas", 6.9, 2022, U),
    ("The Ember Throne", "Corin Vale", "Ashes of the Ninth Realm", 1, SFF, "Epic Fantasy, Dragons", 22.6, 2016, U),
    ("A Crown of Cinders", "Corin Vale", "Ashes of the Ninth Realm", 2, SFF, "Epic Fantasy, Dragons", 27.3, 2017, U),
    ("The Dragon's Reckoning", "Corin Vale", "Ashes of the Ninth Realm", 3, SFF, "Epic Fantasy, Dragons, War", 31.8, 2019, U),
    ("Winter of Ash", "Corin Vale", "Ashes of the Ninth Realm", 4, SFF, "Epic Fantasy, Dragons", 35.2, 2021, U),
    ("The Ninth Flame", "Corin Vale", "Ashes of the Ninth Realm", 5, SFF, "Epic Fantasy, Dragons", 38.4, 2024, U),
    ("Starward", "Nadia Okafor", "The Starward Accord", 1, SFF, "Space Opera, First Contact", 15.2, 2018, U),
    ("The Helios Gambit", "Nadia Okafor", "The Starward Accord", 2, SFF, "Space Opera, Military Sci-Fi", 17.5, 2019, U),
    ("Dark Between Stars", "Nadia Okafor", "The Starward Accord", 3, SFF, "Space Opera, Military Sci-Fi", 18.1, 2021, U),
    ("The Accord Breaks", "Nadia Okafor", "The Starward Accord", 4, SFF, "Space Opera, Military Sci-Fi", 19.7, 2023, U),
    ("Kestrel", "Tom Harker", "The Kestrel Files", 1, CRIME, "Espionage, Cold War", 11.3, 2014, U),
    ("Red Meridian", "Tom Harker", "The Kestrel Files", 2, CRIME, "Espionage, Cold War", 12.2, 2016, U),
    ("The Vienna Protocol", "Tom Harker", "The Kestrel Files", 3, CRIME, "Espionage, Conspiracy", 12.8, 2018, U),
    ("Deadfall", "Tom Harker", "The Kestrel Files", 4, CRIME, "Espionage, Conspiracy", 13.4, 2020, U),
    ("Summer at Little Harbour", "Jess Calloway", "Little Harbour", 1, ROMANCE, "Small Town, Second Chance", 8.4, 2019, U),
    ("Christmas at Little Harbour", "Jess Calloway", "Little Harbour", 2, ROMANCE, "Small Town, Christmas", 8.1, 2020, U),
    ("Spring Tides at Little Harbour", "Jess Calloway", "Little Harbour", 3, ROMANCE, "Small Town, Enemies to Lovers", 8.9, 2022, U),
    ("A Hex on Harrow Street", "Ruth Ambrose", "The Thornfield Hexes", 1, SFF, "Urban Fantasy, Witches, Humour", 9.8, 2020, U),
    ("Curses and Custard", "Ruth Ambrose", "The Thornfield Hexes", 2, SFF, "Urban Fantasy, Witches, Humour", 10.2, 2021, U),
    ("The Midnight Coven", "Ruth Ambrose", "The Thornfield Hexes", 3, SFF, "Urban Fantasy, Witches", 10.9, 2023, U),
    ("Pip the Lighthouse Mouse", "Elsie Marchbank", "Pip's Adventures", 1, KIDS, "Animals, Bedtime Stories", 1.2, 2018, U),
    ("Pip and the Great Storm", "Elsie Marchbank", "Pip's Adventures", 2, KIDS, "Animals, Bedtime Stories, Adventure", 1.4, 2019, U),
    ("Pip Goes to Sea", "Elsie Marchbank", "Pip's Adventures", 3, KIDS, "Animals, Adventure, Sea Stories", 1.6, 2021, U),
    ("The Clockwork Academy", "Basil Oduya", "Clockwork Academy", 1, KIDS, "Magic, School, Adventure", 7.9, 2020, U),
    ("The Clockwork Academy and the Silver Key", "Basil Oduya", "Clockwork Academy", 2, KIDS, "Magic, School, Mystery", 8.6, 2022, U),
    # invented standalones
    ("The Lighthouse Keeper's Daughter", "Annie Rowe", "", "", LIT, "Historical Fiction, Family Saga, Sea Stories", 12.7, 2019, U),
    ("Small Hours", "Daniel Achterberg", "", "", LIT, "Contemporary, Grief", 7.3, 2021, U),
    ("The Orchard Year", "Maeve Tierney", "", "", LIT, "Family Saga, Rural Life", 13.4, 2018, U),
    ("Borrowed Light", "Samira Haddad", "", "", LIT, "Contemporary, Immigration, Coming of Age", 10.1, 2022, U),
    ("The Glassblower of Murano", "Lucia Benedetti", "", "", LIT, "Historical Fiction, Italy, Romance", 14.2, 2017, U),
    ("All the Rivers Home", "Joseph Mbeki-Lane", "", "", LIT, "Historical Fiction, Family Saga", 16.8, 2020, U),
    ("Paper Boats", "Hana Mori", "", "", LIT, "Contemporary, Japan, Friendship", 8.7, 2023, (("Unabridged", "English", 1), ("Abridged", "English", 1))),
    ("The Weight of Snow", "Ingrid Solberg", "", "", LIT, "Historical Fiction, Norway, War", 11.6, 2016, U),
    ("The Silent Patient Next Door", "Claire Mathers", "", "", CRIME, "Psychological Thrillers, Domestic Thrillers", 9.4, 2022, U),
    ("The Perfect Stranger", "Claire Mathers", "", "", CRIME, "Psychological Thrillers, Domestic Thrillers", 10.1, 2020, U),
    ("What She Saw", "Grant Ellison", "", "", CRIME, "Psychological Thrillers, Unreliable Narrator", 9.8, 2019, U),
    ("The Night Train Murders", "Grant Ellison", "", "", CRIME, "Locked Room, Travel", 8.9, 2023, U),
    ("The Inheritance Trap", "Lydia Fenwick", "", "", CRIME, "Domestic Thrillers, Country House", 10.6, 2021, U),
    ("Case Closed", "Ravi Chandran", "", "", CRIME, "Legal Thrillers, Courtroom", 12.4, 2018, U),
    ("The Eleventh Juror", "Ravi Chandran", "", "", CRIME, "Legal Thrillers, Courtroom", 13.2, 2022, U),
    ("The Heist at Harrington Hall", "Oliver Quayle", "", "", CRIME, "Heist, Humour, Country House", 9.1, 2020, U),
    ("London Noir", "Frank Delaney-Hart", "", "", CRIME, "Noir, Historical Mystery, London", 11.5, 2017, U),
    ("Signal Lost", "Evelyn Carrick", "", "", SFF, "Hard Sci-Fi, Space, Survival", 12.9, 2019, U),
    ("The Glass City", "Evelyn Carrick", "", "", SFF, "Dystopian, Cyberpunk", 13.6, 2022, U),
    ("After the Flood", "Marcus Reyes", "", "", SFF, "Post-Apocalyptic, Climate Fiction", 11.8, 2021, U),
    ("The Last Cartographer", "Isla Fenn", "", "", SFF, "Epic Fantasy, Quest", 21.4, 2018, U),
    ("A Thousand Doors", "Priyanka Rao", "", "", SFF, "Portal Fantasy, Time Travel, Romance", 14.4, 2020, U),
    ("Neon Saints", "Jax Holloway", "", "", SFF, "Cyberpunk, Noir", 10.7, 2023, U),
    ("The Hollow Wood", "Agnes Thorne", "", "", HORROR, "Folk Horror, Supernatural, Rural Life", 9.3, 2021, U),
    ("The House on Gallows Hill", "Agnes Thorne", "", "", HORROR, "Haunted Houses, Ghost Stories", 8.8, 2019, U),
    ("Teeth in the Water", "Dominic Graves", "", "", HORROR, "Creature Feature, Sea Stories", 7.9, 2022, U),
    ("Night Shift", "Dominic Graves", "", "", HORROR, "Vampires, Urban Horror", 8.2, 2020, U),
    ("The Wedding Planner's Rules", "Sophie Larkin", "", "", ROMANCE, "Romantic Comedy, Enemies to Lovers", 9.6, 2021, U),
    ("Love in the Time of Spreadsheets", "Sophie Larkin", "", "", ROMANCE, "Romantic Comedy, Office Romance", 9.1, 2023, U),
    ("The Duke Who Stayed", "Harriet Vane-Oakley", "", "", ROMANCE, "Historical Romance, Regency", 10.8, 2018, U),
    ("One Summer in Lisbon", "Carmen Alves", "", "", ROMANCE, "Travel, Second Chance", 8.7, 2022, U),
    ("Running on Empty", "Kelly Brannigan", "", "", BIO, "Sports, Running, Mental Health", 9.2, 2021, (("Unabridged", "English", "author"),)),
    ("Back of the Net", "Danny Okoro", "", "", BIO, "Sports, Football", 8.4, 2019, (("Unabridged", "English", "author"),)),
    ("Turn It Up", "Lena Kowalski", "", "", BIO, "Music, Rock", 11.3, 2020, (("Unabridged", "English", "author"),)),
    ("Stand-Up and Fall Down", "Gus Whitfield", "", "", BIO, "Comedians, Humour", 7.6, 2022, (("Unabridged", "English", "author"),)),
    ("The Kitchen Table", "Rosa Delgado", "", "", BIO, "Food, Family", 8.1, 2018, U),
    ("Minister of Nothing", "Alan Prothero", "", "", BIO, "Politics, Humour", 12.2, 2017, (("Unabridged", "English", "author"),)),
    ("The Long Way North", "Bryony Hale", "", "", BIO, "Travel, Adventure, Nature Writing", 10.4, 2023, (("Unabridged", "English", "author"),)),
    ("Beneath the Waves", "Tomasz Nowak", "", "", BIO, "Travel, Sea Stories, Diving", 9.7, 2016, U),
    ("The Tudors in Twelve Lives", "Helen Ashby", "", "", HISTORY, "British History, Tudors", 14.6, 2018, U),
    ("Rome: Rise and Ruin", "Julian Marsh", "", "", HISTORY, "Ancient History, Rome", 21.3, 2016, U),
    ("The Longest Winter", "Peter Vance", "", "", HISTORY, "World War II, Military History", 17.4, 2019, U),
    ("Bomber Boys", "Peter Vance", "", "", HISTORY, "World War II, Military History, Aviation", 15.9, 2021, U),
    ("Castles and Kings", "Helen Ashby", "", "", HISTORY, "Medieval, British History", 12.8, 2022, U),
    ("The Silk Roads Retold", "Farid Karimi", "", "", HISTORY, "World History, Trade", 19.5, 2020, U),
    ("Empire of Salt", "Farid Karimi", "", "", HISTORY, "World History, Food", 11.1, 2023, U),
    ("Do Less, Better", "Mia Sorensen", "", "", SELF, "Productivity, Mindfulness", 5.4, 2020, U),
    ("The Sleep Fix", "Dr Ama Owusu", "", "", SELF, "Sleep, Health", 6.2, 2021, (("Unabridged", "English", "author"),)),
    ("Money Without Fear", "Graham Tully", "", "", SELF, "Personal Finance", 7.1, 2019, U),
    ("Quiet Mind", "Mia Sorensen", "", "", SELF, "Mindfulness, Meditation", 4.3, 2022, (("Unabridged", "English", "author"), ("Abridged", "English", "author"))),
    ("Better Together", "Dr Leon Marsh", "", "", SELF, "Relationships, Psychology", 6.8, 2018, U),
    ("Atomic Mornings", "Chris Darnell", "", "", SELF, "Habits, Productivity", 5.9, 2023, U),
    ("The Universe in a Teacup", "Dr Ruth Kelman", "", "", SCIENCE, "Popular Science, Physics, Space", 9.4, 2019, U),
    ("Wild Islands", "Callum Reid", "", "", SCIENCE, "Nature Writing, Wildlife, Scotland", 8.3, 2021, (("Unabridged", "English", "author"),)),
    ("The Gene Keepers", "Dr Nisha Patel", "", "", SCIENCE, "Genetics, Evolution", 11.2, 2020, U),
    ("Hothouse Earth", "Tom Ferris", "", "", SCIENCE, "Climate, Popular Science", 10.3, 2022, U),
    ("Moonshots", "Dr Ruth Kelman", "", "", SCIENCE, "Space, History of Science", 12.6, 2023, U),
    ("The Secret Life of Rivers", "Callum Reid", "", "", SCIENCE, "Nature Writing, Wildlife", 7.7, 2017, U),
    ("Mostly Harmless Office Politics", "Bertie Crane", "", "", COMEDY, "Humorous Fiction, Office Life", 7.2, 2019, U),
    ("The Allotment Wars", "Bertie Crane", "", "", COMEDY, "Humorous Fiction, Village Life", 6.9, 2022, U),
    ("Live at the Empire", "Gus Whitfield", "", "", COMEDY, "Stand-Up, Live Recording", 1.8, 2021, (("Original Recording", "English", "author"),)),
    ("The Shipping Forecast Sketch Show", "The Dogger Bank Players", "", "", COMEDY, "Sketch Comedy, Radio", 3.4, 2020, (("Dramatised", "English", 5),)),
    ("Startup Nation", "Kofi Mensah", "", "", BUSINESS, "Entrepreneurship, Startups", 8.6, 2019, U),
    ("The Humble Leader", "Anne-Marie Roux", "", "", BUSINESS, "Leadership, Management", 6.4, 2021, U),
    ("Why Prices Rise", "Prof. Ewan Kerr", "", "", BUSINESS, "Economics, Inflation", 9.9, 2023, U),
    ("Bedtime Tales from the Forest", "Elsie Marchbank", "", "", KIDS, "Bedtime Stories, Animals", 2.3, 2022, U),
    ("The Dragon Who Couldn't Roar", "Basil Oduya", "", "", KIDS, "Dragons, Bedtime Stories, Humour", 0.7, 2021, U),
    ("Space Cadets", "Noor Aziz", "", "", KIDS, "Space, Adventure, Humour", 3.8, 2023, (("Dramatised", "English", 4),)),
]
# fmt: on
NARRATORS = [
    "Imogen Tate",
    "Declan Moss",
    "Priya Lal",
    "Rufus Ashworth",
    "Hattie Crane",
    "Obi Mensah",
    "Siobhan Kerrigan",
    "Marcus Bell",
    "Eleanor Voss",
    "Jamie Strachan",
    "Nia Roberts-Hale",
    "Felix Warrender",
    "Ottilie Park",
    "Benedict Lowry",
    "Zara Quinn",
    "Callum Fyfe",
    "Ines Marlowe",
    "Toby Renshaw",
    "Grace Adeyemi",
    "Hugh Pemberton",
]  # fmt: skip
# series and some authors keep one narrator for all their books
SERIES_NARRATOR = {
    "DI Maggie Kerr": "Siobhan Kerrigan",
    "Wren & Fitch Mysteries": "Hattie Crane",
    "Ashes of the Ninth Realm": "Rufus Ashworth",
    "The Starward Accord": "Grace Adeyemi",
    "The Kestrel Files": "Hugh Pemberton",
    "Little Harbour": "Ottilie Park",
    "The Thornfield Hexes": "Zara Quinn",
    "Pip's Adventures": "Eleanor Voss",
    "Clockwork Academy": "Obi Mensah",
    "Sherlock Holmes": "Benedict Lowry",
    "Hercule Poirot": "Felix Warrender",
}
AUTHOR_NARRATOR = {"Stephen King": "Toby Renshaw", "Jane Austen": "Imogen Tate"}
FOREIGN_NARRATORS = {"French": "Amélie Rousseau", "Spanish": "Javier Montoya", "German": "Katrin Vogel"}
PUBLISHERS = ["Penhallow Audio", "Blackthorn Sound", "Northwind Audio", "Harbour Lane Audio", "Lantern House"]
FOREIGN_PUBLISHER = {"French": "Éditions Sonores", "Spanish": "Audiolibros Sol", "German": "Hörbuch Kontor"}


def length_text(rng: random.Random, hours: float) -> str:
    """As the store writes it ('12 hrs 5 mins'), or as one publisher's feed does ('9h 40m')."""
    whole, minutes = int(hours), round((hours - int(hours)) * 60) % 60
    if rng.random() < 0.25 and whole:
        return f"{whole}h {minutes}m" if minutes else f"{whole}h"
    hrs = f"{whole} hr" if whole == 1 else f"{whole} hrs"
    mins = f"{minutes} min" if minutes == 1 else f"{minutes} mins"
    if not whole:
        return mins
    return f"{hrs} {mins}" if minutes else hrs


def price_text(rng: random.Random, hours: float, classic: bool) -> str:
    if classic and rng.random() < 0.1:
        return "Free"  # in the members' catalogue
    base = 3.99 + min(hours, 40) * 0.62 + rng.uniform(-2, 3)
    pounds = max(3, min(29, int(base)))
    return f"£{pounds}.99"


def narrators_for(rng: random.Random, book: tuple, edition: tuple, number: int) -> str:
    author, series = book[1], book[2]
    _, language, count = edition
    if count == "author":
        return author
    if language in FOREIGN_NARRATORS:
        return FOREIGN_NARRATORS[language]
    if number == 0 and series in SERIES_NARRATOR:
        return SERIES_NARRATOR[series]
    if number == 0 and author in AUTHOR_NARRATOR:
        return AUTHOR_NARRATOR[author]
    return ", ".join(rng.sample(NARRATORS, count))


def rows(rng: random.Random) -> list[list[str]]:
    out = []
    asin = 1_000_000
    for book in BOOKS:
        title, author, series, number, genre, subgenres, hours, year, editions = book
        for index, edition in enumerate(editions):
            fmt, language, _ = edition
            length = hours
            if fmt == "Abridged":
                length = hours * rng.uniform(0.3, 0.45)
            elif fmt == "Dramatised" and index:
                length = max(0.8, hours * rng.uniform(0.15, 0.3))
            elif index:
                length = hours * rng.uniform(0.95, 1.08)
            released = year + (rng.randint(1, 6) if index else 0)
            released = min(released, 2024)
            month, day = rng.randint(1, 12), rng.randint(1, 28)
            rating = min(4.9, max(3.4, rng.gauss(4.45, 0.28)))
            ratings = int(rng.lognormvariate(7.3, 1.5)) + 3
            if author in ("Stephen King", "Agatha Christie") or genre == CLASSICS:
                ratings = ratings * 3 + 500
            publisher = FOREIGN_PUBLISHER.get(language) or rng.choice(PUBLISHERS)
            asin += rng.randint(17, 9999)
            out.append(
                [
                    f"B0{asin:08d}"[:10],
                    title,
                    author,
                    narrators_for(rng, book, edition, index),
                    series,
                    str(number),
                    genre,
                    subgenres,
                    length_text(rng, length),
                    f"{released}-{month:02d}-{day:02d}",
                    language,
                    fmt,
                    f"{rating:.1f}",
                    f"{ratings:,}",
                    price_text(rng, length, genre == CLASSICS),
                    publisher,
                ]
            )
    return out


def main() -> None:
    rng = random.Random(20240917)
    table = rows(rng)
    table.sort(key=lambda r: (r[6], r[1]))  # the export is sorted by genre, then title
    header = [
        "ASIN",
        "Title",
        "Author",
        "Narrator(s)",
        "Series",
        "Book no.",
        "Genre",
        "Subgenres",
        "Length",
        "Release date",
        "Language",
        "Format",
        "Rating",
        "Ratings",
        "Price",
        "Publisher",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(table)


if __name__ == "__main__":
    main()
