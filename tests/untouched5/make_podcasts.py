"""Writes podcasts/podcast_directory.csv: a podcast directory's list of shows as exported from
its spreadsheet, `,` between cells (seeded: running it again writes the same bytes). The
categories, formats, lengths and schedules are typical of podcast directories; every show, host
and network is invented. Hosts are a comma list in one quoted cell; some host more than one
show."""

# ruff: noqa: E501 (one row of the table a line)
from __future__ import annotations

import csv
import math
import random
from pathlib import Path

OUT = Path(__file__).with_name("podcasts") / "podcast_directory.csv"
# show, category, subcategory, format, typical episode length, release schedule, language,
# description
# fmt: off
SHOWS = [
    ("The Long Shadow", "True Crime", "Investigative", "Narrative", "45 min", "Weekly", "English", "A reporter reopens a 1994 disappearance in a small Welsh town, one witness at a time."),
    ("Cold Case Kitchen", "True Crime", "Cold Cases", "Conversation", "1 hr 10 min", "Weekly", "English", "Two old friends cook dinner and talk through an unsolved murder each week."),
    ("Verdict Pending", "True Crime", "Courtroom", "Panel", "50 min", "Weekly", "English", "Three defence lawyers pick apart the trials everyone is talking about."),
    ("Murder on the Marsh", "True Crime", "Historical Crime", "Narrative", "35 min", "Fortnightly", "English", "Victorian murders from the Fens, told from the court records and the newspapers of the day."),
    ("Small Town Secrets", "True Crime", "Cold Cases", "Conversation", "1 hr 20 min", "Weekly", "English", "Sisters from Ohio dig into the crimes their neighbours never talk about."),
    ("The Con Artists", "True Crime", "Scams & Fraud", "Narrative", "40 min", "Seasonal", "English", "How the boldest frauds and scams were pulled off, and how they came apart."),
    ("Dead Air", "True Crime", "Cold Cases", "Solo", "25-35 min", "Weekly", "English", "A former radio producer revisits missing persons cases that went quiet."),
    ("Crimen Sin Resolver", "True Crime", "Cold Cases", "Narrative", "45 min", "Fortnightly", "Spanish", "Crímenes sin resolver de España y Latinoamérica, contados con calma y con las fuentes."),
    ("Tatort Archiv", "True Crime", "Historical Crime", "Narrative", "50 min", "Fortnightly", "German", "Historische Kriminalfälle aus deutschen Archiven, Folge für Folge erzählt."),
    ("Case File Zero", "True Crime", "Investigative", "Interview", "1 hr", "Weekly", "English", "Retired detectives talk through the cases that stayed with them."),
    ("Bad Blood Ledger", "True Crime", "Scams & Fraud", "Narrative", "30 min", "Seasonal", "English", "Corporate fraud, ponzi schemes and the accountants who caught them."),
    ("Nightshift Homicide", "True Crime", "Investigative", "Panel", "1 hr 30 min", "Weekly", "English", "A panel of journalists and a forensic scientist on this week's murder headlines."),
    ("Two Pints In", "Comedy", "Comedy Interviews", "Conversation", "1 hr 15 min", "Weekly", "English", "Two comedians, two pints, and whatever comes up. Mostly football and their mums."),
    ("The Green Room Tapes", "Comedy", "Comedy Interviews", "Interview", "1 hr", "Weekly", "English", "Stand-ups talk about their worst gigs backstage before going on."),
    ("Improv Disaster Hour", "Comedy", "Improv", "Panel", "1 hr", "Weekly", "English", "Four improvisers, one suggestion from a listener, no second takes."),
    ("Bad Ideas Club", "Comedy", "Improv", "Panel", "45 min", "Weekly", "English", "Comedians pitch terrible inventions and the others have to make them work."),
    ("Mum's the Word", "Comedy", "Comedy Interviews", "Conversation", "40 min", "Weekly", "English", "Two mums of toddlers laugh about the chaos of parenting."),
    ("Open Mic Diaries", "Comedy", "Stand-Up", "Solo", "20 min", "Weekly", "English", "A new comic records every open mic set for a year, bombs included."),
    ("Half Baked Theories", "Comedy", "Comedy Interviews", "Conversation", "55 min", "Weekly", "English", "Flatmates argue over conspiracy theories they do not believe."),
    ("Risas de Guardia", "Comedy", "Improv", "Panel", "1 hr", "Weekly", "Spanish", "Cómicos de Madrid improvisan a partir de las historias de los oyentes."),
    ("Le Bureau des Blagues", "Comedy", "Stand-Up", "Panel", "45 min", "Weekly", "French", "Des humoristes parisiens testent leurs nouvelles blagues devant leurs collègues."),
    ("Heckle Me This", "Comedy", "Stand-Up", "Interview", "50 min", "Fortnightly", "English", "Comics replay the best heckles they ever got and how they answered."),
    ("The Sunday Waffle", "Comedy", "Comedy Interviews", "Conversation", "1 hr 30 min", "Weekly", "English", "A long, lazy chat show for Sunday mornings with a guest and a fry-up."),
    ("Empires of Dust", "History", "Ancient History", "Narrative", "1 hr 20 min", "Monthly", "English", "The rise and fall of ancient empires, from Akkad to Byzantium."),
    ("The Trenches", "History", "Military History", "Narrative", "45 min", "Weekly", "English", "The First World War told through letters home from the front line."),
    ("Tudor Tea Time", "History", "Modern History", "Conversation", "35 min", "Weekly", "English", "Two historians gossip about the Tudor court over a cup of tea."),
    ("Forgotten Ships", "History", "Military History", "Narrative", "30 min", "Fortnightly", "English", "Shipwrecks and naval battles nobody remembers, and the sailors aboard."),
    ("Roman Roads", "History", "Ancient History", "Solo", "25 min", "Weekly", "English", "One Roman road a week, and the towns, forts and people along it."),
    ("History at Closing Time", "History", "Modern History", "Panel", "1 hr", "Weekly", "English", "Three historians in a pub answer listener questions before last orders."),
    ("The Year That Was", "History", "Modern History", "Solo", "20-30 min", "Weekly", "English", "Each episode picks one year of the twentieth century and what changed in it."),
    ("Stones and Bones", "History", "Ancient History", "Interview", "50 min", "Fortnightly", "English", "Archaeologists on the digs that rewrote prehistory."),
    ("Geschichte Hören", "History", "Modern History", "Narrative", "40 min", "Weekly", "German", "Deutsche Geschichte des 20. Jahrhunderts, erzählt mit Zeitzeugen und Archivton."),
    ("Historias del Imperio", "History", "Modern History", "Narrative", "1 hr", "Fortnightly", "Spanish", "La historia del imperio español contada sin mitos y con humor."),
    ("Northern Lines", "History", "Local History", "Narrative", "30 min", "Monthly", "English", "The railways of the north of England and the towns they built."),
    ("Pale Blue Pixel", "Science", "Astronomy", "Conversation", "45 min", "Weekly", "English", "An astronomer and a comedian talk through the week's space news."),
    ("Quantum Coffee", "Science", "Physics", "Conversation", "30 min", "Weekly", "English", "Physics explained over one cup of coffee, no equations allowed."),
    ("The Mycelium Hour", "Science", "Nature", "Interview", "1 hr", "Fortnightly", "English", "Mycologists and foragers on the hidden world of fungi."),
    ("Deep Field", "Science", "Astronomy", "Narrative", "40 min", "Monthly", "English", "The story of the telescopes that showed us the edge of the universe."),
    ("Tidepool", "Science", "Nature", "Narrative", "25 min", "Fortnightly", "English", "Marine biologists take you into rock pools, kelp forests and the deep sea."),
    ("Lab Notes", "Science", "Medicine", "Interview", "35 min", "Weekly", "English", "Researchers explain the medical studies behind this week's headlines."),
    ("Ciencia en el Bolsillo", "Science", "Physics", "Solo", "15 min", "Weekly", "Spanish", "Ciencia explicada en quince minutos para escuchar en el metro."),
    ("The Curious Brain", "Science", "Medicine", "Interview", "50 min", "Weekly", "English", "Neuroscientists on memory, sleep, habits and why we forget names."),
    ("Backyard Stars", "Science", "Astronomy", "Solo", "15-20 min", "Monthly", "English", "What to look for in the night sky this month, with a pair of binoculars."),
    ("Birdsong Journal", "Science", "Nature", "Solo", "10 min", "Weekly", "English", "A naturalist records one bird's song each week and tells its story."),
    ("Side Hustle Stories", "Business", "Entrepreneurship", "Interview", "40 min", "Weekly", "English", "People who turned an evening project into a business, and what it cost them."),
    ("The Frugal Ledger", "Business", "Investing", "Conversation", "35 min", "Weekly", "English", "A couple on paying off debt, index funds and spending less without misery."),
    ("Boardroom Breakdown", "Business", "Management", "Panel", "1 hr", "Weekly", "English", "Former executives dissect the week's biggest business decisions."),
    ("Startup Autopsy", "Business", "Entrepreneurship", "Narrative", "45 min", "Seasonal", "English", "Why promising startups died, told by the founders who were there."),
    ("Money Talks Back", "Business", "Investing", "Interview", "50 min", "Weekly", "English", "Fund managers and economists answer listeners' money questions."),
    ("The Nine to Five", "Business", "Careers", "Conversation", "30 min", "Weekly", "English", "Two recruiters on job interviews, pay rises and quitting well."),
    ("Brand New Day", "Business", "Marketing", "Solo", "20 min", "Weekdays", "English", "A daily marketing idea you can use before lunch."),
    ("Geld & Gewohnheit", "Business", "Investing", "Conversation", "45 min", "Fortnightly", "German", "Zwei Freundinnen sprechen über Geld, ETFs und Sparen ohne Verzicht."),
    ("Emprende Ya", "Business", "Entrepreneurship", "Interview", "40 min", "Weekly", "Spanish", "Emprendedores latinoamericanos cuentan cómo empezaron su negocio."),
    ("Pension Pot", "Business", "Investing", "Solo", "25 min", "Fortnightly", "English", "A retired adviser explains pensions and retirement savings in plain English."),
    ("Route One", "Sports", "Football", "Panel", "1 hr 15 min", "Twice weekly", "English", "Premier League football, argued about by ex-players and fans."),
    ("The Long Ball", "Sports", "Football", "Conversation", "50 min", "Weekly", "English", "Lower league football and the clubs that hold towns together."),
    ("Silly Mid-On", "Sports", "Cricket", "Panel", "1 hr", "Weekly", "English", "Cricket, county and Test, with former players and a lot of cake."),
    ("Miles and Miles", "Sports", "Running", "Interview", "55 min", "Weekly", "English", "Runners of every speed on training, injuries and their first marathon."),
    ("Peloton Talk", "Sports", "Cycling", "Panel", "1 hr 10 min", "Weekly", "English", "Road cycling news, race previews and the Tour de France every July."),
    ("Second Serve", "Sports", "Tennis", "Conversation", "45 min", "Weekly", "English", "Two former players on the tennis tour, the slams and the gossip."),
    ("The Scrum Down", "Sports", "Rugby", "Panel", "1 hr", "Weekly", "English", "Rugby union from the Six Nations to the club game."),
    ("Fútbol Total", "Sports", "Football", "Panel", "1 hr 30 min", "Twice weekly", "Spanish", "Todo el fútbol de La Liga, con exjugadores y periodistas."),
    ("Le Vestiaire", "Sports", "Football", "Conversation", "1 hr", "Weekly", "French", "Le football français vu du vestiaire, avec d'anciens joueurs de Ligue 1."),
    ("Ultra Distance", "Sports", "Running", "Solo", "30 min", "Fortnightly", "English", "An ultrarunner's diary from 100-mile races and the long training runs before them."),
    ("Full Court Press", "Sports", "Basketball", "Panel", "1 hr 5 min", "Twice weekly", "English", "NBA basketball from a British point of view."),
    ("The Morning Brief", "News", "Daily News", "Solo", "12 min", "Weekdays", "English", "The day's top stories in twelve minutes, every weekday at six."),
    ("Westminster Unspun", "News", "Politics", "Panel", "50 min", "Weekly", "English", "Political journalists on what really happened in Parliament this week."),
    ("World in Ten", "News", "World News", "Solo", "10 min", "Daily", "English", "Ten minutes of world news, from a different country's point of view each day."),
    ("The Week Explained", "News", "Politics", "Conversation", "40 min", "Weekly", "English", "Two reporters explain the week's biggest political story from the start."),
    ("Local Desk", "News", "Daily News", "Panel", "25 min", "Weekdays", "English", "Local news from the north of England, read by the reporters who wrote it."),
    ("Nachrichten Kompakt", "News", "Daily News", "Solo", "15 min", "Weekdays", "German", "Die wichtigsten Nachrichten des Tages in einer Viertelstunde."),
    ("Le Journal en Bref", "News", "Daily News", "Solo", "10 min", "Weekdays", "French", "L'essentiel de l'actualité en dix minutes, chaque matin."),
    ("Policy Wonks Anonymous", "News", "Politics", "Panel", "1 hr 20 min", "Weekly", "English", "Think tank researchers argue about housing, tax and the NHS."),
    ("Dispatches from Elsewhere", "News", "World News", "Narrative", "35 min", "Fortnightly", "English", "Foreign correspondents tell one story from the place they report on."),
    ("Byte Sized", "Technology", "Tech News", "Conversation", "30 min", "Twice weekly", "English", "The week's tech news in half an hour, without the hype."),
    ("Stack Trace", "Technology", "Programming", "Conversation", "1 hr", "Weekly", "English", "Two software engineers on code, bugs and the tools they actually use."),
    ("The Gadget Shelf", "Technology", "Gadgets", "Panel", "50 min", "Weekly", "English", "Phones, laptops and smart home kit, tested and argued about."),
    ("Machine Minds", "Technology", "Artificial Intelligence", "Interview", "1 hr 5 min", "Weekly", "English", "Researchers and engineers on what AI can and cannot do."),
    ("Legacy Code", "Technology", "Programming", "Interview", "45 min", "Fortnightly", "English", "Programmers on the old systems that still run banks, airlines and hospitals."),
    ("Patch Tuesday", "Technology", "Security", "Panel", "40 min", "Weekly", "English", "Security researchers on this week's hacks, leaks and patches."),
    ("Open Source Stories", "Technology", "Programming", "Interview", "50 min", "Monthly", "English", "Maintainers of open source projects on the people behind the code."),
    ("Techno Lógica", "Technology", "Tech News", "Conversation", "45 min", "Weekly", "Spanish", "Noticias de tecnología explicadas para todos, desde Ciudad de México."),
    ("Right to Repair Radio", "Technology", "Gadgets", "Solo", "20 min", "Fortnightly", "English", "How to fix your own phone, laptop and toaster, and why you should be allowed to."),
    ("Silicon Valleys", "Technology", "Tech History", "Narrative", "40 min", "Seasonal", "English", "The story of computing told through the places it was built, from Manchester to Shenzhen."),
    ("Breathe Out", "Health & Fitness", "Mental Health", "Solo", "15 min", "Weekly", "English", "Short guided breathing and calm for anxious days."),
    ("The Gut Feeling", "Health & Fitness", "Nutrition", "Interview", "45 min", "Weekly", "English", "Dietitians and scientists on what the gut does and what to eat."),
    ("Lift Heavy, Live Long", "Health & Fitness", "Fitness", "Conversation", "50 min", "Weekly", "English", "Two coaches on strength training for people over forty."),
    ("Sleep Well Tonight", "Health & Fitness", "Sleep", "Solo", "30 min", "Weekly", "English", "Slow, soothing stories and sleep science to help you drift off."),
    ("Therapy Room Talks", "Health & Fitness", "Mental Health", "Interview", "55 min", "Weekly", "English", "Therapists and their clients, with permission, on what helped."),
    ("Couch to Curious", "Health & Fitness", "Fitness", "Conversation", "35 min", "Weekly", "English", "Two beginners try a new sport every week and report back."),
    ("Plant Plate", "Health & Fitness", "Nutrition", "Conversation", "40 min", "Fortnightly", "English", "Vegan cooks and nutritionists on eating well without meat."),
    ("Mente Sana", "Health & Fitness", "Mental Health", "Interview", "45 min", "Weekly", "Spanish", "Psicólogos hablan de ansiedad, duelo y autoestima sin tabúes."),
    ("Run Your Mind", "Health & Fitness", "Mental Health", "Solo", "20-25 min", "Weekly", "English", "A runner on using running to manage depression and anxiety."),
    ("The Physio Sessions", "Health & Fitness", "Fitness", "Interview", "40 min", "Fortnightly", "English", "Physiotherapists on back pain, running injuries and getting moving again."),
    ("Dear Stranger", "Society & Culture", "Relationships", "Conversation", "45 min", "Weekly", "English", "Two friends answer listeners' letters about love, family and friendship."),
    ("Everyday Philosophy", "Society & Culture", "Philosophy", "Solo", "25 min", "Weekly", "English", "One big idea from philosophy applied to an ordinary week."),
    ("The Listening Post", "Society & Culture", "Documentary", "Narrative", "35 min", "Fortnightly", "English", "Documentaries about small communities and the people who hold them together."),
    ("Second Chances", "Society & Culture", "Documentary", "Interview", "50 min", "Weekly", "English", "People who left prison talk about starting again."),
    ("Modern Love Letters", "Society & Culture", "Relationships", "Narrative", "20 min", "Weekly", "English", "Listeners' love stories read aloud, happy endings not guaranteed."),
    ("Socrates at the Pub", "Society & Culture", "Philosophy", "Panel", "1 hr 10 min", "Fortnightly", "English", "Philosophers argue about ethics over a pint."),
    ("Voices from the Estate", "Society & Culture", "Documentary", "Narrative", "30 min", "Monthly", "English", "Life on a Glasgow housing estate told by the people who live there."),
    ("Grandma's Kitchen Table", "Society & Culture", "Personal Journals", "Interview", "30-40 min", "Fortnightly", "English", "A granddaughter records her grandmother's stories, recipes and advice."),
    ("Entre Nous", "Society & Culture", "Relationships", "Conversation", "50 min", "Weekly", "French", "Deux amies parlent d'amour, d'amitié et de famille, sans filtre."),
    ("Gente Corriente", "Society & Culture", "Documentary", "Narrative", "40 min", "Fortnightly", "Spanish", "Historias de gente corriente en pueblos de España."),
    ("Shelf Life", "Arts", "Books", "Conversation", "45 min", "Weekly", "English", "Two booksellers on the new novels worth your time and the ones that are not."),
    ("The Slow Cook", "Arts", "Food", "Interview", "40 min", "Weekly", "English", "Chefs on the one dish they would cook for the rest of their lives."),
    ("Bookish Banter", "Arts", "Books", "Panel", "1 hr", "Fortnightly", "English", "A book club of four, one novel a fortnight, spoilers from minute ten."),
    ("Form & Function", "Arts", "Design", "Interview", "45 min", "Fortnightly", "English", "Designers on chairs, fonts, buildings and the everyday objects we ignore."),
    ("Canvas Talks", "Arts", "Visual Arts", "Interview", "35 min", "Weekly", "English", "Painters and curators on one painting each episode."),
    ("Stage Left", "Arts", "Theatre", "Conversation", "50 min", "Weekly", "English", "West End and fringe theatre reviewed by two actors."),
    ("Knead to Know", "Arts", "Food", "Solo", "20 min", "Weekly", "English", "A baker answers one bread question per episode, sourdough mostly."),
    ("A Poem a Day", "Arts", "Books", "Solo", "5 min", "Daily", "English", "One poem read aloud each morning, with a minute on why it matters."),
    ("Lesezeichen", "Arts", "Books", "Conversation", "1 hr", "Monthly", "German", "Zwei Buchhändlerinnen sprechen über neue Romane und alte Lieblinge."),
    ("Cocina Abierta", "Arts", "Food", "Interview", "35 min", "Weekly", "Spanish", "Cocineros de toda España comparten sus recetas y su historia."),
    ("Bedtime Burrow", "Kids & Family", "Stories for Kids", "Audio drama", "10-15 min", "Twice weekly", "English", "Gentle bedtime adventures with a family of rabbits under the hill."),
    ("Tiny Scientists", "Kids & Family", "Education for Kids", "Conversation", "20 min", "Weekly", "English", "A scientist and her son answer the questions kids send in."),
    ("The Parenting Shed", "Kids & Family", "Parenting", "Conversation", "45 min", "Weekly", "English", "Two dads on toddlers, tantrums and school runs."),
    ("Dino Detectives", "Kids & Family", "Stories for Kids", "Audio drama", "20 min", "Weekly", "English", "Two young detectives solve mysteries in a museum of dinosaurs."),
    ("Raising Teens", "Kids & Family", "Parenting", "Interview", "50 min", "Fortnightly", "English", "Psychologists and parents on phones, exams and teenage moods."),
    ("Story Time Train", "Kids & Family", "Stories for Kids", "Solo", "15 min", "Weekly", "English", "Classic fairy tales read aloud for children under seven."),
    ("Why Is the Sky", "Kids & Family", "Education for Kids", "Solo", "10 min", "Weekly", "English", "Short answers to big questions from curious children."),
    ("Cuentos de la Luna", "Kids & Family", "Stories for Kids", "Audio drama", "12 min", "Weekly", "Spanish", "Cuentos para dormir con música suave y personajes del bosque."),
    ("Giggle Box", "Kids & Family", "Education for Kids", "Panel", "25 min", "Weekly", "English", "Jokes, riddles and silly science for children and the adults who drive them."),
    ("The Lighthouse Keeper", "Fiction", "Drama", "Audio drama", "30 min", "Seasonal", "English", "A widowed keeper on a Cornish island and the ships that never arrive."),
    ("Signal Lost", "Fiction", "Science Fiction", "Audio drama", "25 min", "Seasonal", "English", "The crew of a deep space relay station hears a message from home, ten years late."),
    ("Hollow Creek", "Fiction", "Horror", "Audio drama", "35 min", "Seasonal", "English", "Something is wrong in a quiet mountain town, and the radio station knows it."),
    ("The Ministry of Small Things", "Fiction", "Comedy Fiction", "Audio drama", "20 min", "Seasonal", "English", "A sitcom about the least important government department in Britain."),
    ("Station Nine", "Fiction", "Science Fiction", "Audio drama", "40 min", "Seasonal", "English", "A murder mystery on a research base under the Antarctic ice."),
    ("Ghost Stories for Grown-Ups", "Fiction", "Horror", "Solo", "30 min", "Weekly", "English", "Classic ghost stories read by candlelight, M. R. James to Shirley Jackson."),
    ("Letters from Ashford", "Fiction", "Drama", "Audio drama", "25 min", "Seasonal", "English", "A family saga told in letters between two sisters in 1950s Kent."),
    ("Red Planet Radio", "Fiction", "Science Fiction", "Audio drama", "30 min", "Seasonal", "English", "The only radio station on the first Mars colony, and its strange callers."),
    ("La Casa del Eco", "Fiction", "Horror", "Audio drama", "35 min", "Seasonal", "Spanish", "Una familia se muda a una casa donde las voces se repiten por la noche."),
    ("Espresso Italian", "Education", "Language Learning", "Solo", "15 min", "Weekly", "English", "Learn Italian in a coffee break: one phrase, one grammar point, one story."),
    ("Slow Spanish Sundays", "Education", "Language Learning", "Conversation", "25 min", "Weekly", "Spanish", "Conversaciones lentas en español para estudiantes de nivel intermedio."),
    ("German in Ten", "Education", "Language Learning", "Solo", "10 min", "Weekly", "English", "Ten-minute German lessons for complete beginners."),
    ("Fix It Friday", "Education", "How To", "Solo", "20 min", "Weekly", "English", "A builder explains one household repair each Friday, from dripping taps to damp."),
    ("The Study Hall", "Education", "Self-Improvement", "Conversation", "30 min", "Weekly", "English", "Two teachers on revision, exams and learning how to learn."),
    ("Grammar Gremlins", "Education", "Language Learning", "Conversation", "20 min", "Weekly", "English", "English grammar and words people get wrong, explained with jokes."),
    ("Français Facile", "Education", "Language Learning", "Solo", "15 min", "Weekly", "French", "Des histoires en français facile pour apprendre en écoutant."),
    ("Allotment Answers", "Education", "How To", "Panel", "40 min", "Weekly", "English", "Gardeners answer listeners' questions about vegetables, pests and compost."),
    ("Everyday Maths", "Education", "Self-Improvement", "Solo", "15 min", "Fortnightly", "English", "The maths of mortgages, odds and recipes, for people who hated it at school."),
    ("Popcorn Verdict", "TV & Film", "Film Reviews", "Panel", "1 hr", "Weekly", "English", "Three critics review the week's new films, with a score out of ten."),
    ("Rewatch Rewind", "TV & Film", "TV Reviews", "Conversation", "1 hr 15 min", "Weekly", "English", "Two friends rewatch a nineties sitcom episode by episode."),
    ("Reel History", "TV & Film", "Film History", "Narrative", "40 min", "Fortnightly", "English", "The true stories behind classic films, and what the films got wrong."),
    ("Spoiler Alert Society", "TV & Film", "TV Reviews", "Panel", "1 hr 5 min", "Weekly", "English", "Prestige TV dramas discussed the morning after each episode airs."),
    ("Box Set Binge", "TV & Film", "TV Reviews", "Conversation", "50 min", "Weekly", "English", "One whole series a week, reviewed by two people who watched it in a weekend."),
    ("The Director's Chair", "TV & Film", "Film History", "Interview", "55 min", "Fortnightly", "English", "Film directors talk through one scene of theirs, shot by shot."),
    ("Butaca Cero", "TV & Film", "Film Reviews", "Conversation", "45 min", "Weekly", "Spanish", "Críticas de cine de estreno y clásicos olvidados."),
    ("Double Feature", "TV & Film", "Film Reviews", "Conversation", "1 hr 20 min", "Weekly", "English", "Two films with something in common, reviewed back to back."),
    ("Horror Movie Night", "TV & Film", "Film Reviews", "Panel", "1 hr", "Weekly", "English", "Horror films old and new, reviewed by fans who scare easily."),
    ("B-Side Stories", "Music", "Music History", "Narrative", "30 min", "Fortnightly", "English", "The songs that were never the hit, and the stories behind them."),
    ("Liner Notes", "Music", "Music Interviews", "Interview", "45 min", "Weekly", "English", "Musicians talk through their albums track by track."),
    ("The Vinyl Hour", "Music", "Music Commentary", "Solo", "1 hr", "Weekly", "English", "A record collector plays and talks about one album side a week."),
    ("Drop the Needle", "Music", "Music Commentary", "Conversation", "50 min", "Weekly", "English", "Two DJs argue about new releases and old favourites."),
    ("Jazz After Dark", "Music", "Music History", "Solo", "40 min", "Weekly", "English", "The history of jazz told one late night session at a time."),
    ("One Hit Wonders", "Music", "Music History", "Conversation", "35 min", "Weekly", "English", "What happened to the bands who only had the one song."),
    ("Backstage Pass", "Music", "Music Interviews", "Interview", "40 min", "Fortnightly", "English", "Roadies, sound engineers and tour managers on life behind the stage."),
    ("Klang & Kontext", "Music", "Music Commentary", "Conversation", "1 hr", "Monthly", "German", "Zwei Musikjournalisten über neue Alben und die Geschichte dahinter."),
    ("Folk Roots Radio", "Music", "Music History", "Narrative", "45 min", "Monthly", "English", "Folk songs of Britain and Ireland, where they came from and who still sings them."),
    ("Quiet Mornings", "Religion & Spirituality", "Meditation", "Solo", "10 min", "Daily", "English", "A short meditation and a moment of quiet to start the day."),
    ("Faith in the Everyday", "Religion & Spirituality", "Christianity", "Conversation", "35 min", "Weekly", "English", "A vicar and a youth worker on faith, doubt and ordinary life."),
    ("Buddhism for Busy People", "Religion & Spirituality", "Buddhism", "Solo", "20 min", "Weekly", "English", "Buddhist teaching for people with jobs, kids and no time."),
    ("The Pilgrim Path", "Religion & Spirituality", "Spirituality", "Narrative", "40 min", "Seasonal", "English", "Walking the old pilgrim routes of Europe, from Canterbury to Santiago."),
    ("Big Questions, Small Chapel", "Religion & Spirituality", "Christianity", "Interview", "45 min", "Fortnightly", "English", "Believers and sceptics on the questions faith tries to answer."),
    ("Alma y Camino", "Religion & Spirituality", "Spirituality", "Solo", "25 min", "Weekly", "Spanish", "Reflexiones breves sobre la fe, el silencio y el camino interior."),
]
# fmt: on
# first names and surnames per language: a host is one of each
# fmt: off
NAMES = {
    "English": (
        ["Nadia", "Tom", "Ruth", "Owen", "Hattie", "Dev", "Isla", "Joe", "Priya", "Sam", "Grace", "Felix", "Martha", "Luke", "Anjali", "Ben", "Chloe", "Marcus", "Erin", "Kwame", "Holly", "Rhys", "Zara", "Will", "Maya", "Danny", "Imogen", "Callum", "Leah", "Frank", "Sophie", "Jonah", "Alice", "Harvey", "Ellie", "Noah", "Bea", "Raj", "Clara", "Ollie", "Fiona", "Tariq"],
        ["Brennan", "Achebe", "Callaghan", "Pryce", "Marsh", "Sharma", "McKenzie", "Whitfield", "Kaur", "Ellery", "Obi", "Harrow", "Quinn", "Fairbairn", "Rao", "Costigan", "Varga", "Lind", "Doyle", "Asante", "Brandt", "Morgan", "Hussain", "Tennant", "Okafor", "Lowe", "Pike", "Reid", "Goldberg", "Delaney", "Tran", "West", "Fenwick", "Mensah", "Strand", "Kemp", "Lawson", "Patel", "Hughes", "Barnes", "Gale", "Malik"],
    ),
    "Spanish": (
        ["Lucía", "Javier", "Carmen", "Diego", "Marta", "Pablo", "Elena", "Andrés", "Sofía", "Raúl"],
        ["Ferrer", "Ortega", "Ruiz", "Salas", "Iglesias", "Navarro", "Castro", "Molina", "Vidal", "Cabrera"],
    ),
    "German": (
        ["Jana", "Lukas", "Miriam", "Stefan", "Katrin", "Jonas"],
        ["Becker", "Hoffmann", "Vogel", "Krause", "Brandt", "Lorenz"],
    ),
    "French": (
        ["Camille", "Hugo", "Inès", "Julien", "Manon", "Théo"],
        ["Durand", "Lefèvre", "Moreau", "Petit", "Girard", "Roux"],
    ),
}
# fmt: on
NETWORKS = {
    "English": ["Northlight Audio", "Parallax Media", "Bramble Podcasts", "Fieldnote Studios", "Tall Grass Audio"],
    "Spanish": ["Onda Oeste"],
    "German": ["Hörwerk"],
    "French": ["Studio Lumen"],
}
HOST_COUNT = {
    "Solo": (1, 1),
    "Narrative": (1, 1),
    "Audio drama": (1, 2),
    "Interview": (1, 2),
    "Conversation": (2, 2),
    "Panel": (3, 4),
}
EXPLICIT_ODDS = {
    "True Crime": 0.4,
    "Comedy": 0.6,
    "Sports": 0.3,
    "TV & Film": 0.3,
    "Music": 0.25,
    "Society & Culture": 0.25,
    "Fiction": 0.3,
    "Technology": 0.1,
    "Business": 0.1,
}
PER_YEAR = {
    "Daily": 365,
    "Weekdays": 250,
    "Twice weekly": 100,
    "Weekly": 48,
    "Fortnightly": 24,
    "Monthly": 11,
    "Seasonal": 10,
}
PLATFORMS = [
    ("Apple Podcasts", 0.93),
    ("Spotify", 0.88),
    ("YouTube", 0.35),
    ("Pocket Casts", 0.5),
    ("Amazon Music", 0.4),
]
NOW = 2025


