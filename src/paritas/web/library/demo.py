"""Ten demo entries of the kind seed 004's project published (methods and exercises for gender
mainstreaming), written for Paritas, each in Swedish and German. Facts: (slug, form, themes, audience,
group size, minutes, measure keys); texts: (title, summary, aim, materials, steps)."""

from __future__ import annotations

from typing import Any

ENTRIES: list[dict[str, Any]] = [
    {"slug": "4r-metoden", "form": "method", "themes": ["norms", "leadership"], "audience": "managers",
     "group": (3, 12), "minutes": 180, "measures": ["yearly_report"],
     "sv": ("4R-metoden: representation, resurser, realia, realisering",
            "En metod för att granska en verksamhet ur ett jämställdhetsperspektiv i fyra steg: vilka som finns "
            "där, hur resurserna fördelas, vilka normer som styr och vad som ska förändras.",
            "Att synliggöra hur kvinnor och män får del av verksamhetens resurser och att besluta om konkreta "
            "förbättringar.",
            "Könsuppdelad statistik över verksamheten, blädderblock, pennor",
            "Representation: räkna hur många kvinnor och män som finns bland brukare, personal och beslutsfattare.\n"
            "Resurser: kartlägg hur tid, pengar och utrymme fördelas mellan kvinnor och män.\n"
            "Realia: diskutera vilka normer och värderingar som förklarar fördelningen.\n"
            "Realisering: formulera mål och åtgärder med ansvarig och tidpunkt.\n"
            "Följ upp åtgärderna efter ett halvår."),
     "de": ("Die 4R-Methode: Repräsentation, Ressourcen, Realitäten, Realisierung",
            "Eine Methode, um einen Arbeitsbereich in vier Schritten auf Gleichstellung zu prüfen: wer dort ist, "
            "wie die Ressourcen verteilt sind, welche Normen wirken und was sich ändern soll.",
            "Sichtbar machen, wie Frauen und Männer an den Ressourcen eines Bereichs teilhaben, und konkrete "
            "Verbesserungen beschließen.",
            "Nach Geschlecht aufgeschlüsselte Zahlen des Bereichs, Flipchart, Stifte",
            "Repräsentation: zählen, wie viele Frauen und Männer unter Kundschaft, Beschäftigten und "
            "Entscheidenden sind.\n"
            "Ressourcen: erfassen, wie Zeit, Geld und Raum zwischen Frauen und Männern verteilt sind.\n"
            "Realitäten: besprechen, welche Normen und Werte die Verteilung erklären.\n"
            "Realisierung: Ziele und Maßnahmen mit Verantwortlichen und Termin festlegen.\n"
            "Die Maßnahmen nach einem halben Jahr überprüfen.")},
    {"slug": "jamstalldhetstrappan", "form": "exercise", "themes": ["norms"], "audience": "everyone",
     "group": (6, 30), "minutes": 60, "measures": ["leadership_training"],
     "sv": ("Jämställdhetstrappan", "En övning där gruppen placerar sin arbetsplats på en trappa med fem steg, "
            "från omedvetenhet till jämställdhet som en självklar del av arbetet.",
            "Att få en gemensam bild av var arbetsplatsen står och vilket nästa steg är.",
            "En trappa med fem steg ritad på golvet eller på en tavla, lappar",
            "Beskriv de fem stegen: omedvetenhet, medvetenhet, kunskap, handling, självklarhet.\n"
            "Var och en ställer sig på det steg där hen tycker att arbetsplatsen står.\n"
            "Deltagarna berättar varför de står där de står.\n"
            "Gruppen enas om vad som behövs för att ta nästa steg.\n"
            "Skriv ner två åtgärder och vem som ansvarar för dem."),
     "de": ("Die Gleichstellungstreppe", "Eine Übung, in der die Gruppe ihren Arbeitsplatz auf einer Treppe mit "
            "fünf Stufen einordnet, von der Unkenntnis bis zur Gleichstellung als Selbstverständlichkeit.",
            "Ein gemeinsames Bild davon gewinnen, wo der Arbeitsplatz steht und was der nächste Schritt ist.",
            "Eine Treppe mit fünf Stufen auf dem Boden oder an der Tafel, Karten",
            "Die fünf Stufen erklären: Unkenntnis, Bewusstsein, Wissen, Handeln, Selbstverständlichkeit.\n"
            "Alle stellen sich auf die Stufe, auf der sie den Arbeitsplatz sehen.\n"
            "Die Teilnehmenden sagen, warum sie dort stehen.\n"
            "Die Gruppe einigt sich, was für die nächste Stufe nötig ist.\n"
            "Zwei Maßnahmen und ihre Verantwortlichen aufschreiben.")},
    {"slug": "normspaning", "form": "exercise", "themes": ["norms", "recruitment"], "audience": "staff",
     "group": (4, 20), "minutes": 45, "measures": ["gender_neutral_ads"],
     "sv": ("Normspaning i våra egna texter", "En normkritisk övning: gruppen läser en platsannons, en "
            "broschyr och en intern nyhet och letar efter vem som tas för given och vem som saknas.",
            "Att upptäcka normer i verksamhetens egna texter och bilder och skriva om dem så att fler känner sig "
            "välkomna.",
            "Tre egna texter med bilder, överstrykningspennor",
            "Dela upp gruppen i par och ge varje par en text.\n"
            "Stryk under ord och bilder som säger något om kön, ålder eller bakgrund.\n"
            "Fråga: vem känner sig tilltalad, vem inte?\n"
            "Skriv om en mening eller byt en bild.\n"
            "Paren visar sina förslag; gruppen väljer vad som ändras i verksamheten."),
     "de": ("Normen suchen in den eigenen Texten", "Eine normkritische Übung: Die Gruppe liest eine "
            "Stellenanzeige, eine Broschüre und eine interne Nachricht und sucht, wer vorausgesetzt wird und wer "
            "fehlt.",
            "Normen in den eigenen Texten und Bildern entdecken und sie so umschreiben, dass sich mehr Menschen "
            "angesprochen fühlen.",
            "Drei eigene Texte mit Bildern, Textmarker",
            "Die Gruppe in Paare teilen, jedes Paar bekommt einen Text.\n"
            "Wörter und Bilder markieren, die etwas über Geschlecht, Alter oder Herkunft sagen.\n"
            "Fragen: Wer fühlt sich angesprochen, wer nicht?\n"
            "Einen Satz umschreiben oder ein Bild austauschen.\n"
            "Die Paare zeigen ihre Vorschläge; die Gruppe wählt, was geändert wird.")},
    {"slug": "heltid-checklista", "form": "checklist", "themes": ["full_time"], "audience": "managers",
     "group": (1, 10), "minutes": 60, "measures": ["flexible_working"],
     "sv": ("Checklista: heltid som norm", "Frågor för chefer som vill att fler, särskilt kvinnor i "
            "kvinnodominerade yrken, ska kunna arbeta heltid.",
            "Att hitta hindren för heltid i den egna enheten och ta bort dem ett i taget.",
            "Enhetens bemanningsschema, statistik över sysselsättningsgrad per kön",
            "Hur stor andel av kvinnorna och männen arbetar heltid i dag?\n"
            "Erbjuds alla nyanställningar på heltid?\n"
            "Kan den som arbetar deltid gå upp i tid när hen vill?\n"
            "Bygger schemat på delade turer eller korta pass som gör heltid svår?\n"
            "Finns det uppgifter som kan fylla ut en heltidstjänst?\n"
            "Har ni ett mål för andelen heltid och följer ni upp det varje år?"),
     "de": ("Checkliste: Vollzeit als Regel", "Fragen für Führungskräfte, die erreichen wollen, dass mehr "
            "Beschäftigte, vor allem Frauen in frauendominierten Berufen, Vollzeit arbeiten können.",
            "Die Hindernisse für Vollzeit in der eigenen Einheit finden und eines nach dem anderen beseitigen.",
            "Dienstplan der Einheit, Zahlen zum Beschäftigungsumfang nach Geschlecht",
            "Wie viele Frauen und Männer arbeiten heute Vollzeit?\n"
            "Werden alle neuen Stellen in Vollzeit angeboten?\n"
            "Kann aufstocken, wer in Teilzeit arbeitet und mehr arbeiten möchte?\n"
            "Beruht der Dienstplan auf geteilten Diensten oder kurzen Schichten, die Vollzeit erschweren?\n"
            "Gibt es Aufgaben, die eine Vollzeitstelle ergänzen können?\n"
            "Gibt es ein Ziel für den Anteil der Vollzeit, und wird es jedes Jahr überprüft?")},
    {"slug": "lonekartlaggning-fem-steg", "form": "guide", "themes": ["pay"], "audience": "hr",
     "group": (2, 8), "minutes": 240, "measures": ["pay_review"],
     "sv": ("Lönekartläggning i fem steg", "En vägledning för den årliga lönekartläggningen: från "
            "lönestatistiken till en handlingsplan med kostnader.",
            "Att upptäcka, förklara och åtgärda osakliga löneskillnader mellan kvinnor och män.",
            "Löneuppgifter per anställd, arbetsvärdering, Paritas lönegapsrapport",
            "Samla löner och lönekriterier och bestäm vilka arbeten som är lika och likvärdiga.\n"
            "Jämför löner för lika arbete mellan kvinnor och män.\n"
            "Jämför likvärdiga arbeten och kvinnodominerade arbeten med högre avlönade arbeten.\n"
            "Analysera om skillnaderna har sakliga skäl och skriv ner dem.\n"
            "Gör en handlingsplan med lönejusteringar, kostnad och tidpunkt."),
     "de": ("Entgeltanalyse in fünf Schritten", "Ein Leitfaden für die jährliche Entgeltanalyse: von den "
            "Entgelten zum Aktionsplan mit Kosten.",
            "Nicht begründete Entgeltunterschiede zwischen Frauen und Männern erkennen, erklären und beseitigen.",
            "Entgelte je Beschäftigten, Arbeitsbewertung, der Entgeltbericht von Paritas",
            "Entgelte und Entgeltkriterien sammeln und festlegen, welche Arbeiten gleich und gleichwertig sind.\n"
            "Die Entgelte von Frauen und Männern für gleiche Arbeit vergleichen.\n"
            "Gleichwertige Arbeiten und frauendominierte mit besser bezahlten Arbeiten vergleichen.\n"
            "Prüfen, ob die Unterschiede sachlich begründet sind, und die Gründe aufschreiben.\n"
            "Einen Aktionsplan mit Entgeltanpassungen, Kosten und Termin aufstellen.")},
    {"slug": "konsneutral-annons", "form": "checklist", "themes": ["recruitment"], "audience": "hr",
     "group": (1, 5), "minutes": 30, "measures": ["gender_neutral_ads"],
     "sv": ("Checklista för en könsneutral platsannons", "Tio frågor att ställa innan en annons publiceras.",
            "Att nå sökande av alla kön och inte skrämma bort någon med ord eller bilder.",
            "Utkastet till annonsen",
            "Är titeln könsneutral?\nBeskriver kraven det arbetet faktiskt kräver?\n"
            "Används ord som främst tilltalar ett kön, som 'drivande' eller 'omhändertagande'?\n"
            "Visar bilderna olika personer?\nNämns möjligheten till heltid och flexibla tider?\n"
            "Står lönen eller lönespannet i annonsen?"),
     "de": ("Checkliste für eine geschlechtergerechte Stellenanzeige", "Zehn Fragen vor der Veröffentlichung "
            "einer Anzeige.", "Bewerbende aller Geschlechter erreichen und niemanden durch Worte oder Bilder "
            "abschrecken.", "Der Entwurf der Anzeige",
            "Ist die Bezeichnung geschlechtergerecht?\nBeschreiben die Anforderungen, was die Arbeit wirklich "
            "verlangt?\nStehen Wörter darin, die vor allem ein Geschlecht ansprechen?\nZeigen die Bilder "
            "verschiedene Menschen?\nSind Vollzeit und flexible Zeiten erwähnt?\nSteht das Entgelt oder die "
            "Entgeltspanne in der Anzeige (EU-Richtlinie 2023/970, Art. 5)?")},
    {"slug": "strukturerad-intervju", "form": "method", "themes": ["recruitment"], "audience": "managers",
     "group": (2, 6), "minutes": 90, "measures": ["mixed_panels"],
     "sv": ("Strukturerade intervjuer", "Samma frågor i samma ordning till alla sökande, bedömda mot kriterier "
            "som bestämts i förväg.", "Att minska fördomarnas inverkan på urvalet.",
            "Kravprofil, frågemall, bedömningsskala",
            "Bestäm kriterierna utifrån kravprofilen.\nSkriv frågor till varje kriterium.\n"
            "Ställ frågorna i samma ordning till alla.\nBedöm var för sig innan ni diskuterar.\n"
            "Dokumentera skälen för beslutet."),
     "de": ("Strukturierte Auswahlgespräche", "Dieselben Fragen in derselben Reihenfolge an alle Bewerbenden, "
            "bewertet nach vorher festgelegten Kriterien.", "Den Einfluss von Vorurteilen auf die Auswahl "
            "verringern.", "Anforderungsprofil, Fragebogen, Bewertungsskala",
            "Die Kriterien aus dem Anforderungsprofil festlegen.\nZu jedem Kriterium Fragen schreiben.\n"
            "Die Fragen allen in derselben Reihenfolge stellen.\nZuerst einzeln bewerten, dann besprechen.\n"
            "Die Gründe der Entscheidung festhalten.")},
    {"slug": "delat-ledarskap", "form": "guide", "themes": ["leadership", "full_time"], "audience": "managers",
     "group": (2, 4), "minutes": 120, "measures": ["part_time_leadership"],
     "sv": ("Delat ledarskap", "En vägledning för två chefer som delar på ett uppdrag.",
            "Att göra chefsuppdrag möjliga för den som inte vill eller kan arbeta mer än heltid.",
            "Befattningsbeskrivning, kalender",
            "Bestäm vad ni ansvarar för tillsammans och var för sig.\nKom överens om hur ni fattar beslut.\n"
            "Planera en gemensam tid varje vecka.\nBerätta för medarbetarna hur ni fördelar arbetet.\n"
            "Utvärdera efter sex månader."),
     "de": ("Führen im Tandem", "Ein Leitfaden für zwei Führungskräfte, die sich eine Aufgabe teilen.",
            "Führungsaufgaben auch denen öffnen, die nicht mehr als Vollzeit arbeiten wollen oder können.",
            "Stellenbeschreibung, Kalender",
            "Festlegen, wofür beide gemeinsam und wofür jede und jeder allein verantwortlich ist.\n"
            "Vereinbaren, wie Entscheidungen getroffen werden.\nJede Woche eine gemeinsame Zeit planen.\n"
            "Den Beschäftigten sagen, wie die Arbeit verteilt ist.\nNach sechs Monaten auswerten.")},
    {"slug": "motesanalys", "form": "exercise", "themes": ["norms", "leadership"], "audience": "everyone",
     "group": (5, 25), "minutes": 30, "measures": [],
     "sv": ("Mötesanalys: vem tar ordet?", "En enkel observation under ett vanligt möte: vem talar, hur länge, "
            "och vem blir avbruten.", "Att göra talutrymmet synligt och fördela det jämnare.",
            "Observationsmall, klocka",
            "Utse en observatör före mötet.\nObservatören noterar talare, taltid och avbrott.\n"
            "Redovisa resultatet i slutet av mötet.\nKom överens om en regel för nästa möte."),
     "de": ("Sitzungsanalyse: Wer ergreift das Wort?", "Eine einfache Beobachtung in einer gewöhnlichen "
            "Sitzung: wer spricht, wie lange, und wer wird unterbrochen.", "Die Redezeit sichtbar machen und "
            "gerechter verteilen.", "Beobachtungsbogen, Uhr",
            "Vor der Sitzung eine beobachtende Person bestimmen.\nSie notiert, wer spricht, wie lange, und "
            "Unterbrechungen.\nDas Ergebnis am Ende der Sitzung vorstellen.\nEine Regel für die nächste Sitzung "
            "vereinbaren.")},
    {"slug": "introduktion-nyanlanda", "form": "guide", "themes": ["integration", "recruitment"],
     "audience": "hr", "group": (1, 10), "minutes": 120, "measures": ["lateral_entrants"],
     "sv": ("Introduktion för nyanlända medarbetare", "En vägledning för en introduktion som tar hänsyn till "
            "språk, nätverk och familjesituation.", "Att nyanlända kvinnor och män ska få samma möjligheter "
            "att etablera sig på arbetsplatsen.", "Introduktionsplan, kontaktlista, ordlista",
            "Utse en mentor för varje ny medarbetare.\nPlanera språkstöd på arbetstid.\n"
            "Förklara arbetsplatsens regler om arbetstid, föräldraledighet och lön.\n"
            "Följ upp efter en, tre och sex månader."),
     "de": ("Einarbeitung neu zugewanderter Beschäftigter", "Ein Leitfaden für eine Einarbeitung, die "
            "Sprache, Netzwerke und Familiensituation berücksichtigt.", "Neu zugewanderten Frauen und Männern "
            "dieselben Möglichkeiten geben, am Arbeitsplatz anzukommen.", "Einarbeitungsplan, Kontaktliste, "
            "Glossar", "Jeder neuen Person eine Patin oder einen Paten zur Seite stellen.\n"
            "Sprachförderung in der Arbeitszeit planen.\nDie Regeln zu Arbeitszeit, Elternzeit und Entgelt "
            "erklären.\nNach einem, drei und sechs Monaten nachfragen.")},
]


def install(campaign: Any, author: Any, editor: Any) -> int:
    """The demo entries, published by ``campaign``, written by ``author`` and reviewed by ``editor``."""
    from django.utils import timezone

    from paritas.web.library.models import Entry, EntryText, Theme

    for item in ENTRIES:
        low, high = item["group"]
        entry = Entry.objects.create(
            slug=item["slug"], form=item["form"], audience=item["audience"], group_min=low, group_max=high,
            duration_minutes=item["minutes"], campaign=campaign, author=author, status=Entry.Status.PUBLISHED,
            reviewed_by=editor, reviewed_at=timezone.now(), measure_keys=item["measures"],
            sources="Written for Paritas after the kind of material of the ESF project 'Jämställt hela tiden' "
                    "(Länsstyrelsen Dalarna, 2015–2018).")
        entry.themes.set(Theme.objects.filter(code__in=item["themes"]))
        for language in ("sv", "de"):
            title, summary, aim, materials, steps = item[language]
            EntryText.objects.create(entry=entry, language=language, title=title, summary=summary, aim=aim,
                                     materials=materials, steps=steps)
    return len(ENTRIES)
