<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ShipDesk</source>
        <translation>Over ShipDesk</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versie %1</translation>
    </message>
    <message>
        <source>Your data is kept in %1; connection secrets in the system keychain.</source>
        <translation>Je gegevens staan in %1; de geheimen van je koppelingen in de sleutelhanger van het systeem.</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>Onderdeel</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licentie</translation>
    </message>
    <message>
        <source>Privacy: how your buyers&apos; data is kept and erased…</source>
        <translation>Privacy: hoe de gegevens van je kopers worden bewaard en gewist…</translation>
    </message>
    <message>
        <source>Bundled software and its licences:</source>
        <translation>Meegeleverde software en licenties:</translation>
    </message>
</context>
<context>
    <name>AddressDialog</name>
    <message>
        <source>Sender address</source>
        <translation>Afzenderadres</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Bedrijf</translation>
    </message>
    <message>
        <source>Contact name</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>House number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <source>Addition</source>
        <translation>Toevoeging</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Country code</source>
        <translation>Landcode</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>company or contact name</source>
        <translation>bedrijfs- of contactnaam</translation>
    </message>
    <message>
        <source>Please fill in: %1</source>
        <translation>Vul nog in: %1</translation>
    </message>
</context>
<context>
    <name>AddressSplit</name>
    <message>
        <source>Address is empty</source>
        <translation>Adres is leeg</translation>
    </message>
    <message>
        <source>No house number found</source>
        <translation>Geen huisnummer gevonden</translation>
    </message>
    <message>
        <source>No street name found</source>
        <translation>Geen straatnaam gevonden</translation>
    </message>
    <message>
        <source>PO box: carriers need a street address</source>
        <translation>Postbus: vervoerders hebben een straatadres nodig</translation>
    </message>
    <message>
        <source>Parcel locker or post office address: check that the carrier delivers there</source>
        <translation>Pakketautomaat of postkantoor: controleer of de vervoerder daar bezorgt</translation>
    </message>
    <message>
        <source>Address has both a street and a PO box</source>
        <translation>Adres bevat zowel een straat als een postbus</translation>
    </message>
    <message>
        <source>More than one number could be the house number</source>
        <translation>Meer dan één getal kan het huisnummer zijn</translation>
    </message>
    <message>
        <source>The number could be part of the street name</source>
        <translation>Het getal kan bij de straatnaam horen</translation>
    </message>
    <message>
        <source>The house number is written before the street name</source>
        <translation>Het huisnummer staat vóór de straatnaam</translation>
    </message>
    <message>
        <source>Unclear text after the house number</source>
        <translation>Onduidelijke tekst na het huisnummer</translation>
    </message>
    <message>
        <source>The address says it has no house number</source>
        <translation>Volgens het adres is er geen huisnummer</translation>
    </message>
    <message>
        <source>More than one line looks like a street address</source>
        <translation>Meer dan één regel lijkt op een straatadres</translation>
    </message>
    <message>
        <source>A separate number may belong to the house number</source>
        <translation>Een los getal hoort mogelijk bij het huisnummer</translation>
    </message>
    <message>
        <source>Only floor, apartment or contact details found, no street</source>
        <translation>Alleen verdieping, appartement of contactgegevens gevonden, geen straat</translation>
    </message>
    <message>
        <source>Street and house number could not be separated with certainty</source>
        <translation>Straat en huisnummer konden niet met zekerheid worden gescheiden</translation>
    </message>
    <message>
        <source>Address line is too long to split automatically</source>
        <translation>Adresregel is te lang om automatisch te splitsen</translation>
    </message>
</context>
<context>
    <name>AlertNotifier</name>
    <message>
        <source>Show ShipDesk</source>
        <translation>ShipDesk tonen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
</context>
<context>
    <name>AlertRow</name>
    <message>
        <source>Show orders</source>
        <translation>Bestellingen tonen</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>Gezien</translation>
    </message>
    <message>
        <source>No notification for this alert until its orders change</source>
        <translation>Geen melding meer voor deze waarschuwing tot de bestellingen veranderen</translation>
    </message>
</context>
<context>
    <name>AlertTexts</name>
    <message numerus="yes">
        <source>%n order(s) past their ship-by time</source>
        <translation>
            <numerusform>%n bestelling over de uiterste verzendtijd</numerusform>
            <numerusform>%n bestellingen over de uiterste verzendtijd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) due soon without a printed label</source>
        <translation>
            <numerusform>%n bestelling moet binnenkort weg en heeft geen geprint label</numerusform>
            <numerusform>%n bestellingen moeten binnenkort weg en hebben geen geprint label</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cancelled order(s) with a label: do not ship</source>
        <translation>
            <numerusform>%n geannuleerde bestelling met een label: niet verzenden</numerusform>
            <numerusform>%n geannuleerde bestellingen met een label: niet verzenden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Amazon refused %n tracking number(s)</source>
        <translation>
            <numerusform>Amazon weigerde %n trackingcode</numerusform>
            <numerusform>Amazon weigerde %n trackingcodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parcel(s) on their way without tracking at Amazon</source>
        <translation>
            <numerusform>%n pakket onderweg zonder tracking bij Amazon</numerusform>
            <numerusform>%n pakketten onderweg zonder tracking bij Amazon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parcel(s) printed but not scanned by the carrier</source>
        <translation>
            <numerusform>%n pakket geprint maar niet gescand door de vervoerder</numerusform>
            <numerusform>%n pakketten geprint maar niet gescand door de vervoerder</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 has scanned none of your parcels</source>
        <translation>%1 heeft nog geen enkel pakket van je gescand</translation>
    </message>
    <message>
        <source>The day&apos;s labels were not confirmed</source>
        <translation>De labels van vandaag zijn niet bevestigd</translation>
    </message>
    <message>
        <source>A label was not confirmed</source>
        <translation>Een label is niet bevestigd</translation>
    </message>
    <message>
        <source>The Amazon connection needs attention</source>
        <translation>De koppeling met Amazon vraagt aandacht</translation>
    </message>
    <message>
        <source>The %1 connection needs attention</source>
        <translation>De koppeling met %1 vraagt aandacht</translation>
    </message>
    <message>
        <source>The label printer is not there</source>
        <translation>De labelprinter is er niet</translation>
    </message>
    <message>
        <source>No new orders fetched for a while</source>
        <translation>Al een tijd geen nieuwe bestellingen opgehaald</translation>
    </message>
    <message numerus="yes">
        <source>Order(s) %1.</source>
        <translation>
            <numerusform>Bestelling %1.</numerusform>
            <numerusform>Bestellingen %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Print their labels and hand the parcels over now: Amazon counts them as late shipments (keep the Late Shipment Rate under 4%).</source>
        <translation>Print de labels en geef de pakketten nu mee: Amazon telt ze als te laat verzonden (houd de Late Shipment Rate onder 4%).</translation>
    </message>
    <message>
        <source>Make and print their labels before their ship-by time.</source>
        <translation>Maak en print de labels vóór de uiterste verzendtijd.</translation>
    </message>
    <message>
        <source>The buyer cancelled: do not ship. Open each order and void its label.</source>
        <translation>De koper heeft geannuleerd: niet verzenden. Open elke bestelling en annuleer het label.</translation>
    </message>
    <message>
        <source>Open the Errors view in the Orders tab: it shows Amazon&apos;s reason for each.</source>
        <translation>Open de weergave Fouten op het tabblad Bestellingen: daar staat per bestelling de reden van Amazon.</translation>
    </message>
    <message>
        <source>Check that these parcels were handed over to the carrier (a pickup may have been missed).</source>
        <translation>Controleer of deze pakketten aan de vervoerder zijn meegegeven (misschien is een ophaalmoment gemist).</translation>
    </message>
    <message>
        <source>%1&apos;s tracking updates are probably not switched on for your account yet: ask your %1 account manager to switch them on.</source>
        <translation>De trackingupdates van %1 staan waarschijnlijk nog niet aan voor je account: vraag je accountmanager bij %1 om ze aan te zetten.</translation>
    </message>
    <message>
        <source>%1 did not take the confirmation of today&apos;s labels. ShipDesk tries again every minute; check the connection in the Connections tab.</source>
        <translation>%1 heeft de bevestiging van de labels van vandaag niet aangenomen. ShipDesk probeert het elke minuut opnieuw; controleer de koppeling op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>%1 refused the end-of-day confirmation of a label (deleted in %2?). The day&apos;s other labels were confirmed.</source>
        <translation>%1 weigerde de dagafsluiting van een label (verwijderd in %2?). De andere labels van de dag zijn bevestigd.</translation>
    </message>
    <message>
        <source>Open the Connections tab to see what to do.</source>
        <translation>Open het tabblad Koppelingen om te zien wat je kunt doen.</translation>
    </message>
    <message>
        <source>“%3” is switched off, unplugged or renamed. Check it, or choose another label printer under Orders → Printers….</source>
        <translation>“%3” staat uit, is losgekoppeld of heeft een andere naam. Controleer hem, of kies een andere labelprinter onder Bestellingen → Printers….</translation>
    </message>
    <message>
        <source>the carrier&apos;s portal</source>
        <translation>het portaal van de vervoerder</translation>
    </message>
    <message numerus="yes">
        <source>Orders %1 and %n more.</source>
        <translation>
            <numerusform>Bestellingen %1 en nog %n.</numerusform>
            <numerusform>Bestellingen %1 en nog %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>The carrier</source>
        <translation>De vervoerder</translation>
    </message>
    <message>
        <source>The carrier is carrying them but Amazon has no tracking number yet (a Valid Tracking Rate defect in the making): “Show orders” says why for each.</source>
        <translation>De vervoerder heeft ze onderweg, maar Amazon heeft nog geen trackingcode (dat wordt een tekort op de Valid Tracking Rate): “Bestellingen tonen” zegt per bestelling waarom.</translation>
    </message>
    <message>
        <source>The last orders were fetched at %3. Check the internet connection and the Amazon connection; click “Start import” in the Orders tab to try.</source>
        <translation>De laatste bestellingen zijn opgehaald op %3. Controleer de internetverbinding en de koppeling met Amazon; klik op “Import starten” op het tabblad Bestellingen om het te proberen.</translation>
    </message>
    <message>
        <source>no time yet</source>
        <translation>nog nooit</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Total: %1</source>
        <translation>Totaal: %1</translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message>
        <source>Change selected drafts</source>
        <translation>Geselecteerde concepten wijzigen</translation>
    </message>
    <message numerus="yes">
        <source>Tick what to set on the %Ln selected order(s). Labels made already are left as they are; a draft that needs review keeps its review.</source>
        <translation>
            <numerusform>Vink aan wat je op de %Ln geselecteerde bestelling wilt instellen. Labels die al gemaakt zijn blijven zoals ze zijn; een concept dat gecontroleerd moet worden, blijft dat.</numerusform>
            <numerusform>Vink aan wat je op de %Ln geselecteerde bestellingen wilt instellen. Labels die al gemaakt zijn blijven zoals ze zijn; een concept dat gecontroleerd moet worden, blijft dat.</numerusform>
        </translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Pakketten</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Vervoerder</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opties</translation>
    </message>
    <message>
        <source>The selection has drafts of several carriers: choose one carrier above to change options.</source>
        <translation>De selectie heeft concepten van meerdere vervoerders: kies hierboven één vervoerder om opties te wijzigen.</translation>
    </message>
    <message>
        <source>Loading the carrier&apos;s options…</source>
        <translation>De opties van de vervoerder laden…</translation>
    </message>
    <message>
        <source>A dash: as each draft has it. Ticked: added to every draft. Empty: taken off every draft. A draft the carrier would refuse it for is named, not changed.</source>
        <translation>Een streepje: zoals elk concept het heeft. Aangevinkt: bij elk concept toegevoegd. Leeg: van elk concept afgehaald. Een concept waarvoor de vervoerder het zou weigeren, wordt genoemd en niet gewijzigd.</translation>
    </message>
</context>
<context>
    <name>CarrierCard</name>
    <message>
        <source>Carrier: %1</source>
        <translation>Vervoerder: %1</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergeten</translation>
    </message>
    <message>
        <source>Log in again without it, and remove it if that works</source>
        <translation>Opnieuw inloggen zonder, en hem verwijderen als dat lukt</translation>
    </message>
    <message>
        <source>Labels on customer number</source>
        <translation>Labels op klantnummer</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Controleren</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>as soon as the label is made</source>
        <translation>zodra het label is aangemaakt</translation>
    </message>
    <message>
        <source>after the label is printed</source>
        <translation>nadat het label is geprint</translation>
    </message>
    <message>
        <source>the tracking code</source>
        <translation>de trackingcode</translation>
    </message>
    <message>
        <source>the parcel number (unitNo)</source>
        <translation>het pakketnummer (unitNo)</translation>
    </message>
    <message>
        <source>the Track ID (uniqueNo)</source>
        <translation>de Track ID (uniqueNo)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>Tracking to Amazon</source>
        <translation>Tracking naar Amazon</translation>
    </message>
    <message>
        <source>Number Amazon gets</source>
        <translation>Nummer voor Amazon</translation>
    </message>
    <message>
        <source>Wait before sending</source>
        <translation>Wachten voor verzenden</translation>
    </message>
    <message>
        <source>Confirm the day&apos;s labels to %1 at</source>
        <translation>Labels van de dag bevestigen aan %1 om</translation>
    </message>
    <message>
        <source>Only when %1 asks you to: its own shop plugins never do. Once the time has passed, ShipDesk confirms the labels made that day (while it is open).</source>
        <translation>Alleen als %1 daarom vraagt: de eigen webshop-plugins doen het nooit. Na dat tijdstip bevestigt ShipDesk de labels die die dag gemaakt zijn (zolang het openstaat).</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Niet gekoppeld</translation>
    </message>
    <message>
        <source>Enter the login and click “Check” to choose your customer number.</source>
        <translation>Vul de inloggegevens in en klik op “Controleren” om je klantnummer te kiezen.</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Vraagt aandacht</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Gekoppeld</translation>
    </message>
    <message>
        <source>Connected. Customer numbers on this account: %1.</source>
        <translation>Gekoppeld. Klantnummers op dit account: %1.</translation>
    </message>
    <message>
        <source>Saved in the system keychain; type a new one to replace it</source>
        <translation>Bewaard in de sleutelhanger van het systeem; typ een nieuwe om te vervangen</translation>
    </message>
    <message>
        <source>Logging in at %1…</source>
        <translation>Inloggen bij %1…</translation>
    </message>
    <message>
        <source>%1 accepted the login. Choose the customer number to make labels on.</source>
        <translation>%1 heeft de inloggegevens geaccepteerd. Kies het klantnummer waarop labels worden gemaakt.</translation>
    </message>
    <message>
        <source>%1 accepted the login.</source>
        <translation>%1 heeft de inloggegevens geaccepteerd.</translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation>Niet opgeslagen. %1</translation>
    </message>
    <message>
        <source>Remove the %1 connection?</source>
        <translation>De koppeling met %1 verwijderen?</translation>
    </message>
    <message>
        <source>ShipDesk forgets the login and makes no new labels with this carrier until it is connected again. Labels already made stay.</source>
        <translation>ShipDesk vergeet de inloggegevens en maakt geen nieuwe labels meer bij deze vervoerder tot die opnieuw gekoppeld is. Labels die al gemaakt zijn, blijven.</translation>
    </message>
    <message>
        <source>The %1 connection was removed.</source>
        <translation>De koppeling met %1 is verwijderd.</translation>
    </message>