def hosts(rng: random.Random, language: str, show_format: str, used: dict[str, tuple[int, str]]) -> list[str]:
    """Mostly new names; one in five times a host who already presents a show (three shows at
    most), as busy podcasters do."""
    wanted = rng.randint(*HOST_COUNT[show_format])
    firsts, lasts = NAMES[language]
    busy = [name for name, (shows, lang) in used.items() if lang == language and shows < 3]
    chosen: list[str] = []
    while len(chosen) < wanted:
        if busy and rng.random() < 0.2:
            name = rng.choice(busy)
        else:
            name = f"{rng.choice(firsts)} {rng.choice(lasts)}"
            if name in used:
                continue
        if name not in chosen:
            chosen.append(name)
    for name in chosen:
        used[name] = (used.get(name, (0, language))[0] + 1, language)
    return chosen


def row(rng: random.Random, spec: tuple, used: dict[str, tuple[int, str]]) -> list[str]:
    show, category, subcategory, show_format, length, schedule, language, description = spec
    first = rng.randint(2009, 2024)
    aired = f"{first}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    status = "Active"
    years = NOW - first + 0.5
    if rng.random() < (0.35 if schedule == "Seasonal" else 0.12) and first < 2023:
        status = "Finished"
        years = rng.uniform(0.5, max(0.6, years - 1))
    elif rng.random() < 0.05:
        status = "On hiatus"
    episodes = max(6, int(PER_YEAR[schedule] * years * rng.uniform(0.6, 1.0)))
    if schedule == "Seasonal":
        episodes = min(episodes, rng.choice([6, 8, 10, 12, 20, 24, 36]))
    explicit = (
        "No"
        if category in ("Kids & Family", "Religion & Spirituality")
        else ("Yes" if rng.random() < EXPLICIT_ODDS.get(category, 0.05) else "No")
    )
    count = int(math.exp(rng.uniform(math.log(40), math.log(60000))))
    count = count if count < 1000 else round(count, -2)
    rating = min(5.0, max(3.2, rng.gauss(4.5, 0.3)))
    platforms = [name for name, odds in PLATFORMS if rng.random() < odds] or ["Apple Podcasts"]
    network = "Independent" if rng.random() < 0.45 else rng.choice(NETWORKS[language])
    return [
        show,
        ", ".join(hosts(rng, language, show_format, used)),
        category,
        subcategory,
        show_format,
        description,
        length,
        f"{episodes:,}",
        language,
        explicit,
        f"{rating:.1f}",
        f"{count:,}",
        aired,
        schedule,
        status,
        network,
        ", ".join(platforms),
    ]


def main() -> None:
    rng = random.Random(20250302)
    used: dict[str, tuple[int, str]] = {}
    rows = [row(rng, spec, used) for spec in SHOWS]
    rows.sort(key=lambda r: r[0].casefold())  # the directory lists shows A-Z
    header = [
        "Show",
        "Host(s)",
        "Category",
        "Subcategory",
        "Format",
        "Description",
        "Typical episode length",
        "Episodes",
        "Language",
        "Explicit",
        "Rating",
        "Ratings count",
        "First aired",
        "Release schedule",
        "Status",
        "Network",
        "Available on",
    ]
    OUT.parent.mkdir(exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    main()
