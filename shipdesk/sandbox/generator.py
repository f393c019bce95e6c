"""Seeded generator of realistic Amazon EU merchant orders for the sandbox.

The orders have the shape of the Orders API v2026-01-01 `Order` (contracts/amazon/
orders_2026-01-01.json) with every optional section filled where Amazon would fill it; the
sandbox server strips what a caller did not ask for with `includedData`. The data is meant to
hurt: Dutch, Belgian, German and French addresses with the house-number forms that real buyers
type, PO boxes, numbers on the second line, streets with digits in their names, very long names.

Everything comes from one `random.Random(seed)`, so the same arguments give the same orders.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import itertools
import random
import time
from collections.abc import Sequence
from typing import Any, NamedTuple

MARKETPLACES: dict[str, dict] = {
    "A1805IZSGTT6HS": {"country": "NL", "name": "Amazon.nl", "currency": "EUR"},
    "A1PA6795UKMFR9": {"country": "DE", "name": "Amazon.de", "currency": "EUR"},
    "AMEN7PMS3EDWL": {"country": "BE", "name": "Amazon.com.be", "currency": "EUR"},
    "A13V1IB3VIYZZH": {"country": "FR", "name": "Amazon.fr", "currency": "EUR"},
}
# fmt: off
_MARKETPLACE_WEIGHTS = {"NL": 60, "DE": 20, "BE": 12, "FR": 8}
# Where each marketplace's orders go: locale key and weight.
_DESTINATIONS = {
    "NL": (("NL", 85), ("BE-nl", 8), ("BE-fr", 2), ("DE", 5)),
    "DE": (("DE", 95), ("NL", 5)),
    "BE": (("BE-nl", 55), ("BE-fr", 40), ("NL", 5)),
    "FR": (("FR", 97), ("BE-fr", 3)),
}
_TITLE_LANGUAGE = {"NL": "nl", "DE": "de", "FR": "fr"}  # BE: the buyer's language

# Real Amazon EU order ids start with one of these.
_ORDER_PREFIXES = ("402", "403", "404", "405", "406", "407", "408", "302", "303", "304", "305",
                   "306", "028", "171")
_STATUSES = (("UNSHIPPED", 77), ("PENDING", 5), ("PARTIALLY_SHIPPED", 2), ("SHIPPED", 10),
             ("CANCELLED", 6))
_SERVICE_LEVELS = (("STANDARD", 85), ("EXPEDITED", 9), ("NEXT_DAY", 4), ("SAME_DAY", 2))
_SHIPPING_CENTS = {"STANDARD": 395, "EXPEDITED": 595, "NEXT_DAY": 695, "SAME_DAY": 995}
_ITEM_COUNTS = ((1, 70), (2, 20), (3, 6), (4, 3), (5, 1))
_QUANTITIES = ((1, 85), (2, 11), (3, 4))
_FRESHNESS_S = 180  # Amazon lists nothing younger than a few minutes
_SHIP_FROM = {"name": "Webwinkel De Kade", "addressLine1": "Industrieweg 12", "city": "Utrecht",
              "postalCode": "3542 AD", "countryCode": "NL"}

# (sellerSku, asin, price in cents, title nl, title de, title fr): a small webshop's catalogue.
PRODUCTS = (
    ("MUG-BLU-350", "B0CJZDE8GX", 1295, "Koffiemok blauw 350 ml – steengoed, vaatwasserbestendig",
     "Kaffeetasse blau 350 ml – Steinzeug, spülmaschinenfest",
     "Mug bleu 350 ml – grès, passe au lave-vaisselle"),
    ("MUG-WHT-350", "B0D6NCF10E", 1295, "Koffiemok wit 350 ml – steengoed",
     "Kaffeetasse weiß 350 ml – Steinzeug", "Mug blanc 350 ml – grès"),
    ("MUG-SET4-GRN", "B0CF91DHOD", 3995, "Set van 4 espressokopjes groen 90 ml",
     "4er-Set Espressotassen grün 90 ml", "Lot de 4 tasses à expresso vertes 90 ml"),
    ("CASE-IP15-BLK", "B0CDOC9IS0", 1499, "Siliconen hoesje voor iPhone 15, zwart",
     "Silikon Hülle für iPhone 15, schwarz", "Coque en silicone pour iPhone 15, noir"),
    ("CASE-IP15-CLR", "B0CJ8HT9LG", 1299, "Transparant TPU-hoesje iPhone 15, schokbestendig",
     "Transparente TPU-Hülle iPhone 15, stoßfest", "Coque TPU transparente iPhone 15, antichoc"),
    ("CASE-S24-BLU", "B0CXG9EDN5", 1499, "Bookcase hoesje Samsung Galaxy S24, blauw",
     "Klapphülle Samsung Galaxy S24, blau", "Étui folio Samsung Galaxy S24, bleu"),
    ("CASE-PIX8-GRY", "B0B1U33XTP", 1399, "Hoesje Google Pixel 8, grijs",
     "Hülle Google Pixel 8, grau", "Coque Google Pixel 8, gris"),
    ("SOCK-STR-3942", "B0BPFT75V2", 999, "Sokken gestreept 3 paar, maat 39-42, biologisch katoen",
     "Socken gestreift 3 Paar, Gr. 39-42, Bio-Baumwolle",
     "Chaussettes rayées lot de 3, taille 39-42, coton bio"),
    ("SOCK-STR-4346", "B0BEH60KVJ", 999, "Sokken gestreept 3 paar, maat 43-46, biologisch katoen",
     "Socken gestreift 3 Paar, Gr. 43-46, Bio-Baumwolle",
     "Chaussettes rayées lot de 3, taille 43-46, coton bio"),
    ("SOCK-WOL-3942", "B0BCE9UVW5", 1495, "Wollen huissokken antraciet, maat 39-42",
     "Wollsocken anthrazit, Gr. 39-42", "Chaussettes en laine anthracite, taille 39-42"),
    ("SOCK-FUN-3640", "B0D3EFR4ED", 795, "Vrolijke sokken fruitprint, maat 36-40",
     "Bunte Socken mit Obstmuster, Gr. 36-40", "Chaussettes fantaisie motif fruits, 36-40"),
    ("TEA-ROOI-100G", "B0C2SYWB3W", 695, "Rooibos thee los, 100 g", "Rooibos Tee lose, 100 g",
     "Thé rooibos en vrac, 100 g"),
    ("TEA-GRN-SEN", "B0CH5DNSIP", 895, "Japanse sencha groene thee, 100 g",
     "Japanischer Sencha Grüntee, 100 g", "Thé vert sencha japonais, 100 g"),
    ("TEA-MINT-20", "B0CZ5FK2Z9", 495, "Muntthee, 20 theezakjes", "Pfefferminztee, 20 Teebeutel",
     "Infusion menthe, 20 sachets"),
    ("TEA-CHAI-250", "B0DI19R0WY", 1295, "Chai kruidenthee, 250 g", "Chai Gewürztee, 250 g",
     "Thé chai aux épices, 250 g"),
    ("TEA-GIFT-BOX", "B0DJFLJOOA", 2495, "Theecadeaudoos met 6 smaken, 60 zakjes",
     "Tee-Geschenkbox mit 6 Sorten, 60 Beutel", "Coffret de thé 6 saveurs, 60 sachets"),
    ("BOOK-NL-KOOK01", "B0BLQSAJ08", 2499, "Het grote stamppotten kookboek (paperback)",
     "Das große Eintopf-Kochbuch (Taschenbuch)", "Le grand livre des potées (broché)"),
    ("BOOK-NL-FIETS", "B0BUI6D39Z", 1999, "Fietsroutes door Nederland en België – 50 dagtochten",
     "Radtouren durch die Niederlande und Belgien – 50 Tagestouren",
     "Balades à vélo aux Pays-Bas et en Belgique – 50 itinéraires"),
    ("BOOK-KIDS-DIER", "B0CZZG4ZDM", 1095, "Mijn eerste dierenboek – kartonboek",
     "Mein erstes Tierbuch – Pappbilderbuch", "Mon premier imagier des animaux – cartonné"),
    ("BOOK-NOTE-A5", "B0CN2KHVDG", 1195, "Notitieboek A5 gelinieerd, hardcover, 192 pagina's",
     "Notizbuch A5 liniert, Hardcover, 192 Seiten",
     "Carnet A5 ligné, couverture rigide, 192 pages"),
    ("CBL-USBC-1M", "B0CJ8GXBEN", 999, "USB-C naar USB-C kabel 1 m, 60 W, gevlochten",
     "USB-C auf USB-C Kabel 1 m, 60 W, geflochten", "Câble USB-C vers USB-C 1 m, 60 W, tressé"),
    ("CBL-USBC-2M", "B0CJQWX4HH", 1299, "USB-C naar USB-C kabel 2 m, 100 W, gevlochten",
     "USB-C auf USB-C Kabel 2 m, 100 W, geflochten", "Câble USB-C vers USB-C 2 m, 100 W, tressé"),
    ("CBL-LGT-1M", "B0B344TFJG", 1499, "Lightning-kabel 1 m, MFi-gecertificeerd",
     "Lightning-Kabel 1 m, MFi-zertifiziert", "Câble Lightning 1 m, certifié MFi"),
    ("CBL-HDMI-2M", "B0CQ4K7BN7", 1195, "HDMI 2.1 kabel 2 m, 8K 60 Hz",
     "HDMI 2.1 Kabel 2 m, 8K 60 Hz", "Câble HDMI 2.1 2 m, 8K 60 Hz"),
    ("CHG-USBC-30W", "B0CJ8B7TFQ", 1995, "USB-C snellader 30 W, GaN",
     "USB-C Schnellladegerät 30 W, GaN",
     "Chargeur rapide USB-C 30 W, GaN"),
    ("PWR-BANK-10K", "B0DXKWO886", 2495, "Powerbank 10.000 mAh met USB-C",
     "Powerbank 10.000 mAh mit USB-C",
     "Batterie externe 10 000 mAh avec USB-C"),
    ("SCR-IP15-GLS", "B0BOMPZOM7", 899, "Screenprotector gehard glas iPhone 15 (2 stuks)",
     "Panzerglas Schutzfolie iPhone 15 (2 Stück)", "Verre trempé iPhone 15 (lot de 2)"),
    ("BAG-JUTE-NAT", "B0CWBBR4QM", 1495, "Jute boodschappentas naturel",
     "Jute-Einkaufstasche natur", "Sac de courses en jute naturel"),
    ("CANDLE-SOY-LAV", "B0C2WXFOGO", 1695, "Sojakaars lavendel in glas, 180 g",
     "Sojakerze Lavendel im Glas, 180 g", "Bougie de soja lavande en verre, 180 g"),
    ("PUZ-1000-AMS", "B0BMVN4A4W", 1995, "Legpuzzel 1000 stukjes – Amsterdamse grachten",
     "Puzzle 1000 Teile – Grachten von Amsterdam", "Puzzle 1000 pièces – Canaux d'Amsterdam"),
    ("GAME-CARD-8J", "B0CHYM4L1V", 1495, "Kaartspel 'Slim gegokt' – familiespel vanaf 8 jaar",
     "Kartenspiel „Gut geschätzt“ – Familienspiel ab 8 Jahren",
     "Jeu de cartes « Bien deviné » – jeu familial dès 8 ans"),
    ("BOTTLE-RVS-500", "B0CZ3ZFKKI", 1995, "RVS drinkfles 500 ml, dubbelwandig, zwart",
     "Edelstahl Trinkflasche 500 ml, doppelwandig, schwarz",
     "Gourde inox 500 ml, double paroi, noire"),
    ("LUNCH-BOX-BMB", "B0CJ3J4WJ9", 1795, "Bamboe lunchbox met 2 vakken",
     "Bambus Lunchbox mit 2 Fächern", "Boîte à lunch en bambou, 2 compartiments"),
    ("APRON-LIN-GRY", "B0DIBAG7I1", 2295, "Linnen keukenschort grijs", "Leinen Küchenschürze grau",
     "Tablier de cuisine en lin gris"),
    ("TOWEL-TEA-SET3", "B0CNBQNS6P", 1495, "Theedoeken katoen, set van 3, blauw geruit",
     "Geschirrtücher Baumwolle, 3er-Set, blau kariert",
     "Torchons en coton, lot de 3, carreaux bleus"),
    ("PLANT-POT-12", "B0DQ80IDW3", 1095, "Keramieken bloempot Ø 12 cm, terracotta",
     "Keramik-Blumentopf Ø 12 cm, Terrakotta", "Pot de fleurs en céramique Ø 12 cm, terre cuite"),
    ("KEYR-DELFT", "B0C06I8J76", 695, "Sleutelhanger Delfts blauw tegeltje",
     "Schlüsselanhänger Delfter Blau Fliese", "Porte-clés carreau bleu de Delft"),
    ("SCARF-WOL-RED", "B0C2LAJLJ4", 3495, "Sjaal merinowol rood, 180 x 30 cm",
     "Schal Merinowolle rot, 180 x 30 cm", "Écharpe en laine mérinos rouge, 180 x 30 cm"),
    ("BEAN-COF-1KG", "B0D9DU7794", 2195, "Koffiebonen 1 kg, 100% arabica, medium roast",
     "Kaffeebohnen 1 kg, 100 % Arabica, mittlere Röstung",
     "Café en grains 1 kg, 100 % arabica, torréfaction moyenne"),
    ("CHOC-GIFT-12", "B0B9DPMRCG", 1695, "Luxe bonbons cadeaudoos, 12 stuks",
     "Pralinen Geschenkbox, 12 Stück", "Coffret de 12 chocolats fins"),
    ("STROOP-WAF-8", "B0D29BE2U6", 595, "Ambachtelijke stroopwafels, 8 stuks",
     "Original holländische Stroopwafels, 8 Stück", "Stroopwafels artisanales, lot de 8"),
    ("LAMP-DESK-LED", "B0CMR26846", 3495, "LED-bureaulamp dimbaar met USB-poort",
     "LED-Schreibtischlampe dimmbar mit USB-Anschluss",
     "Lampe de bureau LED à intensité variable avec port USB"),
)
_TITLE_INDEX = {"nl": 3, "de": 4, "fr": 5}

# --- People -----------------------------------------------------------------------------------

_NL_FIRST = ("Jan", "Pieter", "Sanne", "Lotte", "Emma", "Daan", "Bram", "Sem", "Lieke", "Femke",
             "Joost", "Kees", "Anouk", "Maartje", "Thijs", "Ruben", "Eva", "Iris", "Noa", "Fleur",
             "Willem", "Hendrik", "Marijke", "Ingrid", "Gerrit", "Wouter", "Jeroen", "Annelies",
             "Floor", "Mees", "Zoë", "Chloë", "Mohamed", "Fatima", "Yusuf", "Ayşe", "Sven", "Tessa",
             "Gijs", "Roos")
_NL_LAST = ("de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
            "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen",
            "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
            "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
            "van der Veen", "van den Broek", "de Bruijn", "de Jong", "Jansen", "van Beek",
            "Schouten", "van 't Hof", "in 't Veld", "Öztürk", "El Amrani", "Yılmaz", "Hoekstra")
_BE_NL_FIRST = ("Lucas", "Louis", "Arthur", "Noah", "Liam", "Wout", "Jef", "Stijn", "Pieter-Jan",
                "Lies", "Els", "Katrien", "An", "Hanne", "Marie", "Elise", "Lotte", "Febe", "Jana",
                "Tine", "Bart", "Koen", "Geert", "Dirk", "Kristof", "Nele", "Seppe", "Ine")
_BE_NL_LAST = ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
               "Wouters", "De Smet", "Vermeulen", "Van den Broeck", "De Clercq", "Van Damme",
               "Lambrechts", "Hermans", "Desmet", "Vandenberghe", "Verhaegen", "Van de Velde",
               "De Backer", "Coppens", "Verstraete", "Vanhoutte", "D'Hondt", "Van Acker")
_BE_FR_FIRST = ("Louis", "Hugo", "Nathan", "Théo", "Arthur", "Jules", "Lucas", "Léa", "Emma",
                "Chloé", "Camille", "Manon", "Zoé", "Océane", "Amélie", "Benoît", "Frédéric",
                "Géraldine", "Françoise", "Michèle", "Jérôme", "Cédric", "Gaëlle", "Anaïs")
_BE_FR_LAST = ("Dubois", "Lambert", "Dupont", "Martin", "Simon", "Laurent", "Leclercq", "Renard",
               "Dumont", "Lejeune", "François", "Denis", "Collard", "Gilson", "Henrard", "Lemaire",
               "Michaux", "Piron", "Delvaux", "Hubert", "Georges", "Leroy", "Thiry", "Mathieu")
_DE_FIRST = ("Lukas", "Leon", "Finn", "Jonas", "Paul", "Felix", "Maximilian", "Elias", "Ben",
             "Emilia", "Hanna", "Mia", "Sophie", "Lena", "Marie", "Lea", "Anna", "Jürgen", "Jörg",
             "Uwe", "Günter", "Björn", "Sören", "Käthe", "Ursula", "Sabine", "Petra", "Birgit",
             "Klaus", "Wolfgang", "Mehmet", "Zeynep", "Małgorzata", "Dieter")
_DE_LAST = ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
            "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
            "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
            "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Köhler",
            "Özdemir", "von Bülow", "Große-Wöstmann", "Groß", "Kowalski")
_FR_FIRST = ("Jean", "Pierre", "Michel", "Philippe", "Nicolas", "Julien", "Antoine", "Thomas",
             "François", "Léa", "Manon", "Camille", "Chloé", "Inès", "Sarah", "Marie", "Hélène",
             "Élodie", "Céline", "Anaïs", "Aurélien", "Jérôme", "Stéphane", "Sébastien", "Gaël",
             "Noémie", "Mathéo", "Maël", "Raphaël", "Zoé", "Jean-Baptiste", "Marie-Claire")
_FR_LAST = ("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
            "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand",
            "Morel", "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau",
            "Mercier", "Guérin", "Chevalier", "Le Gall", "Ménard", "Da Silva", "Lévêque",
            "Benoît", "N'Diaye")

# --- Places -----------------------------------------------------------------------------------
# Cities: (name, weight, postcodes as "low-high" ranges or single codes; NL: digits only).

_NL_CITIES = (
    ("Amsterdam", 30, "1011-1109"), ("Rotterdam", 22, "3011-3089"), ("Den Haag", 18, "2491-2597"),
    ("Utrecht", 12, "3511-3585"), ("Eindhoven", 8, "5611-5658"), ("Groningen", 8, "9711-9747"),
    ("Tilburg", 7, "5011-5049"), ("Almere", 7, "1311-1363"), ("Breda", 6, "4811-4839"),
    ("Nijmegen", 6, "6511-6546"), ("Haarlem", 6, "2011-2037"), ("Arnhem", 6, "6811-6846"),
    ("Enschede", 5, "7511-7548"), ("Amersfoort", 5, "3811-3829"), ("Zwolle", 5, "8011-8043"),
    ("Leiden", 5, "2311-2334"), ("Maastricht", 4, "6211-6229"), ("Delft", 4, "2611-2629"),
    ("Alkmaar", 4, "1811-1827"), ("Leeuwarden", 4, "8911-8939"),
    ("'s-Hertogenbosch", 5, "5211-5249"), ("Apeldoorn", 5, "7311-7339"),
    ("Deventer", 3, "7411-7441"), ("Venlo", 3, "5911-5932"), ("Middelburg", 2, "4331-4339"),
    ("Goes", 2, "4461-4465"), ("Zaandam", 3, "1501-1509"), ("Hoorn", 2, "1621-1628"),
    ("Den Helder", 2, "1781-1789"), ("Assen", 2, "9401-9409"), ("Emmen", 2, "7811-7826"),
    ("Hilversum", 3, "1211-1223"), ("Purmerend", 2, "1441-1448"), ("Nieuwegein", 2, "3431-3439"),
    ("Ouderkerk aan den IJssel", 1, "2935"), ("Heerlen", 2, "6411-6422"),
)
_BE_NL_CITIES = (
    ("Antwerpen", 20, "2000 2018 2020 2030 2050 2060"), ("Gent", 15, "9000 9030 9040 9050"),
    ("Brugge", 7, "8000 8200 8310"), ("Leuven", 8, "3000 3001 3010"), ("Mechelen", 5, "2800"),
    ("Hasselt", 5, "3500"), ("Kortrijk", 5, "8500"), ("Aalst", 5, "9300"),
    ("Sint-Niklaas", 4, "9100"), ("Genk", 4, "3600"), ("Oostende", 4, "8400"),
    ("Roeselare", 3, "8800"), ("Turnhout", 3, "2300"), ("Lier", 2, "2500"), ("Geel", 2, "2440"),
    ("Dendermonde", 2, "9200"), ("Ieper", 2, "8900"), ("Tienen", 2, "3300"),
    ("Lokeren", 2, "9160"), ("Deurne", 3, "2100"), ("Wilrijk", 2, "2610"),
    ("Zaventem", 2, "1930"), ("Sint-Truiden", 2, "3800"), ("Knokke-Heist", 2, "8300"),
)
_BE_FR_CITIES = (
    ("Bruxelles", 12, "1000"), ("Ixelles", 5, "1050"), ("Schaerbeek", 5, "1030"),
    ("Etterbeek", 3, "1040"), ("Uccle", 4, "1180"), ("Anderlecht", 4, "1070"),
    ("Liège", 10, "4000 4020 4030"), ("Namur", 6, "5000"), ("Charleroi", 8, "6000 6001 6010"),
    ("Mons", 5, "7000"), ("La Louvière", 4, "7100"), ("Tournai", 4, "7500"),
    ("Verviers", 3, "4800"), ("Wavre", 3, "1300"), ("Arlon", 2, "6700"),
    ("Ottignies-Louvain-la-Neuve", 2, "1340 1348"), ("Nivelles", 2, "1400"),
    ("Waterloo", 2, "1410"), ("Huy", 2, "4500"), ("Dinant", 1, "5500"), ("Mouscron", 2, "7700"),
    ("Seraing", 2, "4100"), ("Braine-l'Alleud", 2, "1420"), ("Spa", 1, "4900"),
)
_DE_CITIES = (
    ("Berlin", 25, "10115-10999 12043-12689 13051-13629"), ("Hamburg", 14, "20095-22769"),
    ("München", 12, "80331-81929"), ("Köln", 9, "50667-51149"),
    ("Frankfurt am Main", 6, "60306-60599"), ("Stuttgart", 5, "70173-70629"),
    ("Düsseldorf", 5, "40210-40629"), ("Leipzig", 5, "04103-04357"),
    ("Dortmund", 5, "44135-44388"), ("Essen", 5, "45127-45359"), ("Bremen", 4, "28195-28779"),
    ("Dresden", 4, "01067-01328"), ("Hannover", 4, "30159-30669"),
    ("Nürnberg", 4, "90402-90491"), ("Duisburg", 3, "47051-47279"), ("Bochum", 3, "44787-44894"),
    ("Wuppertal", 3, "42103-42399"), ("Bielefeld", 3, "33602-33739"), ("Bonn", 3, "53111-53229"),
    ("Münster", 3, "48143-48167"), ("Aachen", 2, "52062-52080"),
    ("Mönchengladbach", 2, "41061-41239"), ("Kleve", 1, "47533"),
    ("Emmerich am Rhein", 1, "46446"), ("Görlitz", 1, "02826-02828"),
    ("Freiburg im Breisgau", 2, "79098-79117"), ("Oldenburg (Oldb)", 1, "26121-26135"),
    ("Osnabrück", 2, "49074-49090"), ("Kiel", 2, "24103-24159"),
    ("Halle (Saale)", 2, "06108-06132"), ("Frankfurt (Oder)", 1, "15230-15236"),
    ("Erfurt", 2, "99084-99099"),
)
_FR_CITIES = (
    ("Paris", 25, "75001-75020"), ("Marseille", 8, "13001-13016"), ("Lyon", 8, "69001-69009"),
    ("Toulouse", 6, "31000 31100 31200 31300 31400 31500"), ("Nice", 4, "06000 06100 06200 06300"),
    ("Nantes", 4, "44000 44100 44200 44300"), ("Strasbourg", 4, "67000 67100 67200"),
    ("Montpellier", 4, "34000 34070 34080 34090"), ("Bordeaux", 4, "33000 33100 33200 33300 33800"),
    ("Lille", 5, "59000 59160 59260 59800"), ("Rennes", 3, "35000 35200 35700"),
    ("Reims", 2, "51100"), ("Le Havre", 2, "76600 76610 76620"),
    ("Saint-Étienne", 2, "42000 42100"), ("Toulon", 2, "83000 83100 83200"),
    ("Grenoble", 2, "38000 38100"), ("Dijon", 2, "21000"), ("Angers", 2, "49000 49100"),
    ("Nîmes", 2, "30000 30900"), ("Villeurbanne", 2, "69100"),
    ("Clermont-Ferrand", 2, "63000 63100"), ("Aix-en-Provence", 2, "13090 13100"),
    ("Brest", 2, "29200"), ("Tours", 2, "37000 37100 37200"), ("Amiens", 2, "80000 80080 80090"),
    ("Metz", 2, "57000 57050 57070"), ("Rouen", 2, "76000 76100"), ("Caen", 2, "14000"),
    ("Nancy", 2, "54000 54100"), ("Roubaix", 2, "59100"), ("Dunkerque", 1, "59140 59240 59640"),
    ("Ajaccio", 1, "20000 20090"), ("Annecy", 1, "74000"),
)

_NL_STREETS = ("Kerkstraat", "Dorpsstraat", "Schoolstraat", "Molenstraat", "Stationsweg",
               "Julianastraat", "Wilhelminastraat", "Beatrixlaan", "Oranjestraat", "Hoofdstraat",
               "Nieuwstraat", "Marktstraat", "Kastanjelaan", "Eikenlaan", "Lindenlaan",
               "Berkenlaan", "Merelstraat", "Spoorstraat", "Industrieweg", "Havenstraat",
               "Prinsengracht", "Keizersgracht", "Oudegracht", "Nieuwe Binnenweg",
               "Laan van Meerdervoort", "Van Goghstraat", "Rembrandtlaan",
               "Burgemeester de Withstraat", "Graaf Florisstraat", "'s-Gravendijkwal",
               "Koningin Emmalaan", "Prins Bernhardlaan", "Zandweg", "Achterom", "Vondelstraat",
               "Tuinstraat", "Kloosterstraat", "Parallelweg", "Jan van Galenstraat",
               "Van 't Hoffstraat")
_BE_NL_STREETS = ("Kerkstraat", "Stationsstraat", "Dorpsstraat", "Nieuwstraat", "Molenstraat",
                  "Kapelstraat", "Schoolstraat", "Meir", "Veldstraat", "Grote Markt",
                  "Korenmarkt", "Bondgenotenlaan", "Naamsestraat", "Diestsesteenweg",
                  "Turnhoutsebaan", "Lange Leemstraat", "Kortrijksesteenweg", "Koning Albertlaan",
                  "Leopoldlaan", "Vrijheidstraat", "Brugsesteenweg", "Gentsesteenweg",
                  "Sint-Pietersnieuwstraat", "Lindenlaan", "Boomsesteenweg", "Vaartstraat")
_BE_FR_STREETS = ("Rue de la Station", "Rue du Centre", "Rue de l'Église", "Chaussée de Louvain",
                  "Chaussée de Bruxelles", "Avenue Louise", "Rue Neuve", "Place Saint-Lambert",
                  "Rue Saint-Gilles", "Boulevard d'Avroy", "Rue des Carmes", "Rue de Fer",
                  "Rue du Moulin", "Avenue de Tervueren", "Rue Haute", "Rue de la Loi",
                  "Chaussée de Waterloo", "Rue Royale", "Avenue des Combattants", "Rue de Namur",
                  "Rue Grande", "Rue des Champs", "Chaussée de Charleroi", "Rue de Herve")
_DE_STREETS = ("Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße",
               "Bergstraße", "Lindenstraße", "Kirchstraße", "Waldstraße", "Ringstraße",
               "Friedrichstraße", "Goethestraße", "Schillerstraße", "Am Markt", "Am Bahnhof",
               "Mühlenweg", "Kurfürstendamm", "Königsallee", "Karl-Marx-Allee", "Sonnenallee",
               "Leopoldstraße", "Müllerstraße", "Weißenburger Straße", "Schönhauser Allee",
               "Kastanienallee", "Ehrenstraße", "Severinstraße", "Hohe Straße", "Große Bleichen",
               "Im Winkel", "An der Alster", "Berliner Allee", "Frankfurter Straße", "Rosenweg",
               "Birkenweg", "Am Sonnenhang")
_FR_STREETS = ("Rue de la Paix", "Avenue Foch", "Rue de Rivoli", "Boulevard Haussmann",
               "Rue Victor Hugo", "Avenue Jean Jaurès", "Rue de la République", "Place Bellecour",
               "Rue Nationale", "Rue du Faubourg Saint-Antoine", "Rue Sainte-Catherine",
               "Cours Mirabeau", "Rue Gambetta", "Rue Pasteur", "Rue Jules Ferry",
               "Allée des Tilleuls", "Chemin des Vignes", "Impasse des Lilas", "Route de Lyon",
               "Rue de l'Église", "Place de la Mairie", "Rue du Général de Gaulle",
               "Avenue du Maréchal Leclerc", "Boulevard Voltaire", "Quai des Chartrons",
               "Rue d'Alsace-Lorraine", "Rue des Écoles", "Rue Saint-Michel", "Avenue de la Gare")

# Streets with digits in their names, tied to their city: (street, city, postcode).
_NL_DIGIT_STREETS = (("Plein 1944", "Nijmegen", "6511"),
                     ("1e Jan Steenstraat", "Amsterdam", "1072"),
                     ("2e Hugo de Grootstraat", "Amsterdam", "1052"),
                     ("3e Oosterparkstraat", "Amsterdam", "1091"),
                     ("Plein '40-'45", "Amsterdam", "1064"),
                     ("1e Middellandstraat", "Rotterdam", "3021"),
                     ("2e Schuytstraat", "Den Haag", "2517"))
_BE_NL_DIGIT_STREETS = (("11 Novemberlaan", "Zaventem", "1930"),
                        ("Plein 1918", "Ieper", "8900"))
_BE_FR_DIGIT_STREETS = (("Place du 20-Août", "Liège", "4000"),
                        ("Rue du 11 Novembre", "Namur", "5000"))
_DE_DIGIT_STREETS = (("Straße des 17. Juni", "Berlin", "10623"),
                     ("Straße des 18. Oktober", "Leipzig", "04103"),
                     ("Straße 105", "Berlin", "13125"))
_FR_DIGIT_STREETS = (("Rue du 4 Septembre", "Paris", "75002"),
                     ("Avenue du 8 Mai 1945", "Villeurbanne", "69100"),
                     ("Rue du 11 Novembre 1918", "Clermont-Ferrand", "63000"))

# Long enough that street + number passes 50 characters (label fields are shorter).
_NL_LONG_STREETS = ("Burgemeester Jonkheer Quarles van Ufford en Van Rappardlaan",
                    "Professor Doctor Hendrik Antoon Lorentz en Kamerlingh Onnesweg")
_BE_NL_LONG_STREETS = ("Burgemeester Emiel Van Hoorebeke en Gustaaf Van de Wallestraat",)
_BE_FR_LONG_STREETS = ("Avenue du Lieutenant-Général Baron Jacques de Dixmude et des Combattants",)
_DE_LONG_STREETS = ("Bischöflich-Geistlicher-Rat-Josef-Zinnbauer-Straße",
                    "Professor-Doktor-Wilhelm-Conrad-Röntgen-Gedächtnisallee")
_FR_LONG_STREETS = ("Avenue du Maréchal Jean de Lattre de Tassigny",
                    "Rue du Lieutenant-Colonel Jean-Baptiste Dupuy de Lôme")

_NL_COMPANIES = ("{last} Installatietechniek B.V.", "Bakkerij {last}", "Tandartspraktijk {city}",
                 "{last} & Zn.", "Fysiotherapie {city} Centrum", "Basisschool De Regenboog",
                 "{last} Advocaten", "Bloemenhandel {last}", "Autobedrijf {last} V.O.F.",
                 "Gemeente {city}")
_BE_NL_COMPANIES = ("{last} BV", "Bakkerij {last}", "Apotheek {last}", "Garage {last} NV",
                    "Tandartsenpraktijk {city}", "Brouwerij {last}")
_BE_FR_COMPANIES = ("{last} SRL", "Boulangerie {last}", "Pharmacie {last}", "Garage {last} SA",
                    "Cabinet dentaire de {city}", "Brasserie {last}")
_DE_COMPANIES = ("{last} GmbH", "{last} & Söhne GmbH & Co. KG", "Praxis Dr. {last}",
                 "Autohaus {last}", "Bäckerei {last}", "Steuerberatung {last} PartG mbB",
                 "Stadtverwaltung {city}")
_FR_COMPANIES = ("SARL {last}", "SAS {last} et Fils", "Cabinet {last}", "Boulangerie {last}",
                 "Pharmacie de la Gare", "Mairie de {city}", "Garage {last}")
_LONG_COMPANIES = {
    "nl": ("Stichting Vrienden van het Openluchtmuseum voor Boerderijen en Molens in Noord-Holland",
           "Coöperatieve Vereniging van Eigenaren Appartementencomplex De Nieuwe Haven U.A."),
    "de": ("Gemeinnützige Gesellschaft für Denkmalpflege und Heimatkunde im Landkreis Kleve mbH",),
    "fr": ("Association Départementale des Parents et Amis de Personnes Handicapées du Nord",),
}

# Second-line texts: apartment, floor, "care of". {k}: a number, {name}: another person.
_NL_LINE2 = ("{k}e verdieping", "Appartement {k}", "Bovenwoning", "Unit {k}", "Kamer {k}",
             "t.a.v. {name}")
_BE_NL_LINE2 = ("Appartement {k}", "{k}de verdieping", "Residentie Zonnewende", "Bus {k}")
_BE_FR_LINE2 = ("Appartement {k}", "{k}e étage", "Résidence Les Érables", "Boîte {k}")
_DE_LINE2 = ("{k}. OG", "Hinterhaus", "Wohnung {k}", "Seitenflügel links", "Dachgeschoss",
             "c/o {name}", "bei {name}")
_FR_LINE2 = ("Appartement {k}", "Bâtiment B, {k}e étage", "Résidence Les Tilleuls",
             "Escalier {k}", "Chez {name}")

_INSTRUCTIONS = {
    "nl": ("Bij geen gehoor bij de buren afgeven", "Pakket achter het tuinhek leggen",
           "Bel graag twee keer, bel is zacht"),
    "de": ("Bitte beim Nachbarn abgeben", "Bitte in der Garage abstellen",
           "Klingel defekt, bitte anrufen"),
    "fr": ("Laisser chez le gardien", "Code porte 1234B", "Sonner à l'interphone, 3e étage"),
}
_GIFT_MESSAGES = {
    "nl": ("Gefeliciteerd met je verjaardag! Liefs, Anna", "Fijne feestdagen!"),
    "de": ("Alles Gute zum Geburtstag!", "Frohe Weihnachten, Oma!"),
    "fr": ("Joyeux anniversaire !", "Bonne fête maman"),
}

# How each locale writes its house numbers when it is not just "Street 12" (repeats weigh).
_NL_HARD = ("suffix", "suffix", "suffix_space", "suffix_dash", "hoog", "roman", "bis", "huis",
            "dash_num", "bg", "line2_number", "line2_text", "line2_text", "postbus",
            "digit_street", "digit_street")
_BE_NL_HARD = ("suffix", "bus", "bus", "bus", "slash", "line2_number", "line2_text",
               "digit_street")
_BE_FR_HARD = ("suffix", "boite", "bte", "slash", "number_first", "line2_text", "digit_street",
               "bis")
_DE_HARD = ("suffix", "suffix_space", "range", "abbrev", "abbrev", "strasse_ss", "slash",
            "postfach", "packstation", "line2_text", "line2_text", "line2_number",
            "digit_street")
_FR_HARD = ("bis", "bis", "ter", "suffix", "comma", "line2_text", "line2_text", "digit_street")
_ROMAN = ("I", "II", "III", "IV")
_NL_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"  # letters PostNL uses; no SA, SD, SS pairs
_NL_LETTER_PAIRS = tuple(
    a + b for a in _NL_LETTERS for b in _NL_LETTERS if a + b not in ("SA", "SD", "SS")
)
_EMAIL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"

# fmt: on


class _Weighted(NamedTuple):
    values: tuple[Any, ...]
    cumulative: tuple[int, ...]
    total: int


def _cumulative(pairs: Sequence[tuple[Any, int]]) -> _Weighted:
    cumulative = tuple(itertools.accumulate(w for _, w in pairs))
    return _Weighted(tuple(v for v, _ in pairs), cumulative, cumulative[-1])


def _postcodes(spec: str) -> tuple[int, ...]:
    codes: list[int] = []
    for part in spec.split():
        low, _, high = part.partition("-")
        codes.extend(range(int(low), int(high or low) + 1))
    return tuple(codes)


class _Locale(NamedTuple):
    country: str
    lang: str
    first: tuple[str, ...]
    last: tuple[str, ...]
    streets: tuple[str, ...]
    cities: _Weighted  # (name, postcodes) by population
    digit_streets: tuple[tuple[str, str, str], ...]
    long_streets: tuple[str, ...]
    companies: tuple[str, ...]
    line2: tuple[str, ...]
    hard: tuple[str, ...]


def _cities(table: tuple[tuple[str, int, str], ...]) -> _Weighted:
    return _cumulative([((name, _postcodes(spec)), weight) for name, weight, spec in table])


# fmt: off
_LOCALES = {
    "NL": _Locale("NL", "nl", _NL_FIRST, _NL_LAST, _NL_STREETS, _cities(_NL_CITIES),
                  _NL_DIGIT_STREETS, _NL_LONG_STREETS, _NL_COMPANIES, _NL_LINE2, _NL_HARD),
    "BE-nl": _Locale("BE", "nl", _BE_NL_FIRST, _BE_NL_LAST, _BE_NL_STREETS,
                     _cities(_BE_NL_CITIES), _BE_NL_DIGIT_STREETS, _BE_NL_LONG_STREETS,
                     _BE_NL_COMPANIES, _BE_NL_LINE2, _BE_NL_HARD),
    "BE-fr": _Locale("BE", "fr", _BE_FR_FIRST, _BE_FR_LAST, _BE_FR_STREETS,
                     _cities(_BE_FR_CITIES), _BE_FR_DIGIT_STREETS, _BE_FR_LONG_STREETS,
                     _BE_FR_COMPANIES, _BE_FR_LINE2, _BE_FR_HARD),
    "DE": _Locale("DE", "de", _DE_FIRST, _DE_LAST, _DE_STREETS, _cities(_DE_CITIES),
                  _DE_DIGIT_STREETS, _DE_LONG_STREETS, _DE_COMPANIES, _DE_LINE2, _DE_HARD),
    "FR": _Locale("FR", "fr", _FR_FIRST, _FR_LAST, _FR_STREETS, _cities(_FR_CITIES),
                  _FR_DIGIT_STREETS, _FR_LONG_STREETS, _FR_COMPANIES, _FR_LINE2, _FR_HARD),
}
# fmt: on


_DEST_CHOICES = {country: _cumulative(pairs) for country, pairs in _DESTINATIONS.items()}
_STATUS_CHOICES = _cumulative(_STATUSES)
_LEVEL_CHOICES = _cumulative(_SERVICE_LEVELS)
_ITEM_COUNT_CHOICES = _cumulative(_ITEM_COUNTS)
_QUANTITY_CHOICES = _cumulative(_QUANTITIES)


def _pick(rng: random.Random, weighted: _Weighted) -> Any:
    # What rng.choices does, without its per-call overhead (it is called a million times).
    return weighted.values[bisect.bisect(weighted.cumulative, rng.random() * weighted.total)]


def _iso(seconds: int) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _money(cents: int) -> dict[str, str]:
    return {"amount": f"{cents // 100}.{cents % 100:02d}", "currencyCode": "EUR"}


# --- Names, phones, addresses ------------------------------------------------------------------


def _person(rng: random.Random, loc: _Locale) -> str:
    first, last = rng.choice(loc.first), rng.choice(loc.last)
    r = rng.random()
    if r < 0.08 and loc.country == "NL":
        return f"{first[0]}. {last}"  # Dutch buyers like initials
    if r < 0.12 and loc.lang == "nl":
        maiden = rng.choice(loc.last)
        if maiden != last:
            return f"{first} {last}-{maiden}"  # married name with maiden name
    if r < 0.15 and loc.country == "FR":
        return f"{first} {last.upper()}"
    if r < 0.17:
        return f"{first} {last}".lower()  # typed in a hurry
    return f"{first} {last}"


def _long_person(rng: random.Random, loc: _Locale) -> str:
    firsts = rng.sample(loc.first, 3)
    name = f"{' '.join(firsts)} {rng.choice(loc.last)}-{rng.choice(loc.last)}"
    while len(name) <= 50:
        name = f"{rng.choice(loc.first)} {name}"
    return name


def _company(rng: random.Random, loc: _Locale, city: str) -> str:
    name = rng.choice(loc.companies).format(last=rng.choice(loc.last), city=city)
    return name[0].upper() + name[1:]  # "de Vries Advocaten" starts a sentence


def _phone(rng: random.Random, country: str) -> str:
    digits = f"{rng.randrange(10**8):08d}"
    r = rng.random()
    if country == "NL":
        if r < 0.85:
            return (f"+31 6 {digits}", f"06-{digits}", f"+316{digits}")[int(r * 10) % 3]
        return f"+31 20 {digits[:7]}"
    if country == "BE":
        mobile = f"4{rng.choice('7789')}{digits[0]}"
        rest = f"{digits[2:4]} {digits[4:6]} {digits[6:8]}"
        return f"+32 {mobile} {rest}" if r < 0.6 else f"0{mobile} {rest}"
    if country == "DE":
        prefix = rng.choice(("151", "152", "157", "160", "162", "170", "171", "172", "176", "179"))
        return f"+49 {prefix} {digits}" if r < 0.6 else f"0{prefix} {digits[:7]}"
    pairs = f"{digits[0:2]} {digits[2:4]} {digits[4:6]} {digits[6:8]}"
    first = "6" if r < 0.8 else "7"
    return f"+33 {first} {pairs}" if r < 0.5 else f"0{first} {pairs}"


def _postcode(rng: random.Random, country: str, number: int) -> str:
    if country == "NL":
        letters = rng.choice(_NL_LETTER_PAIRS)
        return f"{number:04d} {letters}" if rng.random() < 0.7 else f"{number:04d}{letters}"
    return f"{number:04d}" if country == "BE" else f"{number:05d}"


def _house_number(rng: random.Random) -> int:
    return 1 + int(rng.random() ** 2 * 180)  # small numbers are far more common


def _street_lines(
    rng: random.Random, loc: _Locale, kind: str, street: str
) -> tuple[str, str | None]:
    """Address lines 1 and 2 for one of the hard house-number forms."""
    n = _house_number(rng)
    k = rng.randint(1, 12)
    number_first = loc.country == "FR"
    if kind == "plain":
        text = str(n)
    elif kind == "suffix":
        letter = rng.choice("ABCDabcd")
        text = f"{n}{letter.upper() if loc.country == 'NL' else letter}"
    elif kind == "suffix_space":
        text = f"{n} {rng.choice('abcd')}"
    elif kind == "suffix_dash":
        text = f"{n}-{rng.choice('ABCH')}"
    elif kind == "hoog":
        text = f"{n}-{rng.randint(1, 4)} hoog"
    elif kind == "roman":
        text = f"{n} {rng.choice(_ROMAN)}" if rng.random() < 0.6 else f"{n}-{rng.choice(_ROMAN)}"
    elif kind == "huis":
        text = f"{n} {rng.choice(('huis', 'hs', 'H'))}"
    elif kind == "dash_num":
        text = f"{n}-{rng.randint(1, 3)}"
    elif kind == "bg":
        text = f"{n} bg"
    elif kind == "bus":
        text = f"{n} bus {k}" if rng.random() < 0.8 else f"{n} b{k}"
    elif kind == "boite":
        text = f"{n} boîte {k}"
    elif kind == "bte":
        text = f"{n} bte {k}"
    elif kind == "slash":
        text = f"{n}/{k}"
    elif kind == "range":
        text = f"{n}-{n + 2}"
    elif kind == "bis":
        text = f"{n} bis"
    elif kind == "ter":
        text = f"{n} ter"
    elif kind == "comma":
        return f"{n}, {street.lower()}", None
    elif kind == "number_first":
        return f"{n}, {street}", None
    elif kind == "abbrev" and street.lower().endswith("straße"):
        return f"{street[:-3]}{'.' if rng.random() < 0.8 else ''} {n}", None  # "Müllerstr. 3"
    elif kind == "strasse_ss" and "ß" in street:
        return f"{street.replace('ß', 'ss')} {n}", None
    elif kind == "postbus":
        return f"Postbus {rng.choice((k, rng.randint(10, 99999)))}", None
    elif kind == "postfach":
        return f"Postfach {rng.randint(10, 999999)}", None
    elif kind == "packstation":
        return f"Packstation {rng.randint(100, 299)}", str(rng.randint(10**6, 10**9))
    elif kind == "line2_number":
        return street, f"{n}{rng.choice(('', '', 'a', ' B'))}"
    elif kind == "line2_text":
        line2 = rng.choice(loc.line2).format(k=k, name=_person(rng, loc))
        return (f"{n} {street}" if number_first else f"{street} {n}"), line2
    else:
        text = f"{n}{rng.choice('ab')}"  # a street form that did not fit: plain suffix
    if number_first:
        return f"{text} {street[0].lower()}{street[1:]}", None  # "12 bis rue de la Paix"
    return f"{street} {text}", None


def _address(
    rng: random.Random,
    loc: _Locale,
    city: str,
    codes: tuple[int, ...],
    company: str | None,
    long_part: str | None,
) -> dict[str, Any]:
    code = rng.choice(codes)
    street = rng.choice(loc.streets)
    line2: str | None = None
    r = rng.random()
    if long_part == "street":
        street = rng.choice(loc.long_streets)
        n = _house_number(rng)
        line1 = f"{n} bis {street}" if loc.country == "FR" else f"{street} {n}"
    elif r < 0.74:
        n = _house_number(rng)
        if loc.country == "FR":
            line1 = f"{n} {street if rng.random() < 0.6 else street[0].lower() + street[1:]}"
        else:
            line1 = f"{street} {n}"
    elif r < 0.75:
        line1 = street  # no house number at all
    else:
        kind = rng.choice(loc.hard)
        if kind == "digit_street":
            street, city, postcode = rng.choice(loc.digit_streets)
            code = int(postcode)
            kind = rng.choice(("suffix", "plain", "plain"))
        line1, line2 = _street_lines(rng, loc, kind, street)
    line3 = None
    if company and rng.random() < 0.1:
        line1, line2, line3 = company, line1, line2  # the company typed as the first line
    address: dict[str, Any] = {"addressLine1": line1}
    if line2:
        address["addressLine2"] = line2
    if line3:
        address["addressLine3"] = line3
    address["city"] = city.upper() if rng.random() < 0.03 else city
    address["postalCode"] = _postcode(rng, loc.country, code)
    address["countryCode"] = loc.country
    return address


# --- Orders -----------------------------------------------------------------------------------


class _Ids:
    """Unique order and item ids from the seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orders: set[str] = set()
        self.items: set[int] = set()

    def order(self) -> str:
        rng = self.rng
        while True:
            value = (
                f"{rng.choice(_ORDER_PREFIXES)}-{rng.randrange(10**7):07d}"
                f"-{rng.randrange(10**7):07d}"
            )
            if value not in self.orders:
                self.orders.add(value)
                return value

    def item(self) -> str:
        while True:
            value = self.rng.randrange(10**13, 10**14)
            if value not in self.items:
                self.items.add(value)
                return str(value)