</context>
<context>
    <name>CarrierTexts</name>
    <message>
        <source>Home delivery</source>
        <translation>Bezorging aan huis</translation>
    </message>
    <message>
        <source>Mailbox parcel</source>
        <translation>Brievenbuspakje</translation>
    </message>
    <message>
        <source>DHL ServicePoint</source>
        <translation>DHL ServicePoint</translation>
    </message>
    <message>
        <source>Evening delivery</source>
        <translation>Avondlevering</translation>
    </message>
    <message>
        <source>Saturday delivery</source>
        <translation>Zaterdaglevering</translation>
    </message>
    <message>
        <source>Delivery before 11:00</source>
        <translation>Bezorging vóór 11:00</translation>
    </message>
    <message>
        <source>DHL Vandaag (same day)</source>
        <translation>DHL Vandaag (bezorging op dezelfde dag)</translation>
    </message>
    <message>
        <source>No delivery at neighbours</source>
        <translation>Niet bij de buren</translation>
    </message>
    <message>
        <source>Signature on delivery</source>
        <translation>Handtekening voor ontvangst</translation>
    </message>
    <message>
        <source>Age check 18+</source>
        <translation>Leeftijdscheck 18+</translation>
    </message>
    <message>
        <source>Insurance</source>
        <translation>Verzekering</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referentie</translation>
    </message>
    <message>
        <source>Reference (Amazon order number)</source>
        <translation>Referentie (Amazon-bestelnummer)</translation>
    </message>
    <message>
        <source>Personal note in the track &amp; trace e-mail</source>
        <translation>Persoonlijke notitie in de Track &amp; Trace-mail</translation>
    </message>
    <message>
        <source>Hide sender</source>
        <translation>Afzender verbergen</translation>
    </message>
    <message>
        <source>Return label</source>
        <translation>Retourlabel</translation>
    </message>
    <message>
        <source>Deliver to the addressee only</source>
        <translation>Alleen aan de geadresseerde bezorgen</translation>
    </message>
    <message>
        <source>Express, before 9:00</source>
        <translation>Express, voor 9:00</translation>
    </message>
    <message>
        <source>Express, before 12:00</source>
        <translation>Express, voor 12:00</translation>
    </message>
    <message>
        <source>Express, before 17:00</source>
        <translation>Express, voor 17:00</translation>
    </message>
    <message>
        <source>ShopReturn label (returns via a ParcelShop)</source>
        <translation>ShopReturn-label (retour via een ParcelShop)</translation>
    </message>
    <message>
        <source>Letterbox parcel</source>
        <translation>Brievenbuspakket</translation>
    </message>
    <message>
        <source>GLS ParcelShop</source>
        <translation>GLS ParcelShop</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Thuis</translation>
    </message>
    <message>
        <source>Mailbox</source>
        <translation>Brievenbus</translation>
    </message>
    <message>
        <source>ServicePoint</source>
        <translation>ServicePoint</translation>
    </message>
    <message>
        <source>Evening</source>
        <translation>Avond</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Zaterdag</translation>
    </message>
    <message>
        <source>Before 11</source>
        <translation>Vóór 11</translation>
    </message>
    <message>
        <source>Same day</source>
        <translation>Dezelfde dag</translation>
    </message>
    <message>
        <source>No neighbours</source>
        <translation>Niet bij buren</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Handtekening</translation>
    </message>
    <message>
        <source>18+</source>
        <translation>18+</translation>
    </message>
    <message>
        <source>Insured</source>
        <translation>Verzekerd</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Addressee only</source>
        <translation>Alleen geadresseerde</translation>
    </message>
    <message>
        <source>Before 9</source>
        <translation>Voor 9</translation>
    </message>
    <message>
        <source>Before 12</source>
        <translation>Voor 12</translation>
    </message>
    <message>
        <source>Before 17</source>
        <translation>Voor 17</translation>
    </message>
    <message>
        <source>ShopReturn</source>
        <translation>ShopReturn</translation>
    </message>
    <message>
        <source>Letterbox</source>
        <translation>Brievenbus</translation>
    </message>
    <message>
        <source>ParcelShop</source>
        <translation>ParcelShop</translation>
    </message>
    <message>
        <source>DHL Vandaag (same-day delivery)</source>
        <translation>DHL Vandaag (bezorging op dezelfde dag)</translation>
    </message>
    <message>
        <source>Same-day delivery</source>
        <translation>Bezorging op dezelfde dag</translation>
    </message>
    <message>
        <source>GLS NL has no same-day delivery: this setting is DHL&apos;s (DHL Vandaag). For a GLS parcel that must arrive early the next day, choose an Express service in (3).</source>
        <translation>GLS NL bezorgt niet op dezelfde dag: deze instelling is van DHL (DHL Vandaag). Moet een GLS-pakket de volgende dag vroeg aankomen, kies dan een Express-dienst bij (3).</translation>
    </message>
    <message>
        <source>This carrier has no same-day delivery.</source>
        <translation>Deze vervoerder bezorgt niet op dezelfde dag.</translation>
    </message>
    <message>
        <source>Make an API key in My DHL Portal (Settings → API keys) and copy its user id and key here. ShipDesk keeps them in the system keychain.</source>
        <translation>Maak een API-sleutel aan in My DHL Portal (Instellingen → API-sleutels) en kopieer de gebruikers-ID en de sleutel hierheen. ShipDesk bewaart ze in de sleutelhanger van het systeem.</translation>
    </message>
    <message>
        <source>Your MyGLS username and password (the ones of the GLS web portal), and the subscription key if GLS gave you one. ShipDesk keeps them in the system keychain.</source>
        <translation>Je MyGLS-gebruikersnaam en -wachtwoord (die van het GLS-webportaal), en de subscription key als GLS je die heeft gegeven. ShipDesk bewaart ze in de sleutelhanger van het systeem.</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>Gebruikers-ID</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-sleutel</translation>
    </message>
    <message>
        <source>MyGLS username</source>
        <translation>MyGLS-gebruikersnaam</translation>
    </message>
    <message>
        <source>MyGLS password</source>
        <translation>MyGLS-wachtwoord</translation>
    </message>
    <message>
        <source>Subscription key (optional)</source>
        <translation>Subscription key (optioneel)</translation>
    </message>
    <message>
        <source>DHL refused the user id or API key. Check them in My DHL Portal (Settings → API keys), or make a new key.</source>
        <translation>DHL heeft de gebruikers-ID of API-sleutel geweigerd. Controleer ze in My DHL Portal (Instellingen → API-sleutels) of maak een nieuwe sleutel aan.</translation>
    </message>
    <message>
        <source>GLS refused the username or password (or the subscription key). Check them in MyGLS; for a subscription key, ask your GLS account manager.</source>
        <translation>GLS weigerde de gebruikersnaam of het wachtwoord (of de subscription key). Controleer ze in MyGLS; vraag een subscription key aan je accountmanager bij GLS.</translation>
    </message>
    <message>
        <source>The carrier refused the login. Enter it again in the Connections tab.</source>
        <translation>De vervoerder weigerde de inloggegevens. Vul ze opnieuw in op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>DHL label, 10 × 21 cm</source>
        <translation>DHL-label, 10 × 21 cm</translation>
    </message>
    <message>
        <source>A6 (10.5 × 14.8 cm), as GLS labels</source>
        <translation>A6 (10,5 × 14,8 cm), zoals GLS-labels</translation>
    </message>
    <message>
        <source>4 × 6 inch</source>
        <translation>4 × 6 inch</translation>
    </message>
    <message>
        <source>A4 sheet</source>
        <translation>A4-vel</translation>
    </message>
    <message>
        <source>DHL advises PDF at 10 × 21 cm for label printers; GLS labels are A6. Set the same paper size in the printer&apos;s own settings.</source>
        <translation>DHL raadt voor labelprinters PDF op 10 × 21 cm aan; GLS-labels zijn A6. Stel hetzelfde papierformaat in bij de instellingen van de printer zelf.</translation>
    </message>
    <message>
        <source>Amazon orders in, DHL Parcel NL and GLS NL labels out, tracking back to Amazon.</source>
        <translation>Amazon-bestellingen erin, DHL Parcel NL- en GLS NL-labels eruit, trackingcodes terug naar Amazon.</translation>
    </message>
    <message>
        <source>Connect DHL Parcel NL or GLS NL (or both) in the Connections tab: enter the login and click “Check”.</source>
        <translation>Koppel DHL Parcel NL of GLS NL (of allebei) op het tabblad Koppelingen: vul de inloggegevens in en klik op “Controleren”.</translation>
    </message>
</context>
<context>
    <name>ConnectionsTab</name>
    <message>
        <source>Amazon seller account</source>
        <translation>Amazon-verkopersaccount</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>e.g. 08500001</source>
        <translation>bijv. 08500001</translation>
    </message>
    <message>
        <source>Customer number to link</source>
        <translation>Klantnummer om te koppelen</translation>
    </message>
    <message>
        <source>Connect with Amazon</source>
        <translation>Koppelen met Amazon</translation>
    </message>
    <message>
        <source>Confirm connection</source>
        <translation>Koppeling bevestigen</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Ontkoppelen</translation>
    </message>
    <message>
        <source>Make a draft label for every Amazon order</source>
        <translation>Voor elke Amazon-bestelling een conceptlabel maken</translation>
    </message>
    <message>
        <source>Send track &amp; trace to Amazon automatically</source>
        <translation>Track &amp; Trace automatisch naar Amazon sturen</translation>
    </message>
    <message>
        <source>Marketplaces to import orders from:</source>
        <translation>Bestellingen importeren van deze marktplaatsen:</translation>
    </message>
    <message>
        <source>Advanced: use my own SP-API app</source>
        <translation>Geavanceerd: mijn eigen SP-API-app gebruiken</translation>
    </message>
    <message>
        <source>LWA client secret</source>
        <translation>LWA-clientgeheim</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>Refresh-token</translation>
    </message>
    <message>
        <source>Check and save</source>
        <translation>Controleren en opslaan</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Only for sellers who registered their own private app in Seller Central (Apps and Services → Develop Apps) and authorized it themselves. Enter the app&apos;s LWA client ID and client secret and the refresh token from “Authorize”. ShipDesk checks them with Amazon and keeps them in the system keychain. Everyone else: use “Connect with Amazon” above.</source>
        <translation>Alleen voor verkopers die een eigen privé-app hebben geregistreerd in Seller Central (Apps en services → Apps ontwikkelen, in het Engels Develop Apps) en die zelf hebben geautoriseerd. Vul de LWA-client-ID en het clientgeheim van de app in, en het refresh-token uit “Authorize”. ShipDesk controleert ze bij Amazon en bewaart ze in de sleutelhanger van het systeem. Alle anderen: gebruik “Koppelen met Amazon” hierboven.</translation>
    </message>
    <message>
        <source>LWA client ID</source>
        <translation>LWA-client-ID</translation>
    </message>
    <message>
        <source>The Amazon page did not open? &lt;a href=&quot;%1&quot;&gt;Open it here&lt;/a&gt;.</source>
        <translation>Ging de Amazon-pagina niet open? &lt;a href=&quot;%1&quot;&gt;Open hem hier&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>No system keychain: secrets are kept in memory for this session only. After restarting ShipDesk, connect Amazon again.</source>
        <translation>Geen sleutelhanger van het systeem: geheimen worden alleen voor deze sessie in het geheugen bewaard. Koppel Amazon opnieuw nadat je ShipDesk opnieuw hebt gestart.</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Gekoppeld</translation>
    </message>
    <message>
        <source>Connected with your own SP-API app.</source>
        <translation>Gekoppeld met je eigen SP-API-app.</translation>
    </message>
    <message>
        <source>Connected to Amazon seller account %1.</source>
        <translation>Gekoppeld met Amazon-verkopersaccount %1.</translation>
    </message>
    <message>
        <source>New orders are imported every few minutes.</source>
        <translation>Nieuwe bestellingen worden om de paar minuten geïmporteerd.</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Vraagt aandacht</translation>
    </message>
    <message>
        <source>Waiting for Amazon</source>
        <translation>Wacht op Amazon</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Niet gekoppeld</translation>
    </message>
    <message>
        <source>Choose your customer number, then click “Connect with Amazon”.</source>
        <translation>Kies je klantnummer en klik dan op “Koppelen met Amazon”.</translation>
    </message>
    <message>
        <source>Enter your customer number, then click “Connect with Amazon”.</source>
        <translation>Vul je klantnummer in en klik dan op “Koppelen met Amazon”.</translation>
    </message>
    <message>
        <source>Amazon is disconnected. Orders already imported stay. To remove ShipDesk&apos;s access at Amazon too: Seller Central → Apps and Services → Manage Your Apps.</source>
        <translation>Amazon is ontkoppeld. Al geïmporteerde bestellingen blijven staan. Om ook bij Amazon de toegang van ShipDesk te verwijderen: Seller Central → Apps en services → Je apps beheren.</translation>
    </message>
    <message>
        <source>Not saved. %1</source>
        <translation>Niet opgeslagen. %1</translation>
    </message>
    <message>
        <source>Your seller account sells on: %1.</source>
        <translation>Je verkopersaccount verkoopt op: %1.</translation>
    </message>
    <message>
        <source>One Amazon authorization covers every European marketplace you sell in.</source>
        <translation>Eén Amazon-autorisatie geldt voor alle Europese marktplaatsen waarop je verkoopt.</translation>
    </message>
    <message>
        <source>An LWA client ID starts with “amzn1.application-oa2-client.”.</source>
        <translation>Een LWA-client-ID begint met “amzn1.application-oa2-client.”.</translation>
    </message>
    <message>
        <source>Connect again</source>
        <translation>Opnieuw koppelen</translation>
    </message>
    <message>
        <source>Your carrier customer number. Labels for Amazon orders are made on this contract.</source>
        <translation>Je klantnummer bij de vervoerder. Labels voor Amazon-bestellingen worden op dit contract gemaakt.</translation>
    </message>
    <message>
        <source>Use another device…</source>
        <translation>Ander apparaat gebruiken…</translation>
    </message>
    <message>
        <source>Open Amazon&apos;s page on a phone or another computer; it then shows a code to type here.</source>
        <translation>Open de pagina van Amazon op een telefoon of een andere computer; die toont daarna een code om hier te typen.</translation>
    </message>
    <message>
        <source>Open this address on the other device:&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Open dit adres op het andere apparaat:&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Sign in to Seller Central and confirm. Amazon&apos;s page then shows a code: click “Confirm connection” and type it.</source>
        <translation>Log in bij Seller Central en bevestig. De pagina van Amazon toont daarna een code: klik op “Koppeling bevestigen” en typ hem in.</translation>
    </message>
    <message>
        <source>Sign in to Seller Central in your browser and confirm. ShipDesk completes the connection by itself; keep it open until then.</source>
        <translation>Log in bij Seller Central in je browser en bevestig. ShipDesk rondt de koppeling daarna zelf af; laat ShipDesk tot dan open.</translation>
    </message>
    <message>
        <source>A customer number has 4 to 12 digits.</source>
        <translation>Een klantnummer heeft 4 tot 12 cijfers.</translation>
    </message>
    <message>
        <source>Asking Amazon for the consent page…</source>
        <translation>Toestemmingspagina opvragen bij Amazon…</translation>
    </message>
    <message>
        <source>Open the address below on the other device, sign in to Seller Central and confirm. Then click “Confirm connection” here and type the code Amazon&apos;s page shows.</source>
        <translation>Open het adres hieronder op het andere apparaat, log in bij Seller Central en bevestig. Klik daarna hier op “Koppeling bevestigen” en typ de code die de pagina van Amazon toont.</translation>
    </message>
    <message>
        <source>The Amazon consent page opened in your browser.</source>
        <translation>De toestemmingspagina van Amazon is geopend in je browser.</translation>
    </message>
    <message>
        <source>Open the Amazon consent page with the link below.</source>
        <translation>Open de toestemmingspagina van Amazon met de link hieronder.</translation>
    </message>
    <message>
        <source>Type the code Amazon&apos;s page showed after you confirmed (like ABCD-EFGH).
Only type it here, in ShipDesk on your own computer.</source>
        <translation>Typ de code die de pagina van Amazon na het bevestigen toonde (zoals ABCD-EFGH).