def _items(
    rng: random.Random, ids: _Ids, lang: str, status: str, shipping_cents: int
) -> tuple[list[dict[str, Any]], list[list[tuple[int, int]]], int]:
    """Order items, the shipped (item index, quantity) pairs per package, the items' total."""
    products = rng.sample(PRODUCTS, _pick(rng, _ITEM_COUNT_CHOICES))
    quantities = [_pick(rng, _QUANTITY_CHOICES) for _ in products]
    if status == "PARTIALLY_SHIPPED" and len(products) == 1 and quantities[0] == 1:
        quantities[0] = 2  # a partial shipment needs at least two units
    if status == "SHIPPED":
        shipped = list(quantities)
    elif status == "PARTIALLY_SHIPPED":
        # Ship the first item in full (or one unit of a single item); the rest waits.
        shipped = [0] * len(quantities)
        shipped[0] = quantities[0] if len(quantities) > 1 else 1
    else:
        shipped = [0] * len(quantities)
    title_index = _TITLE_INDEX[lang]
    items = []
    total = 0
    for i, (product, quantity) in enumerate(zip(products, quantities, strict=True)):
        price = product[2]
        item_cents = price * quantity
        ship_cents = shipping_cents if i == 0 else 0
        total += item_cents
        breakdowns = [{"type": "ITEM", "subtotal": _money(item_cents)}]
        if ship_cents:
            breakdowns.append({"type": "SHIPPING", "subtotal": _money(ship_cents)})
        remaining = 0 if status == "CANCELLED" else quantity - shipped[i]
        fulfillment: dict[str, Any] = {
            "quantityFulfilled": shipped[i],
            "quantityUnfulfilled": remaining,
        }
        if rng.random() < 0.015:
            fulfillment["packing"] = {
                "giftOption": {
                    "giftMessage": rng.choice(_GIFT_MESSAGES[lang]),
                    "giftWrapLevel": "STANDARD",
                }
            }
        items.append(
            {
                "orderItemId": ids.item(),
                "quantityOrdered": quantity,
                "product": {
                    "asin": product[1],
                    "title": product[title_index],
                    "sellerSku": product[0],
                    "condition": {"conditionType": "NEW", "conditionSubtype": "NEW"},
                    "price": {"unitPrice": _money(price)},
                },
                "proceeds": {
                    "proceedsTotal": _money(item_cents + ship_cents),
                    "breakdowns": breakdowns,
                },
                "fulfillment": fulfillment,
            }
        )
    # Split shipments: now and then a multi-item order leaves in two boxes.
    shipped_idx = [i for i, q in enumerate(shipped) if q]
    if status == "SHIPPED" and len(shipped_idx) > 1 and rng.random() < 0.15:
        boxes = [shipped_idx[:1], shipped_idx[1:]]
    else:
        boxes = [shipped_idx] if shipped_idx else []
    return items, [[(i, shipped[i]) for i in box] for box in boxes], total