Typ hem alleen hier, in ShipDesk op je eigen computer.</translation>
    </message>
    <message>
        <source>Checking with Amazon…</source>
        <translation>Controleren bij Amazon…</translation>
    </message>
    <message>
        <source>Amazon confirmed the connection.</source>
        <translation>Amazon heeft de koppeling bevestigd.</translation>
    </message>
    <message>
        <source>Amazon has not confirmed yet. Finish the consent in your browser.</source>
        <translation>Amazon heeft nog niet bevestigd. Rond de toestemming af in je browser.</translation>
    </message>
    <message>
        <source>Disconnect Amazon?</source>
        <translation>Amazon ontkoppelen?</translation>
    </message>
    <message>
        <source>ShipDesk stops importing orders and sending tracking numbers to Amazon, and its access to your seller account is removed. Orders already imported stay.</source>
        <translation>ShipDesk stopt met het importeren van bestellingen en het versturen van trackingcodes naar Amazon, en de toegang tot je verkopersaccount wordt ingetrokken. Bestellingen die al zijn geïmporteerd, blijven bestaan.</translation>
    </message>
    <message>
        <source>Choose at least one marketplace.</source>
        <translation>Kies minstens één marktplaats.</translation>
    </message>
    <message>
        <source>No system keychain</source>
        <translation>Geen sleutelhanger van het systeem</translation>
    </message>
    <message>
        <source>ShipDesk keeps connection secrets only in the system keychain, and none can be used on this computer:

%1

You can keep the secrets in memory for this session only: nothing is written to disk, and after restarting ShipDesk you connect again.</source>
        <translation>ShipDesk bewaart de geheimen van koppelingen alleen in de sleutelhanger van het systeem, en op deze computer is er geen bruikbaar:

%1

Je kunt de geheimen alleen voor deze sessie in het geheugen bewaren: er wordt niets op schijf opgeslagen, en na een herstart van ShipDesk koppel je opnieuw.</translation>
    </message>
    <message>
        <source>Secrets are kept in memory for this session. Try again now.</source>
        <translation>Geheimen worden voor deze sessie in het geheugen bewaard. Probeer het nu opnieuw.</translation>
    </message>
    <message>
        <source>A refresh token starts with “Atzr|”.</source>
        <translation>Een refresh-token begint met “Atzr|”.</translation>
    </message>
    <message>
        <source>Amazon accepted the credentials. They are in the system keychain.</source>
        <translation>Amazon heeft de inloggegevens geaccepteerd. Ze staan in de sleutelhanger van het systeem.</translation>
    </message>
    <message>
        <source>Remove your own app&apos;s credentials?</source>
        <translation>Inloggegevens van je eigen app verwijderen?</translation>
    </message>
    <message>
        <source>ShipDesk forgets your app&apos;s credentials and, if they are in use, stops importing orders. Orders already imported stay.</source>
        <translation>ShipDesk vergeet de inloggegevens van je app en stopt, als ze in gebruik zijn, met het importeren van bestellingen. Bestellingen die al zijn geïmporteerd, blijven bestaan.</translation>
    </message>
    <message>
        <source>Your app&apos;s credentials were removed.</source>
        <translation>De inloggegevens van je app zijn verwijderd.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>ShipDesk ran into a problem</source>
        <translation>ShipDesk is tegen een probleem aangelopen</translation>
    </message>
    <message>
        <source>Something went wrong that ShipDesk did not expect. Your data is safe: every order and label is saved as it happens. Please copy this report and send it to support; it holds no passwords or customer addresses.</source>
        <translation>Er ging iets mis wat ShipDesk niet verwachtte. Je gegevens zijn veilig: elke bestelling en elk label wordt meteen opgeslagen. Kopieer dit rapport en stuur het naar support; er staan geen wachtwoorden of klantadressen in.</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Rapport kopiëren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Gekopieerd</translation>
    </message>
</context>
<context>
    <name>DayRow</name>
    <message>
        <source>Only between</source>
        <translation>Alleen tussen</translation>
    </message>
    <message>
        <source>and</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>DemoBanner</name>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Orders come from ShipDesk&apos;s built-in sandbox. Nothing is sent to Amazon or a carrier, and the demo keeps its own data folder.</source>
        <translation>Bestellingen komen uit de ingebouwde testomgeving van ShipDesk. Er gaat niets naar Amazon of een vervoerder, en de demo heeft een eigen gegevensmap.</translation>
    </message>
</context>
<context>
    <name>HelpLink</name>
    <message>
        <source>Opens the manual at this subject</source>
        <translation>Opent de handleiding bij dit onderwerp</translation>
    </message>
    <message>
        <source>What to do?</source>
        <translation>Wat nu?</translation>
    </message>
    <message>
        <source>More about this</source>
        <translation>Meer uitleg</translation>
    </message>
</context>
<context>
    <name>LabelActions</name>
    <message>
        <source>Not there: make it again</source>
        <translation>Niet daar: opnieuw maken</translation>
    </message>
    <message>
        <source>It is there: mark as made…</source>
        <translation>Wel daar: als gemaakt markeren…</translation>
    </message>
    <message>
        <source>Void label…</source>
        <translation>Label annuleren…</translation>
    </message>
    <message>
        <source>Return label…</source>
        <translation>Retourlabel…</translation>
    </message>
    <message>
        <source>Not in %1: make it again</source>
        <translation>Niet in %1: opnieuw maken</translation>
    </message>
    <message>
        <source>In %1: mark as made…</source>
        <translation>Wel in %1: als gemaakt markeren…</translation>
    </message>
    <message>
        <source>Print return label</source>
        <translation>Retourlabel afdrukken</translation>
    </message>
    <message>
        <source>Return label %1</source>
        <translation>Retourlabel %1</translation>
    </message>
    <message>
        <source>Make a return label for the buyer and print it on the label printer</source>
        <translation>Een retourlabel voor de koper maken en op de labelprinter afdrukken</translation>
    </message>
    <message>
        <source>The label was made again.</source>
        <translation>Het label is opnieuw gemaakt.</translation>
    </message>
    <message>
        <source>The label could not be made again.</source>
        <translation>Het label kon niet opnieuw worden gemaakt.</translation>
    </message>
    <message>
        <source>Mark as made</source>
        <translation>Als gemaakt markeren</translation>
    </message>
    <message>
        <source>The parcel number of this order&apos;s label in %1 (ShipDesk has no document of it: print it from %1):</source>
        <translation>Het pakketnummer van het label van deze bestelling in %1 (ShipDesk heeft er geen document van: print het vanuit %1):</translation>
    </message>
    <message>
        <source>“%1” is not a %2 parcel number.</source>
        <translation>“%1” is geen pakketnummer van %2.</translation>
    </message>
    <message>
        <source>The label changed meanwhile; open it again.</source>
        <translation>Het label is intussen veranderd; open het opnieuw.</translation>
    </message>
    <message>
        <source>Marked as made with parcel %1; its tracking number goes to Amazon.</source>
        <translation>Als gemaakt gemarkeerd met pakket %1; de trackingcode gaat naar Amazon.</translation>
    </message>
    <message>
        <source>%1 deletes the label; that is possible until the parcel is first scanned, and cannot be undone. The order gets a new draft, and the label&apos;s tracking number is not sent to Amazon if it is still waiting.</source>
        <translation>%1 verwijdert het label; dat kan tot het pakket voor het eerst gescand is, en kan niet ongedaan worden gemaakt. De bestelling krijgt een nieuw concept, en de trackingcode van het label gaat niet naar Amazon als die nog wacht.</translation>
    </message>
    <message>
        <source>%1 has no way to cancel a label: ShipDesk voids it here and never prints or sends it again; bin it in %2. The order gets a new draft, and the label&apos;s tracking number is not sent to Amazon if it is still waiting.</source>
        <translation>%1 kan een label niet annuleren: ShipDesk annuleert het hier en print of verstuurt het nooit meer; gooi het weg in %2. De bestelling krijgt een nieuw concept, en de trackingcode van het label gaat niet naar Amazon als die nog wacht.</translation>
    </message>
    <message>
        <source>Void this label?</source>
        <translation>Dit label annuleren?</translation>
    </message>
    <message>
        <source>Void label</source>
        <translation>Label annuleren</translation>
    </message>
    <message>
        <source>Its tracking number is being sent to Amazon right now. Try again in a minute.</source>
        <translation>De trackingcode wordt op dit moment naar Amazon gestuurd. Probeer het over een minuut opnieuw.</translation>
    </message>
    <message>
        <source>Not voided: %1</source>
        <translation>Niet geannuleerd: %1</translation>
    </message>
    <message>
        <source>The label was deleted at %1; the order has a new draft.</source>
        <translation>Het label is bij %1 verwijderd; de bestelling heeft een nieuw concept.</translation>
    </message>
    <message>
        <source>The label was voided in ShipDesk (bin it in %2); the order has a new draft.</source>
        <translation>Het label is in ShipDesk geannuleerd (gooi het weg in %2); de bestelling heeft een nieuw concept.</translation>
    </message>
    <message>
        <source>Amazon already has its tracking number and cannot take it back: correct it in Seller Central once the new label is made.</source>
        <translation>Amazon heeft de trackingcode al en kan die niet terugnemen: corrigeer hem in Seller Central zodra het nieuwe label gemaakt is.</translation>
    </message>
    <message>
        <source>Return label</source>
        <translation>Retourlabel</translation>
    </message>
    <message>
        <source>A return label for order %1: the buyer sends the parcel back to your sender address with it. Its tracking number stays in ShipDesk (Amazon is not told). Reason for the return (shown to the carrier):</source>
        <translation>Een retourlabel voor bestelling %1: daarmee stuurt de koper het pakket terug naar je afzenderadres. De trackingcode blijft in ShipDesk (Amazon krijgt het niet). Reden van de retour (voor de vervoerder):</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Return label %1 made, not printed: %2</source>
        <translation>Retourlabel %1 gemaakt, niet afgedrukt: %2</translation>
    </message>
    <message>
        <source>Return label %1 printed on %2.</source>
        <translation>Retourlabel %1 afgedrukt op %2.</translation>
    </message>
</context>
<context>
    <name>LabelDialog</name>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Ontvanger</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Voornaam</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Achternaam</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Bedrijf</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Straat</translation>
    </message>
    <message>
        <source>House number</source>
        <translation>Huisnummer</translation>
    </message>
    <message>
        <source>Addition</source>
        <translation>Toevoeging</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Plaats</translation>
    </message>
    <message>
        <source>Country code</source>
        <translation>Landcode</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefoon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Business address</source>
        <translation>Zakelijk adres</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Verzending</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Vervoerder</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Pakketten</translation>
    </message>
    <message>
        <source>Weight per parcel</source>
        <translation>Gewicht per pakket</translation>
    </message>
    <message>
        <source>Options possible for this destination:</source>
        <translation>Mogelijke opties voor deze bestemming:</translation>
    </message>
    <message>
        <source>Note on the packing slip</source>
        <translation>Notitie op de pakbon</translation>
    </message>
    <message>
        <source>The label preview appears here once the label is created.</source>
        <translation>Het voorbeeld van het label verschijnt hier zodra het label is aangemaakt.</translation>
    </message>
    <message>
        <source>Address at Amazon</source>
        <translation>Adres bij Amazon</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Bezorging</translation>
    </message>
    <message>
        <source>Deliver to the door</source>
        <translation>Aan de deur bezorgen</translation>
    </message>
    <message>
        <source>The label could not be opened: %1</source>
        <translation>Het label kon niet worden geopend: %1</translation>
    </message>
    <message>
        <source>Amazon order %1 · %2</source>
        <translation>Amazon-bestelling %1 · %2</translation>
    </message>
    <message>
        <source>The carrier has this label, so its details can no longer be changed here. You can print it again from the Orders list, or void it.</source>
        <translation>De vervoerder heeft dit label, dus de gegevens kunnen hier niet meer worden gewijzigd. Je kunt het opnieuw printen vanuit de lijst met bestellingen, of het annuleren.</translation>
    </message>
    <message>
        <source>Don&apos;t warn again: %1 for %2</source>
        <translation>Niet meer waarschuwen: %1 voor %2</translation>
    </message>
    <message>
        <source>You can turn this warning back on in the Shipping Options tab.</source>
        <translation>Je kunt deze waarschuwing weer aanzetten op het tabblad Verzendopties.</translation>
    </message>
    <message>
        <source>Track &amp; trace: %1</source>
        <translation>Track &amp; trace: %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 op %2</translation>
    </message>
    <message>
        <source>Loading the label…</source>
        <translation>Het label wordt geladen…</translation>
    </message>
    <message>
        <source>The label cannot be shown here: %1</source>
        <translation>Het label kan hier niet worden getoond: %1</translation>
    </message>
    <message>
        <source>%1 is not possible here: the parcel goes to the door.</source>
        <translation>Een %1 is hier niet mogelijk: het pakket gaat naar de deur.</translation>
    </message>
    <message>
        <source>Now with %1: size and options from its Shipping Options.</source>
        <translation>Nu met %1: formaat en opties uit de verzendopties van deze vervoerder.</translation>
    </message>
    <message>
        <source>The pickup point was removed: choose one of %1.</source>
        <translation>Het afhaalpunt is verwijderd: kies er een van %1.</translation>
    </message>
    <message>
        <source>Now also possible here: %1.</source>
        <translation>Hier ook mogelijk: %1.</translation>
    </message>
    <message>
        <source>The new address changes the label:</source>
        <translation>Het nieuwe adres verandert het label:</translation>
    </message>
    <message>
        <source>The carrier&apos;s options could not be checked: %1</source>
        <translation>De opties van de vervoerder konden niet worden gecontroleerd: %1</translation>
    </message>
    <message>
        <source>Parcel %1</source>
        <translation>Pakket %1</translation>
    </message>
    <message>
        <source>To the buyer&apos;s door.</source>
        <translation>Naar de deur van de koper.</translation>
    </message>
    <message>
        <source>To %1 %2: %3, %4</source>
        <translation>Naar %1 %2: %3, %4</translation>
    </message>
    <message>
        <source>Deliver to a %1…</source>
        <translation>Bezorgen bij een %1…</translation>
    </message>
    <message>
        <source>Choose another %1…</source>
        <translation>Ander afhaalpunt kiezen (%1)…</translation>
    </message>
    <message>
        <source>Delivery to a %1 is not possible for this destination and size.</source>
        <translation>Bezorgen bij een %1 is niet mogelijk voor deze bestemming en dit formaat.</translation>
    </message>
    <message>
        <source>Not possible with a %1, left off: %2.</source>
        <translation>Niet mogelijk bij een %1, weggelaten: %2.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>The buyer&apos;s name and address of %Ln order(s) were erased, as Amazon requires (30 days after delivery). The orders themselves stay.</source>
        <translation>
            <numerusform>Naam en adres van de koper zijn gewist bij %Ln bestelling, zoals Amazon vereist (30 dagen na bezorging). De bestelling zelf blijft staan.</numerusform>
            <numerusform>Naam en adres van de kopers zijn gewist bij %Ln bestellingen, zoals Amazon vereist (30 dagen na bezorging). De bestellingen zelf blijven staan.</numerusform>
        </translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Koppelingen</translation>
    </message>
    <message>
        <source>Shipping Options</source>
        <translation>Verzendopties</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellingen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>Export diagnostics…</source>
        <translation>Diagnosegegevens exporteren…</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Logmap openen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Instellingen</translation>
    </message>
    <message>
        <source>Printers…</source>
        <translation>Printers…</translation>
    </message>
    <message>
        <source>Products…</source>
        <translation>Producten…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Zelfde als het systeem</translation>
    </message>
    <message>
        <source>Setup assistant…</source>
        <translation>Installatiehulp…</translation>
    </message>
    <message>
        <source>Recovery key…</source>
        <translation>Herstelsleutel…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Handleiding</translation>
    </message>
    <message>
        <source>About ShipDesk</source>
        <translation>Over ShipDesk</translation>
    </message>
    <message>
        <source>Export diagnostics</source>
        <translation>Diagnosegegevens exporteren</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zip-bestanden (*.zip)</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>Het bestand kon niet worden opgeslagen: %1</translation>
    </message>
    <message>
        <source>Diagnostics saved as %1. It holds no passwords and no customer data.</source>
        <translation>Diagnosegegevens opgeslagen als %1. Er staan geen wachtwoorden en geen klantgegevens in.</translation>
    </message>
    <message>
        <source>The new language is used from the next start of ShipDesk.</source>
        <translation>De nieuwe taal wordt gebruikt vanaf de volgende keer dat je ShipDesk start.</translation>
    </message>
    <message>
        <source>The demo could not be started.</source>
        <translation>De demo kon niet worden gestart.</translation>
    </message>
    <message>
        <source>Today&apos;s backup copy of ShipDesk&apos;s data could not be made (%1). ShipDesk tries again in an hour.</source>
        <translation>De back-up van vandaag van de gegevens van ShipDesk kon niet worden gemaakt (%1). ShipDesk probeert het over een uur opnieuw.</translation>
    </message>