def _packages(
    rng: random.Random,
    boxes: list[list[tuple[int, int]]],
    items: list[dict[str, Any]],
    created: int,
    cutoff: int,
    domestic: bool,
    commercial: bool,
) -> tuple[list[dict[str, Any]], int]:
    """Packages as Amazon shows them after confirmShipment; returns them and the last ship time."""
    carrier = "DHL" if rng.random() < 0.6 else "GLS"
    if carrier == "DHL":
        service = (
            "DHL Parcel Connect"
            if not domestic
            else ("DHL Europlus" if commercial else "DHL For You")
        )
    else:
        service = "GLS BusinessParcel" if domestic else "GLS EuroBusinessParcel"
    packages = []
    moment = created
    for ref, box in enumerate(boxes, start=1):
        label_at = min(moment + rng.randint(600, 30 * 3600), cutoff)
        moment = min(label_at + rng.randint(300, 8 * 3600), cutoff)
        if carrier == "DHL":
            tracking = f"JVGL05{rng.randrange(10**14):014d}"
        else:
            tracking = str(rng.randrange(10**13, 10**14))
        packages.append(
            {
                "packageReferenceId": str(ref),
                "createdTime": _iso(label_at),
                "packageStatus": {"status": "SHIPPED"},
                "carrier": carrier,
                "shipTime": _iso(moment),
                "shippingService": service,
                "trackingNumber": tracking,
                "shipFromAddress": dict(_SHIP_FROM),
                "packageItems": [
                    {"orderItemId": items[i]["orderItemId"], "quantity": quantity}
                    for i, quantity in box
                ],
            }
        )
    return packages, moment