</context>
<context>
    <name>ManualWindow</name>
    <message>
        <source>ShipDesk manual</source>
        <translation>Handleiding ShipDesk</translation>
    </message>
    <message>
        <source>The manual is not part of this installation of ShipDesk. Install ShipDesk again from its installer, or, when you run it from its source, build the manual with “make manual”.</source>
        <translation>De handleiding hoort niet bij deze installatie van ShipDesk. Installeer ShipDesk opnieuw met het installatieprogramma, of bouw de handleiding met “make manual” als je ShipDesk vanuit de broncode start.</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Handleiding</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Vooruit</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Inhoud</translation>
    </message>
    <message>
        <source>Find in the manual</source>
        <translation>Zoeken in de handleiding</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Openen in browser</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Opslaan als PDF…</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Niet gevonden</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>Opslaan als PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>Opgeslagen als %1</translation>
    </message>
    <message>
        <source>The PDF could not be written to %1</source>
        <translation>De PDF kon niet worden opgeslagen in %1</translation>
    </message>
</context>
<context>
    <name>NewPassphraseDialog</name>
    <message>
        <source>Choose a passphrase</source>
        <translation>Kies een wachtzin</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtzin</translation>
    </message>
    <message>
        <source>The same again</source>
        <translation>Nogmaals dezelfde</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least %1 characters.</source>
        <translation>Kies een wachtzin van minstens %1 tekens.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>De twee wachtzinnen verschillen.</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>buyer data erased</source>
        <translation>klantgegevens gewist</translation>
    </message>
    <message>
        <source>The buyer&apos;s name and address were erased, as Amazon requires: 30 days after delivery, or when Amazon asked. The order, its items and tracking stay.</source>
        <translation>Naam en adres van de koper zijn gewist, zoals Amazon vereist: 30 dagen na bezorging, of op verzoek van Amazon. De bestelling, de artikelen en de trackingcodes blijven bewaard.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestelling</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Ontvanger</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Bestemming</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artikelen</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opties</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <source>Ship by</source>
        <translation>Verzenden vóór</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Let op</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Tracking</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Vervoerder</translation>
    </message>
    <message>
        <source>Amazon order %1</source>
        <translation>Amazon-bestelling %1</translation>
    </message>
    <message>
        <source>Tracking: %1</source>
        <translation>Trackingcode: %1</translation>
    </message>
    <message>
        <source>Delivered: %1</source>
        <translation>Bezorgd: %1</translation>
    </message>
    <message>
        <source>The ship-by time has passed.</source>
        <translation>De uiterste verzendtijd is verstreken.</translation>
    </message>
</context>
<context>
    <name>OrdersTab</name>
    <message>
        <source>Search order number, name, city, postcode or product (Ctrl+F)</source>
        <translation>Zoek op bestelnummer, naam, plaats, postcode of product (Ctrl+F)</translation>
    </message>
    <message>
        <source>To ship</source>
        <translation>Te verzenden</translation>
    </message>
    <message>
        <source>All orders</source>
        <translation>Alle bestellingen</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Concepten</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Te controleren</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fouten</translation>
    </message>
    <message>
        <source>Labels created</source>
        <translation>Labels aangemaakt</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Geprint</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Verzonden</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>Wacht op betaling</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Geannuleerd</translation>
    </message>
    <message>
        <source>Start import</source>
        <translation>Import starten</translation>
    </message>
    <message>
        <source>Fetch new and changed orders from Amazon (F5)</source>
        <translation>Nieuwe en gewijzigde bestellingen ophalen bij Amazon (F5)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <source>Edit the label (Enter)</source>
        <translation>Het label bewerken (Enter)</translation>
    </message>
    <message>
        <source>Create labels</source>
        <translation>Labels aanmaken</translation>
    </message>
    <message>
        <source>Create the selected labels at the carrier (Ctrl+L)</source>
        <translation>De geselecteerde labels aanmaken bij de vervoerder (Ctrl+L)</translation>
    </message>
    <message>
        <source>Print labels</source>
        <translation>Labels printen</translation>
    </message>
    <message>
        <source>Print the selected labels in one job (Ctrl+P)</source>
        <translation>De geselecteerde labels in één keer printen (Ctrl+P)</translation>
    </message>
    <message>
        <source>Packing slips</source>
        <translation>Pakbonnen</translation>
    </message>
    <message>
        <source>Print packing slips for the selection (Ctrl+Shift+P)</source>
        <translation>Pakbonnen printen voor de selectie (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Printen</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Opslaan als PDF…</translation>
    </message>
    <message>
        <source>Print pick list</source>
        <translation>Picklijst printen</translation>
    </message>
    <message>
        <source>The items to take from the shelves for the selection, per SKU</source>
        <translation>De artikelen die voor de selectie uit de schappen moeten, per artikelnummer</translation>
    </message>
    <message>
        <source>Pick list as PDF…</source>
        <translation>Picklijst als pdf…</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Meer</translation>
    </message>
    <message>
        <source>Change selected drafts…</source>
        <translation>Geselecteerde concepten wijzigen…</translation>
    </message>
    <message>
        <source>Size, weight or parcels for many drafts at once</source>
        <translation>Formaat, gewicht of pakketten voor veel concepten tegelijk</translation>
    </message>
    <message>
        <source>Save labels to a file…</source>
        <translation>Labels opslaan als bestand…</translation>
    </message>
    <message>
        <source>The selected labels in one PDF (or ZPL) file, to print elsewhere; they count as printed, and their tracking numbers go to Amazon</source>
        <translation>De gekozen labels in één PDF- (of ZPL-)bestand, om elders te printen; ze tellen als geprint en hun trackingcodes gaan naar Amazon</translation>
    </message>
    <message>
        <source>Mark shipped without printing…</source>
        <translation>Als verzonden melden zonder te printen…</translation>
    </message>
    <message>
        <source>Tell Amazon these orders are shipped, with their tracking numbers</source>
        <translation>Meld Amazon dat deze bestellingen verzonden zijn, met hun trackingcodes</translation>
    </message>
    <message numerus="yes">
        <source>%Ln order(s) shown</source>
        <translation>
            <numerusform>%Ln bestelling getoond</numerusform>
            <numerusform>%Ln bestellingen getoond</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tracking number(s) on their way to Amazon</source>
        <translation>
            <numerusform>%Ln trackingcode onderweg naar Amazon</numerusform>
            <numerusform>%Ln trackingcodes onderweg naar Amazon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused by Amazon: see Errors</source>
        <translation>
            <numerusform>%Ln geweigerd door Amazon: zie Fouten</numerusform>
            <numerusform>%Ln geweigerd door Amazon: zie Fouten</numerusform>
        </translation>
    </message>
    <message>
        <source>Track &amp; trace %1</source>
        <translation>Track &amp; trace %1</translation>
    </message>
    <message>
        <source>Copy tracking number</source>
        <translation>Trackingcode kopiëren</translation>
    </message>
    <message numerus="yes">
        <source>%Ln label(s) created.</source>
        <translation>
            <numerusform>%Ln label gemaakt.</numerusform>
            <numerusform>%Ln labels gemaakt.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: its return label was not made: %2</source>
        <translation>%1: het retourlabel is niet gemaakt: %2</translation>
    </message>
    <message>
        <source>Save labels</source>
        <translation>Labels opslaan</translation>
    </message>
    <message>
        <source>ZPL files (*.zpl)</source>
        <translation>ZPL-bestanden (*.zpl)</translation>
    </message>
    <message>
        <source>Saving labels…</source>
        <translation>Labels opslaan…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln label page(s) saved as %1.</source>
        <translation>
            <numerusform>%Ln labelpagina opgeslagen als %1.</numerusform>
            <numerusform>%Ln labelpagina&apos;s opgeslagen als %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %Ln page(s) to %1.</source>
        <translation>
            <numerusform>%Ln pagina naar %1 gestuurd.</numerusform>
            <numerusform>%Ln pagina&apos;s naar %1 gestuurd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Changing the selected drafts…</source>
        <translation>De gekozen concepten wijzigen…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln draft(s) changed.</source>
        <translation>
            <numerusform>%Ln concept gewijzigd.</numerusform>
            <numerusform>%Ln concepten gewijzigd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln left as they were (their labels are made already).</source>
        <translation>
            <numerusform>%Ln ongewijzigd (het label is al gemaakt).</numerusform>
            <numerusform>%Ln ongewijzigd (de labels zijn al gemaakt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln need review first: open them one by one.</source>
        <translation>
            <numerusform>%Ln moet eerst gecontroleerd worden: open het.</numerusform>
            <numerusform>%Ln moeten eerst gecontroleerd worden: open ze een voor een.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 not changed: %2</source>
        <translation>%1 niet gewijzigd: %2</translation>
    </message>
    <message numerus="yes">
        <source>Pick list for %Ln order(s) sent to %1.</source>
        <translation>
            <numerusform>Picklijst voor %Ln bestelling naar %1 gestuurd.</numerusform>
            <numerusform>Picklijst voor %Ln bestellingen naar %1 gestuurd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Save the pick list</source>
        <translation>Picklijst opslaan</translation>
    </message>
    <message>
        <source>Pick list saved: %1</source>
        <translation>Picklijst opgeslagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Tell Amazon that %Ln order(s) are shipped?</source>
        <translation>
            <numerusform>Aan Amazon melden dat %Ln bestelling verzonden is?</numerusform>
            <numerusform>Aan Amazon melden dat %Ln bestellingen verzonden zijn?</numerusform>
        </translation>
    </message>
    <message>
        <source>Their tracking numbers go to Amazon now, and Amazon cannot take them back. Use this only for parcels that were handed to the carrier.</source>
        <translation>De trackingcodes gaan nu naar Amazon, en Amazon kan ze niet terugnemen. Gebruik dit alleen voor pakketten die aan de vervoerder zijn meegegeven.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them have no printed label: %1</source>
        <translation>
            <numerusform>%Ln daarvan heeft geen geprint label: %1</numerusform>
            <numerusform>%Ln daarvan hebben geen geprint label: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Also send the orders without a printed label</source>
        <translation>Ook de bestellingen zonder geprint label melden</translation>
    </message>
    <message>
        <source>Tell Amazon</source>
        <translation>Aan Amazon melden</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tracking number(s) queued for Amazon.</source>
        <translation>
            <numerusform>%Ln trackingcode klaargezet voor Amazon.</numerusform>
            <numerusform>%Ln trackingcodes klaargezet voor Amazon.</numerusform>
        </translation>
    </message>
    <message>
        <source>Amazon cannot be told about %1: its marketplace or items are unknown. Confirm it in Seller Central.</source>
        <translation>Amazon kan niets gemeld worden over %1: de marktplaats of de artikelen zijn onbekend. Bevestig het in Seller Central.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tracking number(s) sent again.</source>
        <translation>
            <numerusform>%Ln trackingcode opnieuw verstuurd.</numerusform>
            <numerusform>%Ln trackingcodes opnieuw verstuurd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Importing… %Ln order(s) received</source>
        <translation>
            <numerusform>Importeren… %Ln bestelling ontvangen</numerusform>
            <numerusform>Importeren… %Ln bestellingen ontvangen</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1 new, %2 updated)</source>
        <translation>(%1 nieuw, %2 bijgewerkt)</translation>
    </message>
    <message>
        <source>Import finished: %1 new, %2 updated.</source>
        <translation>Import klaar: %1 nieuw, %2 bijgewerkt.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln draft label(s) made</source>
        <translation>
            <numerusform>%Ln conceptlabel gemaakt</numerusform>
            <numerusform>%Ln conceptlabels gemaakt</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1 to review).</source>
        <translation>(%1 te controleren).</translation>
    </message>
    <message numerus="yes">
        <source>The carrier could not be asked about %Ln order(s); ShipDesk tries again.</source>
        <translation>
            <numerusform>De vervoerder kon niet worden gevraagd naar %Ln bestelling; ShipDesk probeert het opnieuw.</numerusform>
            <numerusform>De vervoerder kon niet worden gevraagd naar %Ln bestellingen; ShipDesk probeert het opnieuw.</numerusform>
        </translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Mislukte opnieuw proberen</translation>
    </message>
    <message>
        <source>Create failed labels again and resend refused tracking numbers</source>
        <translation>Mislukte labels opnieuw aanmaken en geweigerde trackingcodes opnieuw versturen</translation>
    </message>
    <message>
        <source>Printers…</source>
        <translation>Printers…</translation>
    </message>
    <message>
        <source>Choose the printers and label format</source>
        <translation>Printers en labelformaat kiezen</translation>
    </message>
    <message>
        <source>No orders yet</source>
        <translation>Nog geen bestellingen</translation>
    </message>
    <message>
        <source>Connect your carrier and your Amazon seller account in the Connections tab, then click “Start import”. New orders also arrive by themselves every few minutes, each with a draft label.</source>
        <translation>Koppel je vervoerder en je Amazon-verkopersaccount op het tabblad Koppelingen en klik dan op “Import starten”. Nieuwe bestellingen komen ook vanzelf binnen, om de paar minuten, elk met een conceptlabel.</translation>
    </message>
    <message>
        <source>The order list could not be read: %1</source>
        <translation>De bestellijst kon niet worden gelezen: %1</translation>
    </message>
    <message>
        <source>Stopped. Nothing half-done was lost; run it again to continue.</source>
        <translation>Gestopt. Er is niets halverwege verloren gegaan; start opnieuw om verder te gaan.</translation>
    </message>
    <message>
        <source>Making a draft label for %1…</source>
        <translation>Conceptlabel maken voor %1…</translation>
    </message>
    <message>
        <source>Creating labels…</source>
        <translation>Labels aanmaken…</translation>
    </message>
    <message>
        <source>Creating labels… %1 of %2 done (%3 failed)</source>
        <translation>Labels aanmaken… %1 van %2 klaar (%3 mislukt)</translation>
    </message>
    <message>
        <source>%1 failed: see the Attention column, fix them and choose Retry failed.</source>
        <translation>%1 mislukt: zie de kolom “Let op”, los de problemen op en kies “Mislukte opnieuw proberen”.</translation>
    </message>
    <message>
        <source>%1 skipped (needing review or already created).</source>
        <translation>%1 overgeslagen (moeten worden gecontroleerd of zijn al aangemaakt).</translation>
    </message>
    <message>
        <source>Printing labels…</source>
        <translation>Labels printen…</translation>
    </message>
    <message>
        <source>Packing slips sent to %1.</source>
        <translation>Pakbonnen naar %1 gestuurd.</translation>
    </message>
    <message>
        <source>Save packing slips</source>
        <translation>Pakbonnen opslaan</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-bestanden (*.pdf)</translation>
    </message>
    <message>
        <source>Packing slips saved as %1.</source>
        <translation>Pakbonnen opgeslagen als %1.</translation>
    </message>
    <message>
        <source>Amazon already has everything in %1 as shipped; nothing was sent for it.</source>
        <translation>Amazon heeft alles van %1 al als verzonden geregistreerd; daarvoor is niets verstuurd.</translation>
    </message>
    <message>
        <source>Nothing has failed.</source>
        <translation>Er is niets mislukt.</translation>
    </message>
    <message>
        <source>Importing orders from Amazon…</source>
        <translation>Bestellingen importeren van Amazon…</translation>
    </message>
    <message>
        <source>Import finished: no new or changed orders.</source>
        <translation>Import klaar: geen nieuwe of gewijzigde bestellingen.</translation>
    </message>
    <message>
        <source>Draft labels could not be made: %1 ShipDesk tries again after the next import.</source>
        <translation>Conceptlabels konden niet worden gemaakt: %1 ShipDesk probeert het opnieuw na de volgende import.</translation>
    </message>
    <message>
        <source>Import stopped. %1</source>
        <translation>Import gestopt. %1</translation>
    </message>
    <message>
        <source>Import cancelled. The next import continues where this one stopped.</source>
        <translation>Import geannuleerd. De volgende import gaat verder waar deze is gestopt.</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Today</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <source>same day</source>
        <translation>zelfde dag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>zaterdag</translation>
    </message>
    <message>
        <source>late</source>
        <translation>te laat</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>te controleren</translation>
    </message>
    <message>
        <source>made, not printed</source>
        <translation>gemaakt, niet geprint</translation>
    </message>
    <message>
        <source>printed, not handed over</source>
        <translation>geprint, niet meegegeven</translation>
    </message>
    <message>
        <source>Same-day delivery</source>
        <translation>Bezorging dezelfde dag</translation>
    </message>
    <message>
        <source>Saturday delivery</source>
        <translation>Zaterdaglevering</translation>
    </message>
    <message>
        <source>Past their ship-by time</source>
        <translation>Over de uiterste verzendtijd</translation>
    </message>
    <message>
        <source>Drafts to review</source>
        <translation>Te controleren concepten</translation>
    </message>
    <message>
        <source>Labels made, not printed</source>
        <translation>Labels gemaakt, niet geprint</translation>
    </message>
    <message>
        <source>Printed, not handed over</source>
        <translation>Geprint, niet meegegeven</translation>
    </message>
    <message>
        <source>To ship today</source>
        <translation>Vandaag te verzenden</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Waarschuwingen</translation>
    </message>
    <message>
        <source> h</source>
        <translation> u</translation>
    </message>
    <message>
        <source>Warn about orders due within</source>
        <translation>Waarschuwen voor bestellingen die weg moeten binnen</translation>
    </message>
    <message>
        <source>and parcels not scanned after</source>
        <translation>en pakketten die niet gescand zijn na</translation>
    </message>
    <message>
        <source>Nothing needs your attention.</source>
        <translation>Niets vraagt je aandacht.</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Laatste 7 dagen</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Laatste 30 dagen</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporteren als CSV…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>to</source>
        <translation>tot en met</translation>
    </message>
    <message>
        <source>Parcels per day</source>
        <translation>Pakketten per dag</translation>
    </message>
    <message>
        <source>Late shipments and valid tracking per day</source>
        <translation>Te laat verzonden en geldige tracking per dag</translation>
    </message>
    <message>
        <source>no label yet</source>
        <translation>nog geen label</translation>
    </message>
    <message>
        <source>nothing due</source>
        <translation>niets te verzenden</translation>
    </message>
    <message>
        <source>To ship today: %1</source>
        <translation>Vandaag te verzenden: %1</translation>
    </message>
    <message>
        <source>The next must leave by %1.</source>
        <translation>De volgende moet weg vóór %1.</translation>
    </message>
    <message>
        <source>%1 parcels on %2 labels</source>
        <translation>%1 pakketten op %2 labels</translation>
    </message>
    <message>
        <source>late shipments %1 (Amazon&apos;s limit 4%)</source>
        <translation>te laat verzonden %1 (grens van Amazon 4%)</translation>
    </message>
    <message>
        <source>valid tracking %1 (Amazon&apos;s target 95%)</source>
        <translation>geldige tracking %1 (doel van Amazon 95%)</translation>
    </message>
    <message>
        <source>%1 returns</source>
        <translation>%1 retouren</translation>
    </message>
    <message>
        <source>order to label %1, label to first scan %2, to delivery %3</source>
        <translation>bestelling tot label %1, label tot eerste scan %2, tot bezorging %3</translation>
    </message>
    <message>
        <source>%1: %2 parcels, late %3, valid tracking %4, %5 returns</source>
        <translation>%1: %2 pakketten, te laat %3, geldige tracking %4, %5 retouren</translation>
    </message>
    <message>
        <source>Late shipments</source>
        <translation>Te laat verzonden</translation>
    </message>
    <message>
        <source>Valid tracking</source>
        <translation>Geldige tracking</translation>
    </message>
    <message>
        <source>limit 4%</source>
        <translation>grens 4%</translation>
    </message>
    <message>
        <source>target 95%</source>
        <translation>doel 95%</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Rapport exporteren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 u</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <source>Printers</source>
        <translation>Printers</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>Labelprinter</translation>
    </message>
    <message>
        <source>PDF at the exact label size</source>
        <translation>PDF op het exacte labelformaat</translation>
    </message>
    <message>
        <source>ZPL, sent straight to a Zebra label printer</source>
        <translation>ZPL, direct naar een Zebra-labelprinter</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>Testafdruk</translation>
    </message>
    <message>
        <source>Packing slips</source>
        <translation>Pakbonnen</translation>
    </message>
    <message>
        <source>Packing-slip printer</source>
        <translation>Pakbonprinter</translation>
    </message>
    <message>
        <source>A6 (on the label printer)</source>
        <translation>A6 (op de labelprinter)</translation>
    </message>
    <message>
        <source>The recipient&apos;s language (Dutch for NL and BE, else English)</source>
        <translation>Taal van de ontvanger (Nederlands voor NL en BE, anders Engels)</translation>
    </message>
    <message>
        <source>Print the packing slips right after the labels</source>
        <translation>Pakbonnen direct na de labels printen</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>No printers are installed on this computer. Add your label printer in the system settings, then open this window again.</source>
        <translation>Er zijn geen printers geïnstalleerd op deze computer. Voeg je labelprinter toe in de systeeminstellingen en open dit venster daarna opnieuw.</translation>
    </message>
    <message>
        <source>default</source>
        <translation>standaard</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1 (niet gevonden)</translation>
    </message>
    <message>
        <source>Printing a test page…</source>
        <translation>Testpagina printen…</translation>
    </message>
    <message>
        <source>ShipDesk test label</source>
        <translation>ShipDesk-testlabel</translation>
    </message>
    <message>
        <source>%1: %2 x %3 mm</source>
        <translation>%1: %2 x %3 mm</translation>
    </message>
    <message>
        <source>The frame must be 2 mm from every edge.</source>
        <translation>Het kader moet 2 mm van elke rand liggen.</translation>
    </message>
    <message>
        <source>The barcode below must scan.</source>
        <translation>De streepjescode hieronder moet te scannen zijn.</translation>
    </message>
    <message>
        <source>ShipDesk test print</source>
        <translation>ShipDesk-testafdruk</translation>
    </message>
    <message>
        <source>Test page sent to %1.</source>
        <translation>Testpagina naar %1 gestuurd.</translation>
    </message>
</context>
<context>
    <name>PrivacyDialog</name>
    <message>
        <source>Privacy</source>
        <translation>Privacy</translation>
    </message>
    <message>
        <source>Privacy: your buyers&apos; data in ShipDesk</source>
        <translation>Privacy: de gegevens van je kopers in ShipDesk</translation>
    </message>
    <message>
        <source> days</source>
        <translation> dagen</translation>
    </message>
    <message>
        <source>A parcel never scanned as delivered: its buyer&apos;s data is erased %1 days after the latest delivery date Amazon promised, plus this grace:</source>
        <translation>Een pakket dat nooit als bezorgd is gescand: de gegevens van de koper worden %1 dagen na de laatste bezorgdatum die Amazon beloofde gewist, plus deze extra termijn:</translation>
    </message>
</context>
<context>
    <name>ProductDefaultsDialog</name>
    <message>
        <source>Products</source>
        <translation>Producten</translation>
    </message>
    <message>
        <source>ShipDesk learns each product&apos;s size and weight from the last label made for an order of that product alone. A new order of known products gets them in its draft: the weights added up, the size of the heaviest. Values you change here stay as you set them.</source>
        <translation>ShipDesk leert het formaat en gewicht van elk product van het laatste label voor een bestelling van alleen dat product. Een nieuwe bestelling van bekende producten krijgt ze in het conceptlabel: de gewichten opgeteld, het formaat van het zwaarste. Waarden die je hier wijzigt, blijven zoals je ze instelt.</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <source>Weight per unit</source>
        <translation>Gewicht per stuk</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>Pakketten</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Bron</translation>
    </message>
    <message>
        <source>Add product…</source>
        <translation>Product toevoegen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>set by you</source>
        <translation>door jou ingesteld</translation>
    </message>
    <message>
        <source>label of %1</source>
        <translation>label van %1</translation>
    </message>
    <message>
        <source>Saved: new drafts of %1 use these values.</source>
        <translation>Opgeslagen: nieuwe conceptlabels van %1 gebruiken deze waarden.</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>Product toevoegen</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>Artikelnr.:</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Your recovery key</source>
        <translation>Je herstelsleutel</translation>
    </message>
    <message>
        <source>ShipDesk encrypts your orders, your buyers&apos; addresses and its backups with a key kept in this computer&apos;s keychain. If the keychain loses it (a new computer, a reinstalled system), this recovery key is the only way back into the data: without it, nobody can open it, ShipDesk support included. Print it or keep it in a password manager, away from this computer.</source>
        <translation>ShipDesk versleutelt je bestellingen, de adressen van je kopers en de reservekopieën met een sleutel in de sleutelhanger van deze computer. Raakt de sleutelhanger die kwijt (een nieuwe computer, een opnieuw geïnstalleerd systeem), dan is deze herstelsleutel de enige weg terug naar de gegevens: zonder kan niemand ze openen, ook de ondersteuning van ShipDesk niet. Druk hem af of bewaar hem in een wachtwoordbeheerder, niet op deze computer.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiëren</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Afdrukken…</translation>
    </message>
    <message>
        <source>Save a protected key file…</source>
        <translation>Beveiligd sleutelbestand opslaan…</translation>
    </message>
    <message>
        <source>I have printed the recovery key or stored it safely</source>
        <translation>Ik heb de herstelsleutel afgedrukt of veilig bewaard</translation>
    </message>
    <message>
        <source>ShipDesk recovery key for %1</source>
        <translation>ShipDesk-herstelsleutel voor %1</translation>
    </message>
    <message>
        <source>Save a protected key file</source>
        <translation>Beveiligd sleutelbestand opslaan</translation>
    </message>
    <message>
        <source>ShipDesk key files (*.json)</source>
        <translation>ShipDesk-sleutelbestanden (*.json)</translation>
    </message>
    <message>
        <source>Saved in %1. Keep it away from this computer; it opens the data only with its passphrase.</source>
        <translation>Opgeslagen in %1. Bewaar het niet op deze computer; het opent de gegevens alleen met de wachtzin.</translation>
    </message>
</context>
<context>
    <name>RuleRow</name>
    <message>
        <source>all countries, or e.g. DE, BE</source>
        <translation>alle landen, of bijv. DE, BE</translation>
    </message>
    <message>
        <source>every marketplace</source>
        <translation>elke marktplaats</translation>
    </message>
    <message>
        <source>any weight</source>
        <translation>elk gewicht</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Send with</source>
        <translation>Verzenden met</translation>
    </message>
    <message>
        <source>to</source>
        <translation>naar</translation>
    </message>
    <message>
        <source>up to</source>
        <translation>tot</translation>
    </message>
</context>
<context>
    <name>ScanBar</name>
    <message>
        <source>Scan an order number or packing slip…</source>
        <translation>Scan een bestelnummer of pakbon…</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>Opnieuw printen</translation>
    </message>
    <message>
        <source>Ready to scan.</source>
        <translation>Klaar om te scannen.</translation>
    </message>
    <message>
        <source>A scan came in while a window was open: nothing was printed or saved, and the scanned code was taken out of that window again. Close it, then scan again.</source>
        <translation>Er kwam een scan binnen terwijl een venster open was: er is niets afgedrukt of opgeslagen, en de gescande code is weer uit dat venster gehaald. Sluit het en scan opnieuw.</translation>
    </message>
    <message>
        <source>Printing %1…</source>
        <translation>%1 wordt geprint…</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>%1 geprint</translation>
    </message>
    <message>
        <source>with its packing slip</source>
        <translation>met pakbon</translation>
    </message>
    <message>
        <source>the packing slip was not printed: %1</source>
        <translation>de pakbon is niet geprint: %1</translation>
    </message>
    <message>
        <source>Already printed %1 (%2). Print it again?</source>
        <translation>%1 is al geprint (%2). Opnieuw printen?</translation>
    </message>
    <message>
        <source>%1 needs review: check it in the window that opened.</source>
        <translation>%1 moet worden gecontroleerd: bekijk het venster dat is geopend.</translation>
    </message>
    <message>
        <source>CANCELLED at Amazon: do not ship %1.</source>
        <translation>GEANNULEERD bij Amazon: %1 niet verzenden.</translation>
    </message>
    <message>
        <source>Unknown order %1: not imported (yet).</source>
        <translation>Onbekende bestelling %1: (nog) niet geïmporteerd.</translation>
    </message>
    <message>
        <source>Unknown code: %1</source>
        <translation>Onbekende code: %1</translation>
    </message>
    <message>
        <source>%1: the carrier&apos;s answer was lost. Open the order and check it before scanning again.</source>
        <translation>%1: het antwoord van de vervoerder is zoekgeraakt. Open de bestelling en controleer die voordat je opnieuw scant.</translation>
    </message>
    <message>
        <source>No label for %1: %2</source>
        <translation>Geen label voor %1: %2</translation>
    </message>
    <message>
        <source>%1 is not waiting to be shipped.</source>
        <translation>%1 wacht niet op verzending.</translation>
    </message>
    <message>
        <source>%1 not printed: choose a label printer (Printers…).</source>
        <translation>%1 niet geprint: kies een labelprinter (Printers…).</translation>
    </message>
    <message>
        <source>%1 not printed: %2</source>
        <translation>%1 niet geprint: %2</translation>
    </message>
</context>
<context>
    <name>ServiceList</name>
    <message>
        <source>amount in EUR</source>
        <translation>bedrag in EUR</translation>
    </message>
    <message>
        <source>Not possible for this recipient type, so not used now (kept for when you switch back): %1.</source>
        <translation>Niet mogelijk voor dit type ontvanger, dus nu niet gebruikt (bewaard voor als je terugschakelt): %1.</translation>
    </message>
</context>
<context>
    <name>ServicePointFinder</name>
    <message>
        <source>pickup point</source>
        <translation>afhaalpunt</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>gesloten</translation>
    </message>
    <message>
        <source>day and night</source>
        <translation>dag en nacht</translation>
    </message>
    <message>
        <source>Choose a %1</source>
        <translation>Kies een %1</translation>
    </message>
    <message>
        <source>The parcel goes to the %1 you choose; the buyer collects it there with the track &amp; trace message. Nearest first, from the postcode below.</source>
        <translation>Het pakket gaat naar het afhaalpunt (%1) dat je kiest; de koper haalt het daar op met het track &amp; trace-bericht. Dichtstbijzijnde eerst, vanaf de postcode hieronder.</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Zoeken</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Afstand</translation>
    </message>
    <message>
        <source>Open today</source>
        <translation>Vandaag open</translation>
    </message>
    <message>
        <source>Choose this %1</source>
        <translation>Dit afhaalpunt kiezen (%1)</translation>
    </message>
    <message>
        <source>Type a postcode to search near.</source>
        <translation>Typ een postcode om in de buurt te zoeken.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <source>There is no %1 near %2. Try the postcode of a nearby town.</source>
        <translation>Er is geen %1 in de buurt van %2. Probeer de postcode van een plaats in de buurt.</translation>
    </message>
    <message>
        <source>%1 (parcel locker)</source>
        <translation>%1 (pakketautomaat)</translation>
    </message>
    <message>
        <source>The carrier</source>
        <translation>De vervoerder</translation>
    </message>
    <message>
        <source>%1 does not know the postcode %2 in %3. Check it and search again.</source>
        <translation>%1 kent de postcode %2 in %3 niet. Controleer hem en zoek opnieuw.</translation>
    </message>
    <message>
        <source>Connect %1 in the Connections tab first.</source>
        <translation>Koppel eerst %1 op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>%1 could not be reached to find a %2. Check the internet connection and search again.</source>
        <translation>%1 was niet bereikbaar om een %2 te zoeken. Controleer de internetverbinding en zoek opnieuw.</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>Zoeken is mislukt: %1</translation>
    </message>