def _order(
    rng: random.Random, ids: _Ids, created: int, cutoff: int, marketplace_id: str
) -> dict[str, Any]:
    marketplace = MARKETPLACES[marketplace_id]
    loc = _LOCALES[_pick(rng, _DEST_CHOICES[marketplace["country"]])]
    lang = _TITLE_LANGUAGE.get(marketplace["country"], loc.lang)
    status = _pick(rng, _STATUS_CHOICES)
    merchant = rng.random() < 0.92
    level = _pick(rng, _LEVEL_CHOICES)
    business = rng.random() < 0.15
    long_part = rng.choice(("street", "name", "company")) if rng.random() < 0.01 else None
    if long_part == "company":
        business = True

    programs = []
    if business:
        programs.append("AMAZON_BUSINESS")
    if rng.random() < (0.3 if business else 0.2):
        programs.insert(0, "PRIME")

    name = _long_person(rng, loc) if long_part == "name" else _person(rng, loc)
    city, postcodes = _pick(rng, loc.cities)
    company = None
    if business:
        if long_part == "company":
            company = rng.choice(_LONG_COMPANIES[loc.lang])
        else:
            company = _company(rng, loc, city)

    shipping = _SHIPPING_CENTS[level] if level != "STANDARD" or rng.random() < 0.3 else 0
    items, boxes, items_total = _items(rng, ids, lang, status, shipping)

    order: dict[str, Any] = {
        "orderId": ids.order(),
        "createdTime": _iso(created),
        "lastUpdatedTime": "",  # set below, once the story of the order is known
        "programs": programs,
        "salesChannel": {
            "channelName": "AMAZON",
            "marketplaceId": marketplace_id,
            "marketplaceName": marketplace["name"],
        },
    }
    # Amazon hides buyer and address until the payment clears.
    if status != "PENDING":
        buyer: dict[str, Any] = {"buyerName": name if rng.random() < 0.9 else _person(rng, loc)}
        if merchant:  # the relay address exists for merchant-fulfilled orders only
            local = "".join(rng.choices(_EMAIL_CHARS, k=rng.randint(12, 16)))
            buyer["buyerEmail"] = f"{local}@marketplace.{marketplace['name'].lower()}"
        if company:
            buyer["buyerCompanyName"] = company
            if rng.random() < 0.3:
                buyer["buyerPurchaseOrderNumber"] = (
                    f"PO-{rng.randint(2024, 2026)}-{rng.randint(1, 9999):04d}"
                )
        order["buyer"] = buyer
        address = {"name": name}
        if company:
            address["companyName"] = company
        address.update(_address(rng, loc, city, postcodes, company, long_part))
        if merchant and rng.random() < 0.6:  # Amazon suppresses the phone on FBA orders
            address["phone"] = _phone(rng, loc.country)
        address["addressType"] = "COMMERCIAL" if company else "RESIDENTIAL"
        recipient: dict[str, Any] = {"deliveryAddress": address}
        if rng.random() < 0.05:
            recipient["deliveryPreference"] = {
                "addressInstruction": rng.choice(_INSTRUCTIONS[loc.lang])
            }
        order["recipient"] = recipient

    order["proceeds"] = {
        "grandTotal": _money(items_total + shipping),
        "breakdowns": [{"type": "ITEM", "subtotal": _money(items_total)}]
        + ([{"type": "SHIPPING", "subtotal": _money(shipping)}] if shipping else []),
    }

    day = 86400
    ship_days = rng.choice((1, 2)) if level in ("STANDARD", "EXPEDITED") else 1
    ship_by = created + ship_days * day
    transit = {"STANDARD": (1, 3), "EXPEDITED": (1, 2)}.get(level, (0, 1))
    order["fulfillment"] = {
        "fulfillmentStatus": status,
        "fulfilledBy": "MERCHANT" if merchant else "AMAZON",
        "fulfillmentServiceLevel": level,
        "shipByWindow": {"earliestDateTime": _iso(created), "latestDateTime": _iso(ship_by)},
        "deliverByWindow": {
            "earliestDateTime": _iso(ship_by + transit[0] * day),
            "latestDateTime": _iso(ship_by + transit[1] * day + day // 2),
        },
    }
    order["orderItems"] = items

    if status == "PENDING":
        updated = created + rng.randint(0, 120)
    elif status == "CANCELLED":
        updated = created + rng.randint(60, 2 * day)
    elif boxes:
        # Only merchant-fulfilled orders carry packages (the model says so).
        domestic = loc.country == "NL"
        packages, shipped_at = _packages(
            rng, boxes, items, created, cutoff, domestic, company is not None
        )
        if merchant:
            order["packages"] = packages
        updated = shipped_at + rng.randint(0, 900)
    else:
        updated = created + rng.randint(30, 1800)
    order["lastUpdatedTime"] = _iso(min(updated, cutoff))
    return order


def generate_orders(
    count: int,
    seed: int,
    now: dt.datetime,
    *,
    days: float = 7.0,
    marketplace_ids: Sequence[str] | None = None,
) -> list[dict]:
    """`count` Amazon orders created in (now - days, now - 3 minutes], oldest first.

    Deterministic for the same arguments. A naive `now` is taken as UTC. Orders fulfilled by
    Amazon (about 8%) have no buyer e-mail, phone or packages, as in the real API.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.UTC)
    if marketplace_ids is None:
        marketplace_ids = tuple(MARKETPLACES)
    unknown = [m for m in marketplace_ids if m not in MARKETPLACES]
    if unknown or not marketplace_ids:
        raise ValueError(f"marketplace_ids must be some of {sorted(MARKETPLACES)}, not {unknown}")
    now_s = int(now.timestamp())
    cutoff = now_s - _FRESHNESS_S
    oldest = int(now.timestamp() - days * 86400) + 1
    if oldest > cutoff:
        raise ValueError("days must span more than the three-minute freshness lag")

    rng = random.Random(seed)
    chosen = tuple(dict.fromkeys(marketplace_ids))
    markets = _cumulative([(m, _MARKETPLACE_WEIGHTS[MARKETPLACES[m]["country"]]) for m in chosen])
    created_times = sorted(rng.randint(oldest, cutoff) for _ in range(count))
    ids = _Ids(rng)
    # The orders hold no reference cycles, yet the cyclic GC would rescan the growing list
    # again and again: at 100,000 orders that costs more than building them.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return [_order(rng, ids, created, cutoff, _pick(rng, markets)) for created in created_times]
    finally:
        if gc_was_enabled:
            gc.enable()