</context>
<context>
    <name>SetupGuide</name>
    <message>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Volgende</translation>
    </message>
    <message>
        <source>Try the demo first</source>
        <translation>Eerst de demo proberen</translation>
    </message>
    <message>
        <source>Choose printers…</source>
        <translation>Printers kiezen…</translation>
    </message>
    <message>
        <source>Finish later</source>
        <translation>Later afronden</translation>
    </message>
    <message>
        <source>Welcome to ShipDesk</source>
        <translation>Welkom bij ShipDesk</translation>
    </message>
    <message>
        <source>Four short steps to your first printed labels: connect your carrier, connect Amazon, check the shipping options, choose the printers.</source>
        <translation>In vier korte stappen naar je eerste geprinte labels: koppel je vervoerder, koppel Amazon, controleer de verzendopties en kies de printers.</translation>
    </message>
    <message>
        <source>Step 1 of 4: your carrier</source>
        <translation>Stap 1 van 4: je vervoerder</translation>
    </message>
    <message>
        <source>Step 2 of 4: Amazon</source>
        <translation>Stap 2 van 4: Amazon</translation>
    </message>
    <message>
        <source>Choose the customer number, click “Connect with Amazon” and confirm in Seller Central.</source>
        <translation>Kies het klantnummer, klik op “Koppelen met Amazon” en bevestig in Seller Central.</translation>
    </message>
    <message>
        <source>Step 3 of 4: shipping options</source>
        <translation>Stap 3 van 4: verzendopties</translation>
    </message>
    <message>
        <source>Add your sender address and check the six settings every draft label is made from.</source>
        <translation>Voeg je afzenderadres toe en controleer de zes instellingen waarmee elk conceptlabel wordt gemaakt.</translation>
    </message>
    <message>
        <source>Step 4 of 4: printers</source>
        <translation>Stap 4 van 4: printers</translation>
    </message>
    <message>
        <source>Choose your label printer and packing-slip printer, and make a test print.</source>
        <translation>Kies je labelprinter en pakbonprinter en maak een testafdruk.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>done</source>
        <translation>klaar</translation>
    </message>
</context>
<context>
    <name>ShippingOptionsTab</name>
    <message>
        <source>Set once how every Amazon order is shipped. Each new order gets a draft label made from these settings; you can still change every label before printing.</source>
        <translation>Stel één keer in hoe elke Amazon-bestelling wordt verzonden. Elke nieuwe bestelling krijgt een conceptlabel op basis van deze instellingen; je kunt elk label vóór het printen nog aanpassen.</translation>
    </message>
    <message>
        <source>Default extra services</source>
        <translation>Standaard extra diensten</translation>
    </message>
    <message>
        <source>Added to every label. When a destination does not allow one, the draft shows a warning and you decide.</source>
        <translation>Worden aan elk label toegevoegd. Staat een bestemming een dienst niet toe, dan toont het concept een waarschuwing en beslis jij.</translation>
    </message>
    <message>
        <source>Optional services</source>
        <translation>Optionele diensten</translation>
    </message>
    <message>
        <source>Added wherever the destination allows them, and silently left out where it does not.</source>
        <translation>Worden toegevoegd waar de bestemming ze toestaat, en ongemerkt weggelaten waar dat niet kan.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Wijzigingen ongedaan maken</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Afzenderadres</translation>
    </message>
    <message>
        <source>Printed on the label as the sender.</source>
        <translation>Komt als afzender op het label.</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>Nieuw…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bewerken…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <source>Recipient type</source>
        <translation>Type ontvanger</translation>
    </message>
    <message>
        <source>Optional. It narrows which services (3) and (5) can offer.</source>
        <translation>Optioneel. Hiermee beperk je welke diensten (3) en (5) kunnen aanbieden.</translation>
    </message>
    <message>
        <source>From the Amazon order (business when a company is named)</source>
        <translation>Uit de Amazon-bestelling (zakelijk als er een bedrijf is ingevuld)</translation>
    </message>
    <message>
        <source>Always business</source>
        <translation>Altijd zakelijk</translation>
    </message>
    <message>
        <source>Always consumer</source>
        <translation>Altijd particulier</translation>
    </message>
    <message>
        <source>Warnings you turned off:</source>
        <translation>Waarschuwingen die je hebt uitgezet:</translation>
    </message>
    <message>
        <source>%1 for %2</source>
        <translation>%1 voor %2</translation>
    </message>
    <message>
        <source>Warn again</source>
        <translation>Weer waarschuwen</translation>
    </message>
    <message>
        <source>Carriers</source>
        <translation>Vervoerders</translation>
    </message>
    <message>
        <source>Settings below for</source>
        <translation>Instellingen hieronder voor</translation>
    </message>
    <message>
        <source>New orders go with</source>
        <translation>Nieuwe bestellingen gaan met</translation>
    </message>
    <message>
        <source>Unless a rule below says otherwise. The first rule that fits an order decides; each label can still be switched in its own window.</source>
        <translation>Tenzij een regel hieronder iets anders zegt. De eerste regel die bij een bestelling past, beslist; elk label kun je nog omzetten in zijn eigen venster.</translation>
    </message>
    <message>
        <source>Add a rule</source>
        <translation>Regel toevoegen</translation>
    </message>
    <message>
        <source>Saved. New orders go with %1.</source>
        <translation>Opgeslagen. Nieuwe bestellingen gaan met %1.</translation>
    </message>
    <message>
        <source>“%1” is not a country code: write two letters, such as DE or BE.</source>
        <translation>“%1” is geen landcode: schrijf twee letters, zoals DE of BE.</translation>
    </message>
    <message>
        <source>The rules were not saved.</source>
        <translation>De regels zijn niet opgeslagen.</translation>
    </message>
    <message>
        <source>Saved. The rules apply to orders drafted from now on.</source>
        <translation>Opgeslagen. De regels gelden voor bestellingen waarvan vanaf nu een concept wordt gemaakt.</translation>
    </message>
    <message>
        <source>Same-day delivery</source>
        <translation>Bezorging op dezelfde dag</translation>
    </message>
    <message>
        <source>Orders placed on a day that is switched on (and inside its window, if you set one) get same-day evening delivery, where the carrier offers it for the postcode and the label is made that same day.</source>
        <translation>Bestellingen die geplaatst worden op een dag die aan staat (en binnen het tijdvak, als je dat instelt), krijgen bezorging dezelfde avond, waar de vervoerder dat voor de postcode aanbiedt en het label dezelfde dag wordt gemaakt.</translation>
    </message>
    <message>
        <source>Connect the carrier in the Connections tab to choose from the services in your contract.</source>
        <translation>Koppel de vervoerder op het tabblad Koppelingen om te kiezen uit de diensten in je contract.</translation>
    </message>
    <message>
        <source>Default parcel size</source>
        <translation>Standaard pakketformaat</translation>
    </message>
    <message>
        <source>Used for every draft; change it per label.</source>
        <translation>Geldt voor elk concept; pas het per label aan.</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Formaat</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Gewicht</translation>
    </message>
    <message>
        <source>The carrier&apos;s services could not be loaded: %1</source>
        <translation>De diensten van de vervoerder konden niet worden geladen: %1</translation>
    </message>
    <message>
        <source>No sender address yet: add one with New…</source>
        <translation>Nog geen afzenderadres: voeg er een toe met Nieuw…</translation>
    </message>
    <message>
        <source>Delete sender address?</source>
        <translation>Afzenderadres verwijderen?</translation>
    </message>
    <message>
        <source>Labels already made keep this address.</source>
        <translation>Labels die al zijn gemaakt, houden dit adres.</translation>
    </message>
    <message>
        <source>Add a sender address (1): it is printed on every label.</source>
        <translation>Voeg een afzenderadres toe (1): het komt op elk label.</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>Niet-opgeslagen wijzigingen.</translation>
    </message>
    <message>
        <source>Saved. New drafts use these settings.</source>
        <translation>Opgeslagen. Nieuwe concepten gebruiken deze instellingen.</translation>
    </message>
    <message numerus="yes">
        <source>Use the new settings for %Ln draft label(s) not yet created?</source>
        <translation>
            <numerusform>De nieuwe instellingen gebruiken voor %Ln conceptlabel dat nog niet is aangemaakt?</numerusform>
            <numerusform>De nieuwe instellingen gebruiken voor %Ln conceptlabels die nog niet zijn aangemaakt?</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels already created at the carrier stay as they are.</source>
        <translation>Labels die al bij de vervoerder zijn aangemaakt, blijven zoals ze zijn.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln draft(s) you changed yourself keep your changes.</source>
        <translation>
            <numerusform>%Ln concept dat je zelf hebt aangepast, houdt jouw wijzigingen.</numerusform>
            <numerusform>%Ln concepten die je zelf hebt aangepast, houden jouw wijzigingen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Update the drafts</source>
        <translation>Concepten bijwerken</translation>
    </message>
    <message>
        <source>Only new drafts</source>
        <translation>Alleen nieuwe concepten</translation>
    </message>
    <message>
        <source>Updating the drafts…</source>
        <translation>Concepten worden bijgewerkt…</translation>
    </message>
    <message numerus="yes">
        <source>Saved. %Ln draft label(s) updated.</source>
        <translation>
            <numerusform>Opgeslagen. %Ln conceptlabel bijgewerkt.</numerusform>
            <numerusform>Opgeslagen. %Ln conceptlabels bijgewerkt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved, but the drafts could not be updated: %1</source>
        <translation>Opgeslagen, maar de concepten konden niet worden bijgewerkt: %1</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>The buyer&apos;s name and address of this order were erased (30 days after delivery, or at Amazon&apos;s request), so its label can no longer be made, shown or printed.</source>
        <translation>Naam en adres van de koper van deze bestelling zijn gewist (30 dagen na bezorging, of op verzoek van Amazon), dus het label kan niet meer worden gemaakt, getoond of geprint.</translation>
    </message>
    <message>
        <source>Pre-order</source>
        <translation>Pre-order</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>Wacht op betaling</translation>
    </message>
    <message>
        <source>To ship</source>
        <translation>Te verzenden</translation>
    </message>
    <message>
        <source>Partly shipped</source>
        <translation>Deels verzonden</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Verzonden</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Geannuleerd</translation>
    </message>
    <message>
        <source>Unfulfillable</source>
        <translation>Niet leverbaar</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Onbekend</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Concept</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Te controleren</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Geprint</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fout</translation>
    </message>
    <message>
        <source>No delivery address yet: Amazon shares it once the order is paid.</source>
        <translation>Nog geen bezorgadres: Amazon deelt het zodra de bestelling is betaald.</translation>
    </message>
    <message>
        <source>The order has no items: no label is made. Check it in Seller Central.</source>
        <translation>De bestelling heeft geen artikelen: er wordt geen label gemaakt. Controleer haar in Seller Central.</translation>
    </message>
    <message>
        <source>Amazon sent a quantity ShipDesk cannot read: no label is made. Check the order in Seller Central.</source>
        <translation>Amazon stuurde een aantal dat ShipDesk niet kan lezen: er wordt geen label gemaakt. Controleer de bestelling in Seller Central.</translation>
    </message>
    <message>
        <source>Unknown marketplace: check the order in Seller Central.</source>
        <translation>Onbekende marktplaats: controleer de bestelling in Seller Central.</translation>
    </message>
    <message>
        <source>Amazon reported a status ShipDesk does not know.</source>
        <translation>Amazon meldt een status die ShipDesk niet kent.</translation>
    </message>
    <message>
        <source>The consent was not finished within 10 minutes. Click “Connect again” and confirm in Seller Central.</source>
        <translation>De toestemming is niet binnen 10 minuten afgerond. Klik op “Opnieuw koppelen” en bevestig in Seller Central.</translation>
    </message>
    <message>
        <source>Amazon returned an unknown or already used connection link. Click “Connect again”.</source>
        <translation>Amazon gaf een onbekende of al gebruikte koppelingslink terug. Klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>Amazon did not accept the authorization (it expired or was used twice). Click “Connect again”.</source>
        <translation>Amazon heeft de autorisatie niet geaccepteerd (die is verlopen of twee keer gebruikt). Klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>Amazon could not be reached while connecting. Click “Connect again” in a moment.</source>
        <translation>Amazon was niet bereikbaar tijdens het koppelen. Klik zo meteen op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>The connection was not completed. Click “Connect again”.</source>
        <translation>De koppeling is niet afgerond. Klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>Amazon&apos;s answer was incomplete. Click “Connect again”.</source>
        <translation>Het antwoord van Amazon was onvolledig. Klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>The connection was not completed in time (10 minutes), or a wrong code was typed too often. Click “Connect again”.</source>
        <translation>De koppeling is niet op tijd afgerond (10 minuten), of er is te vaak een verkeerde code getypt. Klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>Amazon&apos;s consent came back after the ShipDesk that asked for it had closed. Click “Connect again” and keep ShipDesk open until it says connected.</source>
        <translation>De toestemming van Amazon kwam terug nadat de ShipDesk die erom vroeg al was gesloten. Klik op “Opnieuw koppelen” en laat ShipDesk open tot er gekoppeld staat.</translation>
    </message>
    <message>
        <source>The consent was declined in Seller Central, so ShipDesk has no access. Click “Connect again” and confirm to connect.</source>
        <translation>De toestemming is geweigerd in Seller Central, dus ShipDesk heeft geen toegang. Klik op “Opnieuw koppelen” en bevestig om te koppelen.</translation>
    </message>
    <message>
        <source>Amazon no longer accepts ShipDesk&apos;s access: it was revoked in Seller Central or has expired. Connect Amazon again in the Connections tab.</source>
        <translation>Amazon accepteert de toegang van ShipDesk niet meer: die is ingetrokken in Seller Central of verlopen. Koppel Amazon opnieuw op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>Amazon rejected the LWA client id or client secret. Check them in Seller Central (Develop Apps) and enter them again.</source>
        <translation>Amazon heeft de LWA-client-ID of het clientgeheim geweigerd. Controleer ze in Seller Central (Apps ontwikkelen) en vul ze opnieuw in.</translation>
    </message>
    <message>
        <source>Amazon denied access. Check in Seller Central that ShipDesk is still authorized and has the Direct-to-Consumer Shipping role.</source>
        <translation>Amazon weigert de toegang. Controleer in Seller Central of ShipDesk nog geautoriseerd is en de rol Direct-to-Consumer Shipping heeft.</translation>
    </message>
    <message>
        <source>Amazon is not connected yet. Connect it in the Connections tab.</source>
        <translation>Amazon is nog niet gekoppeld. Koppel het op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>That code is not right. Type the code Amazon&apos;s page showed after you confirmed (after five wrong codes, start connecting again).</source>
        <translation>Die code klopt niet. Typ de code die de pagina van Amazon na het bevestigen toonde (na vijf verkeerde codes begin je opnieuw met koppelen).</translation>
    </message>
    <message>
        <source>This connection can no longer be completed (10 minutes passed, or too many wrong codes). Click “Connect again”.</source>
        <translation>Deze koppeling kan niet meer worden afgerond (10 minuten voorbij, of te veel verkeerde codes). Klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>Amazon has not had your consent yet: confirm on Amazon&apos;s page first, then type the code it shows.</source>
        <translation>Amazon heeft je toestemming nog niet: bevestig eerst op de pagina van Amazon en typ daarna de code die die toont.</translation>
    </message>
    <message>
        <source>Amazon is limiting requests right now. ShipDesk tries again automatically later.</source>
        <translation>Amazon vraagt even te wachten met nieuwe verzoeken. ShipDesk probeert het later automatisch opnieuw.</translation>
    </message>
    <message>
        <source>Amazon could not be reached or answered with errors. ShipDesk tries again automatically; check the internet connection if this persists.</source>
        <translation>Amazon was niet bereikbaar of gaf foutmeldingen. ShipDesk probeert het automatisch opnieuw; controleer je internetverbinding als dit zo blijft.</translation>
    </message>
    <message>
        <source>Amazon rejected the request: %1</source>
        <translation>Amazon heeft het verzoek geweigerd: %1</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s connection service cannot be reached. Check the internet connection; ShipDesk tries again automatically.</source>
        <translation>De koppelingsdienst van ShipDesk is niet bereikbaar. Controleer je internetverbinding; ShipDesk probeert het automatisch opnieuw.</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s connection service no longer recognises this computer. Click “Connect again”.</source>
        <translation>De koppelingsdienst van ShipDesk herkent deze computer niet meer. Klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s connection service refused the request: %1</source>
        <translation>De koppelingsdienst van ShipDesk heeft het verzoek geweigerd: %1</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s connection service sent a link that does not lead to Amazon Seller Central, so it was not opened. Contact ShipDesk support.</source>
        <translation>De koppelingsdienst van ShipDesk stuurde een link die niet naar Amazon Seller Central leidt, dus die is niet geopend. Neem contact op met de ondersteuning van ShipDesk.</translation>
    </message>
    <message>
        <source>The system keychain is not available, so ShipDesk cannot read or store the connection secrets. Details: %1</source>
        <translation>De sleutelhanger van het systeem is niet beschikbaar, dus ShipDesk kan de geheimen van je koppelingen niet lezen of opslaan. Details: %1</translation>
    </message>
    <message>
        <source>The carrier</source>
        <translation>De vervoerder</translation>
    </message>
    <message>
        <source>%1 does not deliver to this country.</source>
        <translation>%1 bezorgt niet in dit land.</translation>
    </message>
    <message>
        <source>%1 does not allow one of the chosen options here.</source>
        <translation>%1 staat een van de gekozen opties hier niet toe.</translation>
    </message>
    <message>
        <source>%1 refused the label.</source>
        <translation>%1 weigerde het label.</translation>
    </message>
    <message>
        <source>%1 refused the %2: it is longer than %3 characters.</source>
        <translation>%1 weigerde het veld %2: dat is langer dan %3 tekens.</translation>
    </message>
    <message>
        <source>%1 refused the %2: it is too long.</source>
        <translation>%1 weigerde het veld %2: dat is te lang.</translation>
    </message>
    <message>
        <source>%1 needs the %2: it is empty.</source>
        <translation>%1 heeft het veld %2 nodig: het is leeg.</translation>
    </message>
    <message>
        <source>%1 refused the %2: it may hold digits only.</source>
        <translation>%1 weigerde het veld %2: daar mogen alleen cijfers in.</translation>
    </message>
    <message>
        <source>%1 refused the %2: it is not valid.</source>
        <translation>%1 weigerde het veld %2: dat is niet geldig.</translation>
    </message>
    <message>
        <source>%1 refused the %2.</source>
        <translation>%1 weigerde het veld %2.</translation>
    </message>
    <message>
        <source>The order&apos;s items could not be read, so no label is made. Check the order in Seller Central.</source>
        <translation>De artikelen van de bestelling konden niet worden gelezen, dus er wordt geen label gemaakt. Controleer de bestelling in Seller Central.</translation>
    </message>
    <message>
        <source>No label was made: connect a carrier in the Connections tab first.</source>
        <translation>Er is geen label gemaakt: koppel eerst een vervoerder op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>No label was made: %1</source>
        <translation>Er is geen label gemaakt: %1</translation>
    </message>
    <message>
        <source>No label was made: the carrier could not be reached to check the address. Try again in a moment.</source>
        <translation>Er is geen label gemaakt: de vervoerder was niet bereikbaar om het adres te controleren. Probeer het zo nog eens.</translation>
    </message>
    <message>
        <source>No label can be made for this order: it is not waiting to be shipped, or its items could not be read.</source>
        <translation>Voor deze bestelling kan geen label worden gemaakt: ze wacht niet op verzending, of de artikelen konden niet worden gelezen.</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s data file in %1 is damaged. Close ShipDesk, delete shipdesk.sqlite3-wal and shipdesk.sqlite3-shm there if you see them, and put the newest good copy, %2, in its place (renamed to shipdesk.sqlite3).</source>
        <translation>Het gegevensbestand van ShipDesk in %1 is beschadigd. Sluit ShipDesk, verwijder daar shipdesk.sqlite3-wal en shipdesk.sqlite3-shm als je die ziet, en zet de nieuwste goede kopie, %2, op zijn plaats (hernoemd naar shipdesk.sqlite3).</translation>
    </message>
    <message>
        <source>The disk that holds ShipDesk&apos;s data is full (%1). Free some space on it and try again: nothing was lost.</source>
        <translation>De schijf met de gegevens van ShipDesk is vol (%1). Maak er ruimte vrij en probeer het opnieuw: er is niets verloren gegaan.</translation>
    </message>
    <message>
        <source>ShipDesk may not write to its data folder %1. Check that your account may write there and that it is not on a read-only disk, or start ShipDesk with another data folder.</source>
        <translation>ShipDesk mag niet schrijven in zijn gegevensmap %1. Controleer of je account daar mag schrijven en of de map niet op een alleen-lezen schijf staat, of start ShipDesk met een andere gegevensmap.</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s data file in %1 is damaged. Close ShipDesk and put the newest copy from the backups folder in its place; the details say which one.</source>
        <translation>Het gegevensbestand van ShipDesk in %1 is beschadigd. Sluit ShipDesk en zet de nieuwste kopie uit de map backups op zijn plaats; de details zeggen welke.</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s data file in %1 is damaged, and there is no good copy of it in the backups folder. Keep the file (support may rescue it) and start ShipDesk with a new data folder to go on working.</source>
        <translation>Het gegevensbestand van ShipDesk in %1 is beschadigd, en er staat geen goede kopie van in de map met back-ups. Bewaar het bestand (support kan het misschien redden) en start ShipDesk met een nieuwe gegevensmap om verder te werken.</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s data in %1 was last used by a newer version of ShipDesk than this one. Install the newest version again and start that one; nothing was changed.</source>
        <translation>De gegevens van ShipDesk in %1 zijn het laatst gebruikt door een nieuwere versie van ShipDesk dan deze. Installeer de nieuwste versie opnieuw en start die; er is niets veranderd.</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s data file in %1 is in use by another program. Close it and try again.</source>
        <translation>Het gegevensbestand van ShipDesk in %1 is in gebruik door een ander programma. Sluit dat en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>ShipDesk could not read or write its data in %1. Check the disk (or the network drive) and try again; the details say more.</source>
        <translation>ShipDesk kon zijn gegevens in %1 niet lezen of schrijven. Controleer de schijf (of de netwerkschijf) en probeer het opnieuw; de details zeggen meer.</translation>
    </message>
    <message>
        <source>Add a sender address in the Shipping Options tab (setting 1) first.</source>
        <translation>Voeg eerst een afzenderadres toe op het tabblad Verzendopties (instelling 1).</translation>
    </message>
    <message>
        <source>its data folder</source>
        <translation>zijn gegevensmap</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>Er ging iets mis: %1</translation>
    </message>
    <message>
        <source>In the carrier&apos;s words: %1</source>
        <translation>Letterlijk van de vervoerder: %1</translation>
    </message>
    <message>
        <source>Check at the carrier</source>
        <translation>Controleren bij vervoerder</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s connection service cannot read its stored Amazon authorization. This is a fault on ShipDesk&apos;s side, not your internet connection: click “Connect again”.</source>
        <translation>De koppelingsdienst van ShipDesk kan de bewaarde Amazon-autorisatie niet lezen. Dit is een fout aan de kant van ShipDesk, niet van je internetverbinding: klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>Amazon no longer accepts ShipDesk&apos;s access: it was revoked in Seller Central or has expired. Click “Connect again”.</source>
        <translation>Amazon accepteert de toegang van ShipDesk niet meer: die is ingetrokken in Seller Central of verlopen. Klik op “Opnieuw koppelen”.</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s connection service cannot read its stored Amazon authorization. This is a fault on ShipDesk&apos;s side, not your internet connection: connect Amazon again in the Connections tab.</source>
        <translation>De koppelingsdienst van ShipDesk kan de bewaarde Amazon-autorisatie niet lezen. Dit is een fout aan de kant van ShipDesk, niet van je internetverbinding: koppel Amazon opnieuw op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>%1 refused the %2: a parcel may weigh at most %3 kg.</source>
        <translation>%1 weigerde het veld %2: een pakket mag hoogstens %3 kg wegen.</translation>
    </message>
    <message>
        <source>%2 could not be reached or answered with errors. Check the internet connection and try again.</source>
        <translation>%2 was niet bereikbaar of antwoordde met fouten. Controleer de internetverbinding en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>%2 may have made this label, but its answer was lost and the label is not found by the order number. Check in %3 whether it is there, then make the label again or mark it as made.</source>
        <translation>%2 heeft dit label misschien gemaakt, maar het antwoord ging verloren en het label is niet te vinden op het bestelnummer. Kijk in %3 of het er is, en maak het label dan opnieuw of markeer het als gemaakt.</translation>
    </message>
    <message>
        <source>Connect %2 in the Connections tab first.</source>
        <translation>Koppel eerst %2 op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>%2 asks for a subscription key that ShipDesk does not have (or one that is not valid). Ask your %2 account manager for the key and enter it in the Connections tab.</source>
        <translation>%2 vraagt om een subscription key die ShipDesk niet heeft (of die niet geldig is). Vraag je accountmanager bij %2 om de key en vul hem in op het tabblad Koppelingen.</translation>
    </message>
    <message>
        <source>%2 is receiving too many requests just now. Try again in a minute.</source>
        <translation>%2 krijgt op dit moment te veel verzoeken. Probeer het over een minuut opnieuw.</translation>
    </message>
    <message>
        <source>%2 gives a label&apos;s document only when the label is made, and ShipDesk has no copy of this one. Print it from %3, or void the label and make it again.</source>
        <translation>%2 geeft het document van een label alleen bij het maken, en ShipDesk heeft hier geen kopie van. Print het vanuit %3, of annuleer het label en maak het opnieuw.</translation>
    </message>
    <message>
        <source>%2&apos;s answer was lost, so the label it made was deleted there (its document cannot be had again). Make the label again.</source>
        <translation>Het antwoord van %2 ging verloren, dus het label dat daar gemaakt was is verwijderd (het document is niet opnieuw op te vragen). Maak het label opnieuw.</translation>
    </message>
    <message>
        <source>%2 refused the request: %1</source>
        <translation>%2 weigerde het verzoek: %1</translation>
    </message>
    <message>
        <source>The label was edited while %2 made it; create it again.</source>
        <translation>Het label is aangepast terwijl %2 het maakte; maak het opnieuw aan.</translation>
    </message>
    <message>
        <source>the carrier&apos;s portal</source>
        <translation>het portaal van de vervoerder</translation>
    </message>
    <message>
        <source>ShipDesk&apos;s data folder %1 is a file, not a folder. Start ShipDesk with another data folder, or move that file away.</source>
        <translation>De gegevensmap van ShipDesk, %1, is een bestand en geen map. Start ShipDesk met een andere gegevensmap, of verplaats dat bestand.</translation>
    </message>
    <message>
        <source>ShipDesk is already open for the data folder %1, but it does not answer. Wait a moment, or close that ShipDesk, then start it again.</source>
        <translation>ShipDesk is al geopend voor de gegevensmap %1, maar reageert niet. Wacht even of sluit die ShipDesk, en start het daarna opnieuw.</translation>
    </message>
    <message>
        <source>ShipDesk was started with %1 set to an address it does not send your data to: only https addresses are allowed (plain http only on this computer), without a name, password or ?query. Correct or remove %1, then start ShipDesk again.</source>
        <translation>ShipDesk is gestart met %1 ingesteld op een adres waar het je gegevens niet naartoe stuurt: alleen https-adressen zijn toegestaan (gewone http alleen op deze computer), zonder naam, wachtwoord of ?query. Verbeter of verwijder %1 en start ShipDesk daarna opnieuw.</translation>
    </message>
    <message>
        <source>Carrier option code: %1</source>
        <translation>Optiecode van de vervoerder: %1</translation>
    </message>
    <message>
        <source>Envelope</source>
        <translation>Envelop</translation>
    </message>
    <message>
        <source>Extra small (mailbox size)</source>
        <translation>Extra klein (brievenbusformaat)</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>Klein</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Middel</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Groot</translation>
    </message>
    <message>
        <source>Extra large</source>
        <translation>Extra groot</translation>
    </message>
    <message>
        <source>Bulky</source>
        <translation>Omvangrijk</translation>
    </message>
    <message>
        <source>Pallet</source>
        <translation>Pallet</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>Pakket</translation>
    </message>
    <message>
        <source>Roll</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>sender&apos;s %1</source>
        <translation>%1 van de afzender</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>voornaam</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>achternaam</translation>
    </message>
    <message>
        <source>company name</source>
        <translation>bedrijfsnaam</translation>
    </message>
    <message>
        <source>street</source>
        <translation>straat</translation>
    </message>
    <message>
        <source>house number</source>
        <translation>huisnummer</translation>
    </message>
    <message>
        <source>addition</source>
        <translation>toevoeging</translation>
    </message>
    <message>
        <source>postcode</source>
        <translation>postcode</translation>
    </message>
    <message>
        <source>city</source>
        <translation>plaats</translation>
    </message>
    <message>
        <source>name</source>
        <translation>naam</translation>
    </message>
    <message>
        <source>name (first and last name together)</source>
        <translation>naam (voor- en achternaam samen)</translation>
    </message>
    <message>
        <source>order reference</source>
        <translation>bestelreferentie</translation>
    </message>
    <message>
        <source>country</source>
        <translation>land</translation>
    </message>
    <message>
        <source>house number (digits only)</source>
        <translation>huisnummer (alleen cijfers)</translation>
    </message>
    <message>
        <source>phone number</source>
        <translation>telefoonnummer</translation>
    </message>
    <message>
        <source>e-mail address</source>
        <translation>e-mailadres</translation>
    </message>
    <message>
        <source>business address setting</source>
        <translation>instelling zakelijk adres</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>gewicht</translation>
    </message>
    <message>
        <source>parcel size</source>
        <translation>pakketformaat</translation>
    </message>
    <message>
        <source>number of parcels</source>
        <translation>aantal pakketten</translation>
    </message>
    <message>
        <source>The %1 holds characters nobody can see (such as a direction mark).</source>
        <translation>Het veld %1 bevat tekens die niemand kan zien (zoals een richtingsteken).</translation>
    </message>
    <message>
        <source>The country is not a country code: two letters, such as NL or BE.</source>
        <translation>Het land is geen landcode: twee letters, zoals NL of BE.</translation>
    </message>
    <message>
        <source>The postcode is not written the way the post of that country writes it.</source>
        <translation>De postcode is niet geschreven zoals de post van dat land hem schrijft.</translation>
    </message>
    <message>
        <source>The house number cannot be 0.</source>
        <translation>Het huisnummer kan geen 0 zijn.</translation>
    </message>
    <message>
        <source>The e-mail address is not one.</source>
        <translation>Het e-mailadres is geen e-mailadres.</translation>
    </message>
    <message>
        <source>The phone number may hold digits, spaces and + ( ) - / . only.</source>
        <translation>Het telefoonnummer mag alleen cijfers, spaties en + ( ) - / . bevatten.</translation>
    </message>
    <message>
        <source>Austria</source>
        <translation>Oostenrijk</translation>
    </message>
    <message>
        <source>Belgium</source>
        <translation>België</translation>
    </message>
    <message>
        <source>Bulgaria</source>
        <translation>Bulgarije</translation>
    </message>
    <message>
        <source>Switzerland</source>
        <translation>Zwitserland</translation>
    </message>
    <message>
        <source>Cyprus</source>
        <translation>Cyprus</translation>
    </message>
    <message>
        <source>Czechia</source>
        <translation>Tsjechië</translation>
    </message>
    <message>
        <source>Germany</source>
        <translation>Duitsland</translation>
    </message>
    <message>
        <source>Denmark</source>
        <translation>Denemarken</translation>
    </message>
    <message>
        <source>Estonia</source>
        <translation>Estland</translation>
    </message>
    <message>
        <source>Spain</source>
        <translation>Spanje</translation>
    </message>
    <message>
        <source>Finland</source>
        <translation>Finland</translation>
    </message>
    <message>
        <source>France</source>
        <translation>Frankrijk</translation>
    </message>
    <message>
        <source>the United Kingdom</source>
        <translation>het Verenigd Koninkrijk</translation>
    </message>
    <message>
        <source>Greece</source>
        <translation>Griekenland</translation>
    </message>
    <message>
        <source>Croatia</source>
        <translation>Kroatië</translation>
    </message>
    <message>
        <source>Hungary</source>
        <translation>Hongarije</translation>
    </message>
    <message>
        <source>Ireland</source>
        <translation>Ierland</translation>
    </message>
    <message>
        <source>Iceland</source>
        <translation>IJsland</translation>
    </message>
    <message>
        <source>Italy</source>
        <translation>Italië</translation>
    </message>
    <message>
        <source>Liechtenstein</source>
        <translation>Liechtenstein</translation>
    </message>
    <message>
        <source>Lithuania</source>
        <translation>Litouwen</translation>
    </message>
    <message>
        <source>Luxembourg</source>
        <translation>Luxemburg</translation>
    </message>
    <message>
        <source>Latvia</source>
        <translation>Letland</translation>
    </message>
    <message>
        <source>Malta</source>
        <translation>Malta</translation>
    </message>
    <message>
        <source>the Netherlands</source>
        <translation>Nederland</translation>
    </message>
    <message>
        <source>Norway</source>
        <translation>Noorwegen</translation>
    </message>
    <message>
        <source>Poland</source>
        <translation>Polen</translation>
    </message>
    <message>
        <source>Portugal</source>
        <translation>Portugal</translation>
    </message>
    <message>
        <source>Romania</source>
        <translation>Roemenië</translation>
    </message>
    <message>
        <source>Sweden</source>
        <translation>Zweden</translation>
    </message>
    <message>
        <source>Slovenia</source>
        <translation>Slovenië</translation>
    </message>
    <message>
        <source>Slovakia</source>
        <translation>Slowakije</translation>
    </message>
    <message>
        <source>Turkey</source>
        <translation>Turkije</translation>
    </message>
    <message>
        <source>the United States</source>
        <translation>de Verenigde Staten</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Maandag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dinsdag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Woensdag</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donderdag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Vrijdag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Zaterdag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Zondag</translation>
    </message>
    <message>
        <source>Check the address: %1</source>
        <translation>Controleer het adres: %1</translation>
    </message>
    <message>
        <source>%1 is not possible to this destination; %2 is used.</source>
        <translation>%1 kan niet naar deze bestemming; %2 wordt gebruikt.</translation>
    </message>
    <message>
        <source>Amazon has not shared the delivery address yet.</source>
        <translation>Amazon heeft het bezorgadres nog niet gedeeld.</translation>
    </message>
    <message>
        <source>%6 refused to check this address: %2 Correct the address and save.</source>
        <translation>%6 weigerde dit adres te controleren: %2 Verbeter het adres en sla op.</translation>
    </message>
    <message>
        <source>This destination does not offer “%1”: the label goes without it.</source>
        <translation>Deze bestemming biedt “%1” niet: het label gaat zonder.</translation>
    </message>
    <message>
        <source>%7 cannot be combined with the default service %3.</source>
        <translation>%7 kan niet samen met de standaarddienst %3.</translation>
    </message>
    <message>
        <source>%7 on %5: the window must start before it ends.</source>
        <translation>%7 op %5: het tijdvak moet beginnen voordat het eindigt.</translation>
    </message>
    <message>
        <source>%7 on %5: give both a start and an end time.</source>
        <translation>%7 op %5: geef zowel een begin- als een eindtijd.</translation>
    </message>
    <message>
        <source>The carrier does not deliver to %2 with this contract.</source>
        <translation>De vervoerder bezorgt met dit contract niet naar %2.</translation>
    </message>
    <message>
        <source>%1 cannot be combined with %3.</source>
        <translation>%1 kan niet worden gecombineerd met %3.</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>Vul een waarde in voor %1.</translation>
    </message>
    <message>
        <source>%1: the value is not a number.</source>
        <translation>%1: de waarde is geen getal.</translation>
    </message>
    <message>
        <source>%1: the value is out of range.</source>
        <translation>%1: de waarde valt buiten het toegestane bereik.</translation>
    </message>
    <message>
        <source>%1: the text is too long.</source>
        <translation>%1: de tekst is te lang.</translation>
    </message>
    <message>
        <source>The %4 is longer than the carrier&apos;s %2 characters.</source>
        <translation>Te lang: %4 mag bij de vervoerder maximaal %2 tekens hebben.</translation>
    </message>
    <message>
        <source>The %4 holds characters that cannot be seen on a label (%2): retype it without them.</source>
        <translation>Onzichtbare tekens in %4 (%2): typ het opnieuw zonder die tekens, anders komen ze op het label.</translation>
    </message>
    <message>
        <source>The %4 is missing.</source>
        <translation>Ontbreekt: %4.</translation>
    </message>
    <message>
        <source>The %4 may hold digits only; put letters in the addition.</source>
        <translation>Alleen cijfers toegestaan bij %4; zet letters in de toevoeging.</translation>
    </message>
    <message>
        <source>A label has 1 to 10 parcels.</source>
        <translation>Een label heeft 1 tot 10 pakketten.</translation>
    </message>
    <message>
        <source>This size is not possible to this destination.</source>
        <translation>Dit formaat kan niet naar deze bestemming.</translation>
    </message>
    <message>
        <source>The weight must be at most %2 kg for this size.</source>
        <translation>Het gewicht mag voor dit formaat maximaal %2 kg zijn.</translation>
    </message>
    <message>
        <source>Amazon says the buyer collects this order at a pickup point: %2 is chosen for it. Check it, then save.</source>
        <translation>Volgens Amazon haalt de koper deze bestelling op bij een afhaalpunt: %2 is ervoor gekozen. Controleer het en sla op.</translation>
    </message>
    <message>
        <source>Amazon says the buyer collects this order at a pickup point, and none of the carrier&apos;s points matches its address. Choose one under Delivery; without one the parcel goes to the door.</source>
        <translation>Volgens Amazon haalt de koper deze bestelling op bij een afhaalpunt, maar geen afhaalpunt van de vervoerder past bij het adres. Kies er een onder Bezorging; zonder afhaalpunt gaat het pakket naar de deur.</translation>
    </message>
    <message>
        <source>tracking to Amazon</source>
        <translation>trackingcode onderweg naar Amazon</translation>
    </message>
    <message>
        <source>tracking sent</source>
        <translation>trackingcode verstuurd</translation>
    </message>
    <message>
        <source>tracking refused</source>
        <translation>trackingcode geweigerd</translation>
    </message>
    <message>
        <source>not scanned yet</source>
        <translation>nog niet gescand</translation>
    </message>
    <message>
        <source>on its way</source>
        <translation>onderweg</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>bezorgd</translation>
    </message>
    <message>
        <source>delivery problem</source>
        <translation>probleem met bezorgen</translation>
    </message>
    <message>
        <source>Amazon refused the tracking number: %1</source>
        <translation>Amazon heeft de trackingcode geweigerd: %1</translation>
    </message>
    <message>
        <source>%1: the label document is not stored here and the carrier did not send it. Print it again later.</source>
        <translation>%1: het labeldocument staat hier niet en de vervoerder heeft het niet gestuurd. Print het later opnieuw.</translation>
    </message>
    <message>
        <source>%1: the label document is damaged. Print it again later.</source>
        <translation>%1: het labeldocument is beschadigd. Print het later opnieuw.</translation>
    </message>
    <message>
        <source>%1: ShipDesk has no document of this label (the carrier gives it only when the label is made). Print it from the carrier&apos;s portal, or void it and make it again.</source>
        <translation>%1: ShipDesk heeft geen document van dit label (de vervoerder geeft het alleen bij het maken). Print het vanuit het portaal van de vervoerder, of annuleer het en maak het opnieuw.</translation>
    </message>
    <message>
        <source>%1: the return label&apos;s document is not stored here and the carrier did not send it. Print it again later.</source>
        <translation>%1: het document van het retourlabel staat hier niet en de vervoerder stuurde het niet. Druk het later opnieuw af.</translation>
    </message>
    <message>
        <source>%1: the buyer&apos;s name and address were erased, so its labels are not printed again.</source>
        <translation>%1: de naam en het adres van de koper zijn gewist, dus de labels worden niet meer afgedrukt.</translation>
    </message>
    <message>
        <source>This order has no label made yet. A return label goes with the label the parcel was sent with: make that first.</source>
        <translation>Voor deze bestelling is nog geen label gemaakt. Een retourlabel hoort bij het label waarmee het pakket verstuurd is: maak dat eerst.</translation>
    </message>
    <message>
        <source>%1 takes return labels back only from %2; this buyer is in %3. Send the buyer the shop&apos;s address instead.</source>
        <translation>%1 neemt retourlabels alleen aan vanuit %2; deze koper zit in %3. Stuur de koper in plaats daarvan het adres van de winkel.</translation>
    </message>
    <message>
        <source>The answer to the last return label for this order was lost. Check in %1 whether it was made; ask again to make a new one.</source>
        <translation>Het antwoord op het laatste retourlabel voor deze bestelling is verloren gegaan. Kijk in %1 of het gemaakt is; vraag het opnieuw om een nieuw te maken.</translation>
    </message>
    <message>
        <source>%1: Amazon still has the voided label&apos;s tracking number %2 and cannot take it back through ShipDesk. In Seller Central, open Orders → Manage Orders → this order → Edit shipment and replace it with %3.</source>
        <translation>%1: Amazon heeft nog de trackingcode %2 van het geannuleerde label en kan dat via ShipDesk niet terugnemen. Open in Seller Central Bestellingen → Bestellingen beheren → deze bestelling → Verzending bewerken en vervang het door %3.</translation>
    </message>
    <message>
        <source>Choose a printer first: Orders tab → Printers…</source>
        <translation>Kies eerst een printer: tabblad Bestellingen → Printers…</translation>
    </message>
    <message>
        <source>The printer is not there any more (switched off, unplugged or renamed). Check it, or choose another one under “Printers…”. The labels are kept; print them again.</source>
        <translation>De printer is er niet meer (uitgezet, losgekoppeld of hernoemd). Controleer de printer of kies onder “Printers…” een andere. De labels blijven bewaard; print ze opnieuw.</translation>
    </message>
    <message>
        <source>The printer does not accept this paper size: %1 The labels are kept.</source>
        <translation>De printer accepteert dit papierformaat niet: %1 De labels blijven bewaard.</translation>
    </message>
    <message>
        <source>Printing failed: %1 The labels are kept; print them again.</source>
        <translation>Printen mislukt: %1 De labels blijven bewaard; print ze opnieuw.</translation>
    </message>
    <message>
        <source>Nothing to print: %1</source>
        <translation>Niets om te printen: %1</translation>
    </message>
    <message>
        <source>Nothing was printed.</source>
        <translation>Er is niets geprint.</translation>
    </message>
    <message>
        <source>None of the chosen orders has a created label yet: create the labels first.</source>
        <translation>De gekozen bestellingen hebben nog geen aangemaakt label: maak eerst de labels aan.</translation>
    </message>
    <message>
        <source>Choose one or more orders in the list first.</source>
        <translation>Kies eerst een of meer bestellingen in de lijst.</translation>
    </message>
    <message>
        <source>None of the chosen orders has a return label yet: make one first with “Return label…” in its label window.</source>
        <translation>Geen van de gekozen bestellingen heeft al een retourlabel: maak er eerst een met “Retourlabel…” in het labelvenster.</translation>
    </message>
    <message>
        <source>Nothing to pick: the chosen orders are cancelled, shipped or have no items.</source>
        <translation>Niets te picken: de gekozen bestellingen zijn geannuleerd, verzonden of hebben geen artikelen.</translation>
    </message>
    <message>
        <source>This computer cannot send ZPL straight to a printer: %1 Choose PDF labels instead.</source>
        <translation>Deze computer kan ZPL niet direct naar een printer sturen: %1 Kies in plaats daarvan voor PDF-labels.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Open ShipDesk&apos;s data</source>
        <translation>Gegevens van ShipDesk openen</translation>
    </message>
    <message>
        <source>Open a key file…</source>
        <translation>Sleutelbestand openen…</translation>
    </message>
    <message>
        <source>Use the recovery key instead</source>
        <translation>De herstelsleutel gebruiken</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Wachtzin</translation>
    </message>
    <message>
        <source>The same again</source>
        <translation>Nogmaals dezelfde</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Herstelsleutel</translation>
    </message>
    <message>
        <source>That passphrase does not open the data file.</source>
        <translation>Met die wachtzin gaat het gegevensbestand niet open.</translation>
    </message>
    <message>
        <source>This computer has no keychain, so the key of ShipDesk&apos;s data (%1) is protected with the passphrase you chose. Type it to open your orders.</source>
        <translation>Deze computer heeft geen sleutelhanger, dus de sleutel van de gegevens van ShipDesk (%1) is beveiligd met de wachtzin die je koos. Typ die om je bestellingen te openen.</translation>
    </message>
    <message>
        <source>ShipDesk encrypts its data (your buyers&apos; names and addresses among it) with a key it normally keeps in the system keychain, but this computer has none. Choose a passphrase to protect the key instead: ShipDesk asks for it at every start. Keep it safe: without it or the recovery key, nobody can open the data.</source>
        <translation>ShipDesk versleutelt zijn gegevens (waaronder namen en adressen van je kopers) met een sleutel die normaal in de sleutelhanger van het systeem staat, maar deze computer heeft er geen. Kies een wachtzin om de sleutel mee te beveiligen: ShipDesk vraagt die bij elke start. Bewaar hem goed: zonder wachtzin of herstelsleutel kan niemand de gegevens openen.</translation>
    </message>
    <message>
        <source>The key in the system keychain is not the one ShipDesk&apos;s data was encrypted with: it was changed outside ShipDesk.</source>
        <translation>De sleutel in de sleutelhanger van het systeem is niet die waarmee de gegevens van ShipDesk zijn versleuteld: hij is buiten ShipDesk gewijzigd.</translation>
    </message>
    <message>
        <source>ShipDesk cannot find the key of its data in %1 (a new computer, a reinstalled system, or a keychain that was reset).</source>
        <translation>ShipDesk vindt de sleutel van zijn gegevens in %1 niet (een nieuwe computer, een opnieuw geïnstalleerd systeem of een sleutelhanger die is gewist).</translation>
    </message>
    <message>
        <source>Nothing was changed or lost. Type the recovery key ShipDesk showed when it was set up (14 groups of 4 letters and digits), or open a key file you exported.</source>
        <translation>Er is niets gewijzigd of verloren. Typ de herstelsleutel die ShipDesk bij de installatie liet zien (14 groepjes van 4 letters en cijfers), of open een sleutelbestand dat je hebt geëxporteerd.</translation>
    </message>
    <message>
        <source>That is not a ShipDesk recovery key, or it was mistyped: it has 14 groups of 4 letters and digits. Check each group against the printout.</source>
        <translation>Dat is geen herstelsleutel van ShipDesk, of er zit een tikfout in: hij heeft 14 groepjes van 4 letters en cijfers. Vergelijk elk groepje met de afdruk.</translation>
    </message>
    <message>
        <source>Choose a passphrase of at least %1 characters.</source>
        <translation>Kies een wachtzin van minstens %1 tekens.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>De twee wachtzinnen verschillen.</translation>
    </message>
    <message>
        <source>That key does not open this data file: it belongs to another data folder.</source>
        <translation>Met die sleutel gaat dit gegevensbestand niet open: hij hoort bij een andere gegevensmap.</translation>
    </message>
    <message>
        <source>That passphrase does not open the key file.</source>
        <translation>Met die wachtzin gaat het sleutelbestand niet open.</translation>
    </message>
    <message>
        <source>Open a key file</source>
        <translation>Sleutelbestand openen</translation>
    </message>
    <message>
        <source>ShipDesk key files (*.json)</source>
        <translation>ShipDesk-sleutelbestanden (*.json)</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Sleutelbestand</translation>
    </message>
    <message>
        <source>The passphrase the key file was protected with:</source>
        <translation>De wachtzin waarmee het sleutelbestand is beveiligd:</translation>
    </message>
</context>
</TS>
