"""Demo data: civil-society actors on Ekerö (plain Python data, no imports).

The association names and the kinds of activity come from the municipality's
documents about cooperation with civil society. Everything else is invented:
all people are fictional, organisation numbers are made up (but pass the
Luhn check), e-mail addresses and websites use the reserved ``.example``
top-level domain, and phone numbers come from the range that the Swedish
Post and Telecom Authority (PTS) reserves for fiction (08-465 004 00–99).
"""

ACTORS = [
    # ------------------------------------------------------------------
    # Associations that receive the social committee's operating support
    # ------------------------------------------------------------------
    {
        "name": "Parkinson Ekerö",
        "kind": "association",
        "organisation_number": "802168-5162",
        "summary": "Lokal förening för dig som har Parkinsons sjukdom och för dina anhöriga. Vi tränar, träffas och stöttar varandra.",
        "description": (
            "Parkinson Ekerö är en förening för dig som har Parkinsons sjukdom eller en liknande diagnos. "
            "Dina anhöriga är också välkomna som medlemmar.\n\n"
            "Varje tisdag tränar vi balans och rörlighet tillsammans med en fysioterapeut. "
            "En gång i månaden har vi medlemsmöte med fika och en föreläsning, till exempel om mediciner, mat eller röst.\n\n"
            "Vi har också en anhöriggrupp som träffas varannan torsdag. "
            "Där kan du prata med andra som är i samma situation som du.\n\n"
            "Vill du bli medlem? Skicka ett mejl eller ring oss. Du får gärna prova en träning först."
        ),
        "areas": ["folkhalsa", "omsorg"],
        "target_groups": ["aldre", "anhoriga", "funktionsnedsattning"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra"],
        "languages": ["sv"],
        "sdg_goals": [3, 10],
        "email": "kontakt@parkinsonekero.example",
        "website": "https://parkinsonekero.example",
        "phone": "08-465 004 01",
        "accessibility": "Träningslokalen har ramp och handikapptoalett. Det finns stolar med armstöd om du behöver vila.",
        "verified": True,
        "representatives": [("Margareta", "Lindqvist"), ("Sven", "Axelsson")],
    },
    {
        "name": "Handikappseglarklubben Vindens Vänner",
        "kind": "association",
        "organisation_number": "802504-1230",
        "summary": "Segling för alla. Vi har anpassade båtar så att du kan segla även om du har en funktionsnedsättning.",
        "description": (
            "Vindens Vänner är en segelklubb för personer med och utan funktionsnedsättning. "
            "Våra båtar är anpassade för dig som använder rullstol eller har nedsatt syn eller rörlighet.\n\n"
            "Säsongen pågår från maj till september. Vi seglar måndag och onsdag kväll från bryggan i Ekerö. "
            "En erfaren seglare är med i varje båt.\n\n"
            "Du behöver inte kunna segla. Vi lånar ut flytvästar och regnkläder. "
            "Hör av dig så bokar vi en provsegling."
        ),
        "areas": ["fritid", "folkhalsa"],
        "target_groups": ["funktionsnedsattning", "vuxna", "unga"],
        "districts": ["ekero-centrum", "helgo"],
        "languages": ["sv", "en"],
        "sdg_goals": [3, 10, 14],
        "email": "segla@vindensvanner.example",
        "website": "https://vindensvanner.example",
        "phone": "08-465 004 02",
        "accessibility": "Bryggan går att nå med rullstol. Vi har en lyft som hjälper dig i och ur båten.",
        "verified": True,
        "representatives": [("Göran", "Westin")],
    },
    {
        "name": "Föräldraföreningen Mot Narkotika (FMN Ekerö)",
        "kind": "association",
        "organisation_number": "802673-3470",
        "summary": "Stöd och råd till föräldrar som är oroliga för att deras barn använder droger. Vi informerar också på föräldramöten.",
        "description": (
            "FMN Ekerö är en lokal grupp inom Föräldraföreningen Mot Narkotika i Storstockholm. "
            "Vi stöttar föräldrar och andra anhöriga som är oroliga för att ett barn eller en ungdom använder alkohol eller narkotika.\n\n"
            "Du kan ringa oss och prata med en förälder som har egen erfarenhet. Du får vara anonym. "
            "En kväll i månaden har vi en samtalsgrupp för föräldrar.\n\n"
            "Vi kommer gärna till föräldramöten i skolan och berättar vilka tecken du kan vara uppmärksam på. "
            "Vi samarbetar med kommunens fältgrupp och med nattvandrarna."
        ),
        "areas": ["trygghet", "folkhalsa"],
        "target_groups": ["familjer", "anhoriga", "unga"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska"],
        "languages": ["sv"],
        "sdg_goals": [3, 16],
        "email": "ekero@fmn.example",
        "website": "https://fmn.example/ekero",
        "phone": "08-465 004 03",
        "accessibility": "",
        "verified": True,
        "representatives": [("Cecilia", "Norrman")],
    },
    {
        "name": "RSMH Ekerö",
        "kind": "association",
        "organisation_number": "802499-1195",
        "summary": "Förening för social och mental hälsa. Vi erbjuder gemenskap, samtalsgrupper och aktiviteter för dig med psykisk ohälsa.",
        "description": (
            "RSMH Ekerö är en del av Riksförbundet för Social och Mental Hälsa. "
            "Föreningen är till för dig som har eller har haft psykisk ohälsa. Anhöriga är också välkomna.\n\n"
            "Vi delar lokal med kommunens dagverksamhet Solrosen. På torsdagar har vi öppet hus med fika, spel och samtal. "
            "Tillsammans med socialtjänsten ordnar vi också promenader, studiecirklar och utflykter.\n\n"
            "Vi sitter i kommunens råd för funktionshinderfrågor och är med i anhöriglänken. "
            "Där berättar vi om våra medlemmars erfarenheter.\n\n"
            "Kom förbi en torsdag. Du behöver inte anmäla dig."
        ),
        "areas": ["folkhalsa", "omsorg"],
        "target_groups": ["vuxna", "funktionsnedsattning", "anhoriga"],
        "districts": ["ekero-centrum"],
        "languages": ["sv"],
        "sdg_goals": [3, 10],
        "email": "info@rsmhekero.example",
        "website": "https://rsmhekero.example",
        "phone": "08-465 004 04",
        "accessibility": "Lokalen ligger i markplan och har handikapptoalett. Det finns ett lugnt rum om du behöver en paus.",
        "verified": True,
        "representatives": [("Jan", "Eliasson"), ("Pia", "Grönlund")],
    },
    {
        "name": "Synskadades riksförbund Ekerö (SRF)",
        "kind": "association",
        "organisation_number": "802696-1717",
        "summary": "Förening för dig som är blind eller har nedsatt syn. Vi ger stöd, sprider kunskap och ordnar träffar.",
        "description": (
            "SRF Ekerö är en förening för dig som har en synnedsättning. "
            "Vi är en del av Synskadades riksförbund och samarbetar med föreningen i Stockholms stad.\n\n"
            "Vi träffas en gång i månaden. Vi har bokcirkel med talböcker, teknikcafé där du får hjälp med mobil och dator, "
            "och promenader med ledsagare.\n\n"
            "Vi sitter i kommunens råd för funktionshinderfrågor. Där påverkar vi till exempel skyltar, busshållplatser och kommunens webbplats.\n\n"
            "Ring oss om du vill bli medlem eller behöver ledsagning till en träff."
        ),
        "areas": ["folkhalsa", "fritid"],
        "target_groups": ["funktionsnedsattning", "aldre"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "lovo"],
        "languages": ["sv"],
        "sdg_goals": [10, 11],
        "email": "ekero@srf.example",
        "website": "https://srf.example/ekero",
        "phone": "08-465 004 05",
        "accessibility": "Vi skickar kallelser i punktskrift, storstil eller som ljudfil. Ledsagare finns vid alla träffar.",
        "verified": True,
        "representatives": [("Bengt", "Rosén")],
    },
    {
        "name": "BRIS – lokalt arbete på Ekerö",
        "kind": "association",
        "organisation_number": "802621-2277",
        "summary": "BRIS stöttar barn och unga. På Ekerö har vi stödgrupper för barn som har flytt och samarbetar med skolor och fältgruppen.",
        "description": (
            "BRIS – Barnens rätt i samhället – är en barnrättsorganisation. "
            "Barn och unga kan alltid kontakta BRIS anonymt via telefon, chatt eller mejl.\n\n"
            "På Ekerö samarbetar BRIS med kommunen i projektet Tillsammans för barn som flytt. "
            "Barn som har varit med om svåra saker träffas i en liten grupp tio gånger. Två utbildade ledare leder gruppen.\n\n"
            "Vi besöker också skolor och berättar om barns rättigheter. Vi samarbetar med kommunens fältgrupp och med Svenska kyrkan.\n\n"
            "Är du förälder eller arbetar du med barn? Kontakta oss om du vill veta mer om stödgrupperna."
        ),
        "areas": ["trygghet", "integration", "omsorg"],
        "target_groups": ["barn", "unga", "nyanlanda"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska"],
        "languages": ["sv", "en", "ar", "fa"],
        "sdg_goals": [3, 10, 16],
        "email": "ekero@bris.example",
        "website": "https://bris.example",
        "phone": "",
        "accessibility": "Stödgrupperna träffas i en lokal utan trappor. Tolk kan bokas.",
        "verified": True,
        "representatives": [("Helena", "Ståhl")],
    },
    {
        "name": "Brottsofferjouren Ekerö",
        "kind": "association",
        "organisation_number": "802164-3294",
        "summary": "Stöd till dig som har utsatts för brott eller har sett ett brott. Stödet är gratis och du kan vara anonym.",
        "description": (
            "Brottsofferjouren ger stöd till dig som har utsatts för ett brott. Vi hjälper också vittnen och anhöriga. "
            "Du behöver inte ha gjort en polisanmälan.\n\n"
            "Våra stödpersoner har tystnadslöfte. De lyssnar, förklarar hur rättsprocessen går till "
            "och kan följa med dig till polisen eller till rättegången.\n\n"
            "Ekerö kommun har ett långsiktigt samverkansavtal med oss. Därför finns vi nära dig som bor på öarna.\n\n"
            "Ring oss på vardagar. Du kan också mejla, så ringer vi upp."
        ),
        "areas": ["trygghet"],
        "target_groups": ["vuxna", "unga", "aldre", "anhoriga"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska", "farentuna", "munso", "adelso", "lovo", "helgo"],
        "languages": ["sv", "en"],
        "sdg_goals": [5, 16],
        "email": "stod@boj-ekero.example",
        "website": "https://boj-ekero.example",
        "phone": "08-465 004 06",
        "accessibility": "Vi kan träffa dig hemma, på biblioteket eller på en annan plats där du känner dig trygg.",
        "verified": True,
        "representatives": [("Kristina", "Falk"), ("Mats", "Hellström")],
    },
    # ------------------------------------------------------------------
    # Pensioners, care and the befriending service
    # ------------------------------------------------------------------
    {
        "name": "PRO Ekerö",
        "kind": "association",
        "organisation_number": "802003-7811",
        "summary": "Pensionärsförening med gemenskap, motion och studiecirklar. Vi driver också frågor som är viktiga för äldre i kommunen.",
        "description": (
            "PRO Ekerö är en förening för dig som är pensionär. Vi har många aktiviteter: stavgång, boule, bridge, dans och resor.\n\n"
            "Vi har verksamhet på Kajutan och på Stockbygården. Där finns öppna träffar för alla äldre i kommunen, "
            "även om du inte är medlem.\n\n"
            "Vi är med i Väntjänsten och i anhöriglänken. Vi sitter också i kommunala pensionärsrådet.\n\n"
            "Bli medlem via vår webbplats eller kom till en träff och prata med oss."
        ),
        "areas": ["fritid", "folkhalsa", "omsorg"],
        "target_groups": ["aldre"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska"],
        "languages": ["sv"],
        "sdg_goals": [3, 10],
        "email": "ekero@pro.example",
        "website": "https://pro.example/ekero",
        "phone": "08-465 004 07",
        "accessibility": "Kajutan och Stockbygården har ramp, hiss och handikapptoalett. Det finns hörslinga i samlingssalen.",
        "verified": True,
        "representatives": [("Birgitta", "Lundgren"), ("Rolf", "Ohlsson")],
    },
    {
        "name": "SPF Seniorerna Ekerö",
        "kind": "association",
        "organisation_number": "802198-2114",
        "summary": "Seniorförening för gemenskap, friskvård och kultur. Vi är med i Väntjänsten och i anhöriglänken.",
        "description": (
            "SPF Seniorerna Ekerö är en förening för dig som är senior. "
            "Vi har månadsmöten med föredrag, teaterresor, vattengympa och vandringar på öarna.\n\n"
            "Många medlemmar är frivilliga i Väntjänsten. De besöker äldre, läser högt eller följer med på promenader.\n\n"
            "Vi sitter i kommunala pensionärsrådet. Där lämnar vi synpunkter på frågor som rör äldre, till exempel färdtjänst och boende.\n\n"
            "Du är välkommen på ett månadsmöte innan du bestämmer dig för att bli medlem."
        ),
        "areas": ["fritid", "kultur", "omsorg"],
        "target_groups": ["aldre"],
        "districts": ["ekero-centrum", "trakvista", "lovo", "stenhamra"],
        "languages": ["sv"],
        "sdg_goals": [3, 10],
        "email": "info@spfekero.example",
        "website": "https://spfekero.example",
        "phone": "08-465 004 08",
        "accessibility": "Månadsmötena har hörslinga. Säg till om du behöver skjuts, så hjälper vi dig att ordna samåkning.",
        "verified": True,
        "representatives": [("Inger", "Wahlberg")],
    },
    {
        "name": "Röda Korset Ekerö",
        "kind": "association",
        "organisation_number": "802555-6427",
        "summary": "Frivilliga som ger medmänskligt stöd: besök hos äldre, språkträning, anhöriggrupper och hjälp i kris.",
        "description": (
            "Röda Korset Ekerö är en lokal krets med frivilliga i alla åldrar. Vi finns där det behövs, både i vardagen och i kris.\n\n"
            "Vi besöker äldre, leder anhöriggrupper och har språkträning för nyanlända. "
            "Vi är med i Väntjänsten, i anhöriglänken och i referensgruppen för seniorsamtal.\n\n"
            "Under pandemin handlade våra frivilliga mat och hämtade mediciner åt personer i riskgrupp. "
            "Vi har en beredskapsgrupp som kan hjälpa till om något händer i kommunen.\n\n"
            "Vill du bli frivillig? Kom på en introduktion. Den hålls första måndagen varje månad."
        ),
        "areas": ["omsorg", "integration", "trygghet"],
        "target_groups": ["aldre", "nyanlanda", "anhoriga", "vuxna"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska", "farentuna", "munso", "adelso", "lovo", "helgo"],
        "languages": ["sv", "en", "ar", "ti"],
        "sdg_goals": [1, 3, 10, 17],
        "email": "ekero@rodakorset.example",
        "website": "https://rodakorset.example/ekero",
        "phone": "08-465 004 09",
        "accessibility": "Vår lokal i Ekerö centrum har ramp och handikapptoalett.",
        "verified": True,
        "representatives": [("Annika", "Söderlund"), ("Hassan", "Nouri")],
    },
    {
        "name": "Lions Club Ekerö",
        "kind": "association",
        "organisation_number": "802578-5695",
        "summary": "Serviceklubb som samlar in pengar till behov på öarna och är med i kommunens Väntjänst.",
        "description": (
            "Lions Club Ekerö är en ideell serviceklubb. Vi samlar in pengar genom loppisar, julgransförsäljning och en årlig golftävling. "
            "Pengarna går till behov här på öarna.\n\n"
            "Vi har till exempel betalat utflykter för äldre, lägerveckor för barn och hjälpmedel till förskolor. "
            "Flera medlemmar är frivilliga i Väntjänsten.\n\n"
            "Klubben träffas andra tisdagen varje månad. Kontakta oss om du vill vara med på ett möte."
        ),
        "areas": ["omsorg", "fritid"],
        "target_groups": ["aldre", "barn", "familjer"],
        "districts": ["ekero-centrum", "trakvista", "helgo"],
        "languages": ["sv", "en"],
        "sdg_goals": [1, 3, 17],
        "email": "info@lionsekero.example",
        "website": "https://lionsekero.example",
        "phone": "",
        "accessibility": "",
        "verified": True,
        "representatives": [("Leif", "Carlsson")],
    },
    {
        "name": "Silviahemmet – anhöriggrupp Ekerö",
        "kind": "foundation",
        "organisation_number": "802451-9483",
        "summary": "Stöd till dig som är anhörig till en person med demenssjukdom. Samtalsgrupper med personal som är utbildad i demensvård.",
        "description": (
            "Silviahemmet på Drottningholm arbetar med demensvård och utbildning. "
            "Här på Ekerö leder vi en samtalsgrupp för dig som är anhörig till en person med demenssjukdom.\n\n"
            "Gruppen träffas sex gånger under en termin. Du får kunskap om sjukdomen och tips för vardagen. "
            "Du får också träffa andra i samma situation.\n\n"
            "Vi är med i kommunens anhöriglänk. Om du kontaktar oss ser vi till att rätt person hör av sig till dig. "
            "Du behöver inte ringa runt själv.\n\n"
            "Anmäl dig till nästa grupp genom att mejla oss eller kontakta kommunens anhörigkonsulent."
        ),
        "areas": ["omsorg", "folkhalsa"],
        "target_groups": ["anhoriga", "aldre"],
        "districts": ["lovo", "ekero-centrum"],
        "languages": ["sv"],
        "sdg_goals": [3],
        "email": "anhorig@silviahemmet.example",
        "website": "https://silviahemmet.example",
        "phone": "08-465 004 10",
        "accessibility": "Lokalen är tillgänglig med rullstol. Om du inte kan lämna din närstående kan vi hjälpa dig att ordna avlösning.",
        "verified": False,
        "representatives": [("Louise", "Adolfsson")],
    },
    {
        "name": "Demensföreningen Mälaröarna",
        "kind": "association",
        "organisation_number": "802543-0888",
        "summary": "Förening för personer med demenssjukdom och deras anhöriga. Vi har anhörigcafé, föreläsningar och sångstunder.",
        "description": (
            "Demensföreningen Mälaröarna finns för dig som har en demenssjukdom och för dig som är anhörig.\n\n"
            "Varje månad har vi anhörigcafé på Kajutan. Där kan du fika och prata med andra anhöriga. "
            "Samtidigt har vi sångstund för dem som har en demenssjukdom.\n\n"
            "Två gånger per termin bjuder vi in en föreläsare, till exempel en läkare eller en jurist som berättar om framtidsfullmakt.\n\n"
            "Det är gratis att komma på caféet. Du behöver inte vara medlem."
        ),
        "areas": ["omsorg", "folkhalsa"],
        "target_groups": ["anhoriga", "aldre"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "fi"],
        "sdg_goals": [3, 10],
        "email": "kontakt@demensmalaroarna.example",
        "website": "",
        "phone": "08-465 004 11",
        "accessibility": "Kajutan har ramp, hiss och hörslinga.",
        "verified": False,
        "representatives": [("Gunilla", "Backman")],
    },
    # ------------------------------------------------------------------
    # Disability organisations
    # ------------------------------------------------------------------
    {
        "name": "FUB Ekerö",
        "kind": "association",
        "organisation_number": "802662-2855",
        "summary": "Förening för barn, unga och vuxna med intellektuell funktionsnedsättning och för deras anhöriga.",
        "description": (
            "FUB Ekerö arbetar för att personer med intellektuell funktionsnedsättning ska ha ett bra liv. "
            "Vi är en del av Riksförbundet FUB.\n\n"
            "Vi ordnar fritidsaktiviteter som disco, bowling och matlagning. "
            "Flera aktiviteter gör vi tillsammans med kommunens samordnare för fritid LSS.\n\n"
            "För anhöriga har vi träffar där du kan få råd om LSS, skola och god man. "
            "Vi sitter också i kommunens råd för funktionshinderfrågor.\n\n"
            "Alla är välkomna som medlemmar. Medlemsavgiften är låg och du får vår tidning."
        ),
        "areas": ["fritid", "omsorg"],
        "target_groups": ["funktionsnedsattning", "familjer", "anhoriga", "unga"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra"],
        "languages": ["sv", "swl"],
        "sdg_goals": [4, 10],
        "email": "ekero@fub.example",
        "website": "https://fub.example/ekero",
        "phone": "08-465 004 12",
        "accessibility": "Vi använder bilder och lättläst text i våra inbjudningar. Alla lokaler är tillgängliga med rullstol.",
        "verified": True,
        "representatives": [("Therese", "Lindblad"), ("Magnus", "Dahlgren")],
    },
    {
        "name": "Autism- och Aspergerföreningen Ekerö",
        "kind": "association",
        "organisation_number": "802103-2225",
        "summary": "Stöd och gemenskap för familjer där någon har autism. Vi har föräldraträffar och lugna aktiviteter för barn och unga.",
        "description": (
            "Vi är en lokalförening för dig som har autism och för dig som är förälder eller anhörig.\n\n"
            "En gång i månaden har vi föräldraträff. Där delar vi erfarenheter om skola, sömn och vardag. "
            "Samtidigt har barnen en lugn aktivitet med ledare i ett rum intill.\n\n"
            "Vi har också en spelkväll för unga från 13 år. Den är varannan fredag och samlar ungefär tio deltagare.\n\n"
            "Mejla oss så skickar vi information om nästa träff."
        ),
        "areas": ["omsorg", "fritid"],
        "target_groups": ["funktionsnedsattning", "familjer", "barn", "unga"],
        "districts": ["ekero-centrum", "trakvista"],
        "languages": ["sv", "en"],
        "sdg_goals": [4, 10],
        "email": "ekero@autismforeningen.example",
        "website": "",
        "phone": "",
        "accessibility": "Vi har dämpad belysning, få ljud och ett vilorum. Du får gärna komma och titta på lokalen innan.",
        "verified": False,
        "representatives": [("Josefin", "Ek")],
    },
    {
        "name": "Hörselskadades förening Mälaröarna",
        "kind": "association",
        "organisation_number": "802094-0949",
        "summary": "Förening för dig med nedsatt hörsel, tinnitus eller dövhet. Vi ger råd om hjälpmedel och ordnar träffar med hörslinga.",
        "description": (
            "Hörselskadades förening Mälaröarna är en del av Hörselskadades Riksförbund. "
            "Vi finns för dig som har nedsatt hörsel, tinnitus eller är döv.\n\n"
            "Varannan månad har vi medlemsmöte med föredrag. Alla möten har hörslinga och skrivtolk. "
            "Vi har också en grupp som lär sig grunderna i teckenspråk.\n\n"
            "Vi ger tips om hörapparater och andra hjälpmedel. Vi tipsar också kommunen om var det behövs hörslinga.\n\n"
            "Skicka ett mejl eller ett sms om du vill bli medlem."
        ),
        "areas": ["folkhalsa", "omsorg"],
        "target_groups": ["funktionsnedsattning", "aldre", "vuxna"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "swl"],
        "sdg_goals": [3, 10],
        "email": "info@hrfmalaroarna.example",
        "website": "https://hrfmalaroarna.example",
        "phone": "08-465 004 13",
        "accessibility": "Alla möten har hörslinga och skrivtolk. Teckenspråkstolk kan bokas om du säger till en vecka innan.",
        "verified": True,
        "representatives": [("Agneta", "Hedin")],
    },
    {
        "name": "HjärtLung Mälaröarna",
        "kind": "association",
        "organisation_number": "802143-7861",
        "summary": "Förening för dig med hjärt- eller lungsjukdom. Vi har anpassad träning, föreläsningar och gemenskap.",
        "description": (
            "HjärtLung Mälaröarna är en förening för dig som har en hjärt-, kärl- eller lungsjukdom. Anhöriga är också välkomna.\n\n"
            "Vi har vattengympa och anpassad gympa varje vecka. En sjukgymnast leder passen. "
            "Tempot är lugnt och du kan vila när du vill.\n\n"
            "Vi ordnar också föreläsningar om hälsa och utbildning i hjärt-lungräddning för allmänheten.\n\n"
            "Ring eller mejla oss för att anmäla dig till ett träningspass."
        ),
        "areas": ["folkhalsa"],
        "target_groups": ["aldre", "vuxna", "anhoriga"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv"],
        "sdg_goals": [3],
        "email": "kontakt@hjartlungmalaroarna.example",
        "website": "",
        "phone": "08-465 004 14",
        "accessibility": "Simhallen har lyft till bassängen och omklädningsrum för dig som behöver hjälp.",
        "verified": True,
        "representatives": [("Åke", "Nordin")],
    },
    {
        "name": "IF Öarna Parasport",
        "kind": "association",
        "organisation_number": "802540-2341",
        "summary": "Idrott för dig med funktionsnedsättning: boccia, simning, innebandy och bowling. Alla kan vara med.",
        "description": (
            "IF Öarna Parasport är en idrottsförening för barn, unga och vuxna med funktionsnedsättning.\n\n"
            "Vi har boccia på måndagar, simning på onsdagar och innebandy på lördagar. "
            "En gång i månaden bowlar vi tillsammans.\n\n"
            "Det finns ledare som kan teckenspråk. Du får gärna ha med dig en assistent eller ledsagare. De tränar gratis.\n\n"
            "Kom och prova två gånger innan du bestämmer dig för att bli medlem."
        ),
        "areas": ["fritid", "folkhalsa"],
        "target_groups": ["funktionsnedsattning", "barn", "unga", "vuxna"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra"],
        "languages": ["sv", "swl"],
        "sdg_goals": [3, 10],
        "email": "info@oarnaparasport.example",
        "website": "https://oarnaparasport.example",
        "phone": "08-465 004 15",
        "accessibility": "Hallen och simhallen är tillgängliga med rullstol. Vi har anpassad utrustning att låna.",
        "verified": True,
        "representatives": [("Fredrik", "Lund"), ("Elsa", "Strömberg")],
    },
    # ------------------------------------------------------------------
    # Safety
    # ------------------------------------------------------------------
    {
        "name": "Kvinnojouren Mälaröarna",
        "kind": "association",
        "organisation_number": "802635-2123",
        "summary": "Stöd till kvinnor och barn som utsätts för våld eller hot. Du kan vara anonym och stödet är gratis.",
        "description": (
            "Kvinnojouren Mälaröarna ger stöd till kvinnor, tjejer och barn som har utsatts för våld, hot eller kontroll i en nära relation.\n\n"
            "Du kan ringa, mejla eller chatta med oss. Vi lyssnar och hjälper dig att se vilka vägar du har. "
            "Vi kan följa med dig till socialtjänsten, polisen eller vården.\n\n"
            "Vi har stödsamtal på flera språk. Tolk kan bokas.\n\n"
            "Vill du bli jourkvinna? Vi har en grundutbildning varje höst."
        ),
        "areas": ["trygghet"],
        "target_groups": ["vuxna", "barn", "unga"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska", "farentuna", "munso", "adelso", "lovo", "helgo"],
        "languages": ["sv", "en", "ar", "fa", "es"],
        "sdg_goals": [5, 16],
        "email": "jour@kvinnojourenmalaroarna.example",
        "website": "https://kvinnojourenmalaroarna.example",
        "phone": "08-465 004 16",
        "accessibility": "Vi kan träffa dig på en plats som du väljer.",
        "verified": True,
        "representatives": [("Jenny", "Forslund")],
    },
    {
        "name": "Nattvandrarna Ekerö",
        "kind": "network",
        "organisation_number": None,
        "summary": "Vuxna som går ute på fredags- och lördagskvällar. Vi finns där unga är och bidrar till trygghet.",
        "description": (
            "Nattvandrarna Ekerö är ett nätverk av föräldrar och andra vuxna. "
            "Vi går ute i grupper på fredags- och lördagskvällar, främst i Ekerö centrum och i Stenhamra.\n\n"
            "Vi är inte poliser eller vakter. Vi är vuxna som hälsar, pratar och finns till hands om något händer. "
            "Vi har kontakt med kommunens fältgrupp.\n\n"
            "Du väljer själv hur ofta du vill gå. Anmäl dig till ett pass via mejl. Du får en gul jacka och en kort introduktion."
        ),
        "areas": ["trygghet"],
        "target_groups": ["unga", "familjer"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra"],
        "languages": ["sv", "en", "ar"],
        "sdg_goals": [3, 16],
        "email": "nattvandring@nattvandrarnaekero.example",
        "website": "",
        "phone": "",
        "accessibility": "",
        "verified": False,
        "representatives": [("Patrik", "Sundin")],
    },
    {
        "name": "Rädda Barnen Ekerö",
        "kind": "association",
        "organisation_number": "802164-9382",
        "summary": "Lokalförening som arbetar för barns rättigheter. Vi har läger på sommaren och stöd till barn i utsatta situationer.",
        "description": (
            "Rädda Barnen Ekerö arbetar för att alla barn på öarna ska få sina rättigheter enligt barnkonventionen.\n\n"
            "Varje sommar har vi en dagkollo för barn som inte reser bort. Vi badar, gör utflykter och äter lunch tillsammans.\n\n"
            "Vi har också läsfrämjande träffar på biblioteket för barn och föräldrar. Där läser vi bilderböcker på flera språk.\n\n"
            "Vill du bli volontär? Alla som arbetar med barn visar utdrag ur belastningsregistret."
        ),
        "areas": ["trygghet", "fritid", "integration"],
        "target_groups": ["barn", "familjer", "nyanlanda"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "ar", "so", "uk"],
        "sdg_goals": [1, 4, 10, 16],
        "email": "ekero@raddabarnen.example",
        "website": "",
        "phone": "",
        "accessibility": "Dagkollot är tillgängligt för barn med funktionsnedsättning. Berätta vad ditt barn behöver när du anmäler.",
        "verified": False,
        "representatives": [("Sara", "Lindell")],
    },
    # ------------------------------------------------------------------
    # Sport and outdoor life
    # ------------------------------------------------------------------
    {
        "name": "Ekerö IK",
        "kind": "association",
        "organisation_number": "802003-6334",
        "summary": "Fotbollsklubb för barn, unga och vuxna. Vi har lag på alla nivåer och knattefotboll för de minsta.",
        "description": (
            "Ekerö IK är en idrottsförening med fotboll som huvudidrott. Vi har över 40 lag, från knattar till seniorer.\n\n"
            "Vi tränar på konstgräsplanen i Ekerö centrum och inomhus på vintern. "
            "Barn från fem år kan börja i knattefotbollen. Den är på lördagsförmiddagar.\n\n"
            "Vi är med i VIDA och tar gärna emot nyanlända som vill spela eller bli ledare. "
            "Alla våra ledare visar utdrag ur belastningsregistret.\n\n"
            "Anmäl ditt barn på vår webbplats eller kom till en träning och prova."
        ),
        "areas": ["fritid", "folkhalsa", "integration"],
        "target_groups": ["barn", "unga", "vuxna", "nyanlanda"],
        "districts": ["ekero-centrum", "trakvista"],
        "languages": ["sv", "en"],
        "sdg_goals": [3, 5, 10],
        "email": "kansli@ekeroik.example",
        "website": "https://ekeroik.example",
        "phone": "08-465 004 17",
        "accessibility": "Läktaren och klubbstugan går att nå med rullstol. Det finns handikapptoalett i klubbstugan.",
        "verified": True,
        "representatives": [("Daniel", "Öhman"), ("Camilla", "Brandt")],
    },
    {
        "name": "Stenhamra IF",
        "kind": "association",
        "organisation_number": "802460-8021",
        "summary": "Idrottsförening på Färingsö med innebandy, friidrott och ett motionslopp för hela familjen.",
        "description": (
            "Stenhamra IF är en idrottsförening för dig som bor på Färingsö. "
            "Vi har innebandy för barn och unga, friidrott och en löpgrupp för vuxna.\n\n"
            "Varje höst ordnar vi Färingsöloppet. Det är ett motionslopp för hela familjen med korta banor för barn.\n\n"
            "Vi vill att alla ska kunna vara med. Därför har vi låga avgifter och lånar ut utrustning. "
            "Kontakta oss så hjälper vi dig att hitta en grupp som passar."
        ),
        "areas": ["fritid", "folkhalsa"],
        "target_groups": ["barn", "unga", "familjer", "vuxna"],
        "districts": ["stenhamra", "ska", "farentuna"],
        "languages": ["sv"],
        "sdg_goals": [3],
        "email": "info@stenhamraif.example",
        "website": "https://stenhamraif.example",
        "phone": "08-465 004 18",
        "accessibility": "",
        "verified": False,
        "representatives": [("Tobias", "Wiklund")],
    },
    {
        "name": "Ekerö Segelsällskap",
        "kind": "association",
        "organisation_number": "802532-8280",
        "summary": "Seglarskola för barn och vuxna, kappsegling och gemenskap vid Mälaren.",
        "description": (
            "Ekerö Segelsällskap är en förening för dig som gillar att segla. "
            "Vi har seglarskola för barn från åtta år och för vuxna nybörjare.\n\n"
            "Seglarskolan håller till vid vår brygga i juni och augusti. Barnen seglar optimistjollar. "
            "Vuxna seglar i större kölbåtar.\n\n"
            "Vi samarbetar med Handikappseglarklubben Vindens Vänner och delar brygga och båtar med dem.\n\n"
            "Anmälan till seglarskolan öppnar i mars. Alla deltagare måste kunna simma 200 meter."
        ),
        "areas": ["fritid", "natur"],
        "target_groups": ["barn", "unga", "vuxna"],
        "districts": ["ekero-centrum", "helgo"],
        "languages": ["sv", "en"],
        "sdg_goals": [3, 14],
        "email": "seglarskola@ekerosegel.example",
        "website": "https://ekerosegel.example",
        "phone": "",
        "accessibility": "",
        "verified": True,
        "representatives": [("Niklas", "Bergstrand")],
    },
    {
        "name": "Ekerö Simsällskap",
        "kind": "association",
        "organisation_number": "802657-9568",
        "summary": "Simskola för barn och vuxna. Vi har också simkurser för vuxna som aldrig har lärt sig simma.",
        "description": (
            "Ekerö Simsällskap lär barn och vuxna att simma. Vi har simskola i flera nivåer och en tävlingsgrupp för unga.\n\n"
            "Vi har en simkurs för vuxna som aldrig har lärt sig simma. En av grupperna är bara för kvinnor och har kvinnliga ledare. "
            "Kursen är gratis för dig som är ny i Sverige.\n\n"
            "Alla kurser är i simhallen i Ekerö centrum. Anmälan görs på vår webbplats."
        ),
        "areas": ["fritid", "folkhalsa", "integration"],
        "target_groups": ["barn", "vuxna", "nyanlanda"],
        "districts": ["ekero-centrum"],
        "languages": ["sv", "ar", "so", "ti"],
        "sdg_goals": [3, 5, 10],
        "email": "simskola@ekerosim.example",
        "website": "https://ekerosim.example",
        "phone": "08-465 004 19",
        "accessibility": "Simhallen har lyft till bassängen och ett omklädningsrum för familjer och för dig som behöver hjälp.",
        "verified": True,
        "representatives": [("Emma", "Sjödin"), ("Khalid", "Osman")],
    },
    {
        "name": "Ekerö Ridklubb",
        "kind": "association",
        "organisation_number": "802064-1471",
        "summary": "Ridskola på Färingsö för barn, unga och vuxna. Vi har också anpassad ridning för dig med funktionsnedsättning.",
        "description": (
            "Ekerö Ridklubb driver en ridskola med 25 hästar och ponnyer på Färingsö.\n\n"
            "Du kan rida en gång i veckan i en grupp som passar din nivå. "
            "Vi har också anpassad ridning med extra ledare för dig som har en funktionsnedsättning.\n\n"
            "Många unga hjälper till i stallet och går vår ungdomsledarutbildning.\n\n"
            "Ställ dig i kö på vår webbplats. Du kan också boka en prova-på-lektion."
        ),
        "areas": ["fritid"],
        "target_groups": ["barn", "unga", "vuxna", "funktionsnedsattning"],
        "districts": ["farentuna", "ska"],
        "languages": ["sv"],
        "sdg_goals": [3, 10],
        "email": "ridskola@ekeroridklubb.example",
        "website": "https://ekeroridklubb.example",
        "phone": "08-465 004 20",
        "accessibility": "Vi har en ramp för att komma upp på hästen. Stallet och ridhuset går att nå med rullstol.",
        "verified": False,
        "representatives": [("Matilda", "Hansson")],
    },
    {
        "name": "Friluftsfrämjandet Mälaröarna",
        "kind": "association",
        "organisation_number": "802403-6041",
        "summary": "Friluftsliv för alla åldrar: Skogsmulle för barn, vandring, paddling och långfärdsskridsko.",
        "description": (
            "Friluftsfrämjandet Mälaröarna vill att fler ska vara ute i naturen. Vi har aktiviteter för alla åldrar.\n\n"
            "För barn har vi Skogsmulle och Strövare. För vuxna har vi vandring, paddling och långfärdsskridsko när isen bär.\n\n"
            "Vi har också en grupp för dig som är ny i Sverige och vill lära dig om allemansrätten och svenskt friluftsliv. "
            "Vi lånar ut kläder och utrustning.\n\n"
            "Alla aktiviteter finns i vår kalender. Anmäl dig där."
        ),
        "areas": ["natur", "fritid", "folkhalsa"],
        "target_groups": ["barn", "familjer", "vuxna", "nyanlanda"],
        "districts": ["ekero-centrum", "lovo", "stenhamra", "munso", "adelso"],
        "languages": ["sv", "en"],
        "sdg_goals": [3, 13, 15],
        "email": "malaroarna@friluftsframjandet.example",
        "website": "https://friluftsframjandet.example/malaroarna",
        "phone": "",
        "accessibility": "Vissa vandringar går på plana grusvägar som passar rullstol och barnvagn. De är märkta i kalendern.",
        "verified": True,
        "representatives": [("Klara", "Sandström")],
    },
    # ------------------------------------------------------------------
    # Culture, heritage and nature
    # ------------------------------------------------------------------
    {
        "name": "Adelsö-Munsö hembygdsförening",
        "kind": "association",
        "organisation_number": "802002-1559",
        "summary": "Vi bevarar och berättar om historien på Adelsö och Munsö, med hembygdsgård, guidade vandringar och midsommarfirande.",
        "description": (
            "Adelsö-Munsö hembygdsförening vårdar kulturarvet på de två öarna. "
            "Vi tar hand om hembygdsgården och samlar gamla foton, föremål och berättelser.\n\n"
            "På sommaren har hembygdsgården öppet på söndagar. Vi guidar vid Alsnö hus och gravfälten på Adelsö. "
            "Varje år firar vi midsommar tillsammans på hembygdsgården.\n\n"
            "Vår arkivgrupp träffas varannan vecka. Du kan hjälpa till att skanna bilder eller skriva ner minnen.\n\n"
            "Alla som är intresserade av öarnas historia är välkomna som medlemmar."
        ),
        "areas": ["kultur", "varldsarv", "natur"],
        "target_groups": ["vuxna", "aldre", "familjer"],
        "districts": ["adelso", "munso"],
        "languages": ["sv"],
        "sdg_goals": [11],
        "email": "info@adelsomunsohembygd.example",
        "website": "https://adelsomunsohembygd.example",
        "phone": "08-465 004 21",
        "accessibility": "Hembygdsgårdens stora stuga har ramp. Gravfälten har gräs och ojämn mark.",
        "verified": True,
        "representatives": [("Ulf", "Engdahl"), ("Berit", "Lindroth")],
    },
    {
        "name": "Färingsö hembygdsförening",
        "kind": "association",
        "organisation_number": "802056-9516",
        "summary": "Hembygdsförening för Färentuna, Hilleshög och Skå. Vi ordnar bygdevandringar, slåtter och berättarkvällar.",
        "description": (
            "Färingsö hembygdsförening samlar dig som är intresserad av bygdens historia och natur.\n\n"
            "Vi ordnar bygdevandringar, slåtter på en gammal äng och berättarkvällar där äldre Färingsöbor delar minnen. "
            "Vi har också en julmarknad i december.\n\n"
            "Vi tar gärna emot nya medlemmar, även om du nyss har flyttat hit."
        ),
        "areas": ["kultur", "natur"],
        "target_groups": ["vuxna", "aldre", "familjer"],
        "districts": ["farentuna", "ska", "stenhamra"],
        "languages": ["sv"],
        "sdg_goals": [11, 15],
        "email": "kontakt@faringsohembygd.example",
        "website": "",
        "phone": "",
        "accessibility": "",
        "verified": False,
        "representatives": [("Håkan", "Fernström")],
    },
    {
        "name": "Världsarvsvännerna Birka och Drottningholm",
        "kind": "association",
        "organisation_number": "802621-6955",
        "summary": "Vänförening för öarnas två världsarv. Vi guidar, föreläser och hjälper till vid evenemang på Birka och Drottningholm.",
        "description": (
            "Ekerö kommun har två världsarv: Drottningholms slott och Birka med Hovgården. "
            "Vår förening samlar dig som vill lära dig mer om dem och visa dem för andra.\n\n"
            "Under vinterhalvåret har vi föreläsningar. På sommaren gör vi studieresor. "
            "Medlemmar kan gå en kurs och bli värdar vid evenemang.\n\n"
            "Varje år ordnar vi en världsarvsdag för skolorna. Då besöker elever i årskurs 4 Birka eller Drottningholm.\n\n"
            "Du blir medlem genom att betala medlemsavgiften. Läs mer på vår webbplats."
        ),
        "areas": ["varldsarv", "kultur", "utbildning"],
        "target_groups": ["vuxna", "aldre", "barn"],
        "districts": ["lovo", "adelso"],
        "languages": ["sv", "en", "de"],
        "sdg_goals": [4, 11],
        "email": "info@varldsarvsvannerna.example",
        "website": "https://varldsarvsvannerna.example",
        "phone": "08-465 004 22",
        "accessibility": "Föreläsningarna har hörslinga. Båten till Birka har plats för rullstol, men stigarna på ön är branta på sina ställen.",
        "verified": True,
        "representatives": [("Marianne", "Tillberg")],
    },
    {
        "name": "Naturskyddsföreningen Ekerö",
        "kind": "association",
        "organisation_number": "802411-3477",
        "summary": "Vi arbetar för naturen på Mälaröarna med utflykter, naturvård och synpunkter på kommunens planer.",
        "description": (
            "Naturskyddsföreningen Ekerö är en lokal krets i Naturskyddsföreningen. "
            "Vi vill att fler ska upptäcka och värna naturen på öarna.\n\n"
            "Vi ordnar utflykter om fåglar, svamp och ängsblommor. "
            "Varje sommar har vi slåtter på en äng på Lovö tillsammans med andra föreningar.\n\n"
            "Vi lämnar också synpunkter på kommunens planer när de påverkar naturen, till exempel strandskydd och ny bebyggelse.\n\n"
            "Våra utflykter är öppna för alla och kostar ingenting."
        ),
        "areas": ["natur"],
        "target_groups": ["vuxna", "familjer", "barn"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska", "farentuna", "munso", "adelso", "lovo", "helgo"],
        "languages": ["sv"],
        "sdg_goals": [13, 14, 15],
        "email": "ekero@naturskydd.example",
        "website": "https://naturskydd.example/ekero",
        "phone": "",
        "accessibility": "",
        "verified": True,
        "representatives": [("Lotta", "Granberg")],
    },
    {
        "name": "Mälaröarnas kammarkör",
        "kind": "association",
        "organisation_number": "802563-5874",
        "summary": "Blandad kör med cirka 35 sångare. Vi sjunger allt från folkmusik till klassiska verk och ger konserter i öarnas kyrkor.",
        "description": (
            "Mälaröarnas kammarkör är en blandad kör för vuxna. Vi repeterar på måndagskvällar i Skå bygdegård.\n\n"
            "Vi ger två stora konserter om året, i advent och på våren. Vi sjunger ofta i Ekerö kyrka och i Adelsö kyrka.\n\n"
            "Just nu söker vi tenorer och basar. Du behöver inte kunna läsa noter. Kontakta oss för att boka en provsjungning."
        ),
        "areas": ["kultur"],
        "target_groups": ["vuxna", "aldre"],
        "districts": ["ekero-centrum", "adelso"],
        "languages": ["sv"],
        "sdg_goals": [3, 11],
        "email": "kor@malaroarnaskammarkor.example",
        "website": "https://malaroarnaskammarkor.example",
        "phone": "",
        "accessibility": "Repetitionslokalen har hiss. Konserterna i Ekerö kyrka har hörslinga.",
        "verified": False,
        "representatives": [("Viveka", "Ahlström")],
    },
    {
        "name": "Teaterföreningen Öscenen",
        "kind": "association",
        "organisation_number": "802058-8946",
        "summary": "Amatörteater för unga och vuxna. Vi sätter upp en föreställning varje år och har teaterkurser på vintern.",
        "description": (
            "Öscenen är en amatörteater på Ekerö. Vi spelar allt från komedi till nyskrivna pjäser om livet på öarna.\n\n"
            "Varje vår sätter vi upp en föreställning. Alla kan vara med, på scen eller bakom den med ljus, kostym och scenbygge.\n\n"
            "På vintern har vi teaterkurser för unga från 12 år och för vuxna. Kurserna är på tisdagar.\n\n"
            "Skicka ett mejl om du vill vara med i nästa uppsättning."
        ),
        "areas": ["kultur"],
        "target_groups": ["unga", "vuxna"],
        "districts": ["ekero-centrum"],
        "languages": ["sv"],
        "sdg_goals": [4, 10],
        "email": "hej@oscenen.example",
        "website": "https://oscenen.example",
        "phone": "",
        "accessibility": "Salongen har platser för rullstol och hörslinga.",
        "verified": False,
        "representatives": [("Alva", "Lindman"), ("Joel", "Rask")],
    },
    {
        "name": "Ekerö Konstförening",
        "kind": "association",
        "organisation_number": "802015-8286",
        "summary": "Konstförening med utställningar, konstlotteri och öppen ateljé för alla som vill måla.",
        "description": (
            "Ekerö Konstförening vill göra konst tillgänglig för alla på öarna.\n\n"
            "Vi ordnar utställningar med lokala konstnärer och har ett konstlotteri för medlemmarna varje år. "
            "På lördagar har vi öppen ateljé där du kan måla tillsammans med andra. Material finns på plats.\n\n"
            "Vi gör också konstresor till museer och gallerier i Stockholm.\n\n"
            "Bli medlem på vår webbplats eller på nästa vernissage."
        ),
        "areas": ["kultur"],
        "target_groups": ["vuxna", "aldre"],
        "districts": ["ekero-centrum", "trakvista"],
        "languages": ["sv"],
        "sdg_goals": [11],
        "email": "info@ekerokonst.example",
        "website": "https://ekerokonst.example",
        "phone": "",
        "accessibility": "Ateljén ligger i markplan.",
        "verified": True,
        "representatives": [("Yvonne", "Stenberg")],
    },
    {
        "name": "Mälaröarnas släktforskarförening",
        "kind": "association",
        "organisation_number": "802665-3306",
        "summary": "Vi hjälper dig att släktforska. Vi har forskarkvällar på biblioteket och kurser för nybörjare.",
        "description": (
            "Mälaröarnas släktforskarförening samlar dig som vill veta mer om dina förfäder.\n\n"
            "Varannan onsdag har vi forskarkväll på Ekerö bibliotek. Där hjälper erfarna medlemmar dig med kyrkböcker och digitala arkiv.\n\n"
            "Vi har nybörjarkurs två gånger om året tillsammans med ett studieförbund. "
            "Vi hjälper också dig som har släkt i andra länder."
        ),
        "areas": ["kultur", "utbildning"],
        "target_groups": ["aldre", "vuxna"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "fi"],
        "sdg_goals": [4],
        "email": "slakt@malaroslakt.example",
        "website": "",
        "phone": "",
        "accessibility": "Biblioteket har hiss och handikapptoalett.",
        "verified": False,
        "representatives": [("Sten", "Åberg")],
    },
    {
        "name": "Ekerö Schackklubb",
        "kind": "association",
        "organisation_number": "802077-9776",
        "summary": "Schack för alla åldrar och nivåer. Vi har juniorträning, klubbkvällar och turneringar.",
        "description": (
            "Ekerö Schackklubb är öppen för alla som vill spela schack, från nybörjare till erfarna spelare.\n\n"
            "Juniorerna tränar på onsdagar efter skolan. Vuxna spelar på torsdagskvällar. "
            "Vi åker också på turneringar runt om i Stockholm.\n\n"
            "Schack är ett språk som alla förstår. Många medlemmar har kommit till Sverige de senaste åren.\n\n"
            "Du behöver inte anmäla dig. Kom till en klubbkväll och spela ett parti."
        ),
        "areas": ["fritid", "kultur", "integration"],
        "target_groups": ["barn", "unga", "vuxna", "nyanlanda"],
        "districts": ["ekero-centrum"],
        "languages": ["sv", "en", "fa", "uk"],
        "sdg_goals": [4, 10],
        "email": "schack@ekeroschack.example",
        "website": "https://ekeroschack.example",
        "phone": "",
        "accessibility": "Lokalen ligger i markplan.",
        "verified": True,
        "representatives": [("Mehdi", "Sadeghi")],
    },
    {
        "name": "Skå bygdegårdsförening",
        "kind": "association",
        "organisation_number": "802172-9556",
        "summary": "Vi driver bygdegården i Skå, en mötesplats för fester, kurser, loppisar och föreningsmöten.",
        "description": (
            "Skå bygdegårdsförening äger och driver bygdegården. Den är en mötesplats för alla som bor på Färingsö.\n\n"
            "Här har vi pubkvällar, loppisar, dans och kurser. Andra föreningar kan hyra lokalen för möten. "
            "Privatpersoner kan hyra den för fester.\n\n"
            "Föreningen drivs av frivilliga. Vi behöver alltid hjälp med allt från städning till att ordna evenemang."
        ),
        "areas": ["kultur", "fritid"],
        "target_groups": ["vuxna", "familjer", "aldre"],
        "districts": ["ska", "farentuna", "stenhamra"],
        "languages": ["sv"],
        "sdg_goals": [11],
        "email": "boka@skabygdegard.example",
        "website": "https://skabygdegard.example",
        "phone": "08-465 004 23",
        "accessibility": "Stora salen har ramp och handikapptoalett.",
        "verified": True,
        "representatives": [("Roger", "Svahn")],
    },
    {
        "name": "Mälaröarnas finska förening",
        "kind": "association",
        "organisation_number": "802158-7871",
        "summary": "Förening för sverigefinnar och alla som gillar finsk kultur. Vi har kaffeträffar, sång och bastukvällar.",
        "description": (
            "Mälaröarnas finska förening samlar sverigefinnar och andra som är intresserade av finsk kultur och språk.\n\n"
            "Varannan tisdag har vi kaffeträff på Kajutan. Vi sjunger, spelar kort och pratar finska. "
            "På vintern har vi bastukväll en gång i månaden.\n\n"
            "Vi hjälper också kommunen att nå äldre som vill ha information på finska.\n\n"
            "Tervetuloa! Du är välkommen även om du inte pratar finska."
        ),
        "areas": ["kultur", "fritid"],
        "target_groups": ["aldre", "vuxna"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["fi", "sv"],
        "sdg_goals": [10, 11],
        "email": "suomi@malarofinska.example",
        "website": "",
        "phone": "",
        "accessibility": "Kajutan har ramp, hiss och hörslinga.",
        "verified": True,
        "representatives": [("Riitta", "Heikkinen")],
    },
    # ------------------------------------------------------------------
    # Children, youth and innovation
    # ------------------------------------------------------------------
    {
        "name": "Mälaröarnas scoutkår",
        "kind": "association",
        "organisation_number": "802017-9118",
        "summary": "Scouting för barn och unga från åtta år. Vi är ute i naturen, lär oss nya saker och tar ansvar tillsammans.",
        "description": (
            "Mälaröarnas scoutkår har scouting för barn och unga mellan 8 och 18 år. "
            "Vi träffas en kväll i veckan vid scoutstugan och är ute i skogen så mycket vi kan.\n\n"
            "Vi har hajker, paddling och läger på sommaren. Scouterna lär sig att göra upp eld, hitta med karta och ta hand om varandra.\n\n"
            "Alla barn ska kunna vara scouter. Vi lånar ut sovsäck och annan utrustning. Hör av dig om avgiften är ett hinder.\n\n"
            "Anmäl ditt barn till kön på vår webbplats. Vi söker också fler vuxna ledare."
        ),
        "areas": ["fritid", "natur", "utbildning"],
        "target_groups": ["barn", "unga"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra"],
        "languages": ["sv"],
        "sdg_goals": [4, 13, 15],
        "email": "kontakt@malaroscout.example",
        "website": "https://malaroscout.example",
        "phone": "",
        "accessibility": "Scoutstugan har en trappa in. Säg till så ordnar vi en aktivitet på en annan plats.",
        "verified": True,
        "representatives": [("Anton", "Jonsson"), ("Hedvig", "Malmberg")],
    },
    {
        "name": "Föreningen Unga Öar",
        "kind": "association",
        "organisation_number": "802024-2536",
        "summary": "Ungdomsförening som drivs av unga själva. Vi ordnar konserter, e-sport och de projekt som unga vill göra på öarna.",
        "description": (
            "Unga Öar är en förening för dig mellan 13 och 25 år. Det är medlemmarna som bestämmer vad föreningen gör.\n\n"
            "Vi har ordnat konserter, e-sportturneringar och en klädbytardag. "
            "Vi träffas på fredagar på fritidsgården i Stenhamra.\n\n"
            "Har du en idé? Kom till ett möte och berätta. Vi hjälper dig att söka pengar och hitta en lokal. "
            "Vi samarbetar med kommunens Idélabb.\n\n"
            "Det är gratis att vara medlem."
        ),
        "areas": ["fritid", "kultur", "innovation"],
        "target_groups": ["unga"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "en"],
        "sdg_goals": [4, 10, 16],
        "email": "hej@ungaoar.example",
        "website": "https://ungaoar.example",
        "phone": "",
        "accessibility": "Fritidsgården har ramp och handikapptoalett.",
        "verified": False,
        "representatives": [("Wilma", "Nilsson"), ("Elias", "Haddad")],
    },
    {
        "name": "Makerspace Mälaröarna",
        "kind": "association",
        "organisation_number": "802016-9036",
        "summary": "En verkstad där du kan bygga, laga och skapa. Vi har 3D-skrivare, symaskiner och verktyg som medlemmarna delar på.",
        "description": (
            "Makerspace Mälaröarna är en öppen verkstad. Här kan du laga en cykel, sy om kläder eller bygga en robot.\n\n"
            "Vi har 3D-skrivare, laserskärare, symaskiner och vanliga verktyg. Medlemmar lär varandra. "
            "På lördagar har vi reparationscafé där alla kan få hjälp att laga saker.\n\n"
            "Vi har kvällskurser i programmering för unga och i reparation för vuxna.\n\n"
            "Kom på en öppen kväll på onsdagar så visar vi dig runt."
        ),
        "areas": ["innovation", "utbildning", "natur"],
        "target_groups": ["unga", "vuxna"],
        "districts": ["ekero-centrum", "trakvista"],
        "languages": ["sv", "en"],
        "sdg_goals": [4, 9, 12],
        "email": "verkstad@makermalaro.example",
        "website": "https://makermalaro.example",
        "phone": "",
        "accessibility": "Verkstaden ligger i markplan. Vissa maskiner kräver att du kan stå upp.",
        "verified": False,
        "representatives": [("Oskar", "Lindahl")],
    },
    # ------------------------------------------------------------------
    # Integration and newcomers
    # ------------------------------------------------------------------
    {
        "name": "Öar utan gränser",
        "kind": "network",
        "organisation_number": None,
        "summary": "Nätverk för integration med cirka 300 personer och över 30 aktiviteter: språkcaféer, kultur, idrott och vänskapsmatchning.",
        "description": (
            "Öar utan gränser är ett nätverk för dig som vill bidra till ett bra mottagande av nya Ekeröbor. "
            "Här finns cirka 300 personer från föreningar, kyrkor, företag och kommunen, och många som engagerar sig på egen hand.\n\n"
            "Tillsammans driver vi över 30 aktiviteter. Det är bland annat språkcaféer, körsång, fotboll, cykelkurser och vänskapsmatchning.\n\n"
            "Vi har nätverksträffar fyra gånger om året. Där delar vi erfarenheter, ser vilka behov som finns och hittar vem som kan hjälpa till.\n\n"
            "Vill du vara med? Skicka ett mejl så lägger vi till dig på vår e-postlista."
        ),
        "areas": ["integration", "kultur", "fritid"],
        "target_groups": ["nyanlanda", "familjer", "vuxna", "unga"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska", "farentuna", "munso", "adelso", "lovo", "helgo"],
        "languages": ["sv", "en", "ar", "fa", "ti", "so", "uk"],
        "sdg_goals": [4, 10, 17],
        "email": "hej@oarutangranser.example",
        "website": "https://oarutangranser.example",
        "phone": "",
        "accessibility": "De flesta aktiviteter är i tillgängliga lokaler. Se varje aktivitet för detaljer.",
        "verified": False,
        "representatives": [("Lina", "Westergren"), ("Abdullahi", "Hussein")],
    },
    {
        "name": "Vänfamiljs- och bosättningsnätverket",
        "kind": "network",
        "organisation_number": None,
        "summary": "Vi matchar nyanlända familjer med vänfamiljer och hjälper till med möbler när någon flyttar in i en ny bostad.",
        "description": (
            "Vänfamiljs- och bosättningsnätverket startade 2015, när många nyanlända och ensamkommande barn kom till Ekerö. "
            "I nätverket finns föreningar, Ekerö pastorat och enskilda Ekeröbor.\n\n"
            "En vänfamilj träffar en nyanländ familj några gånger i månaden. Ni kan fika, gå ut i naturen eller läsa ett brev från en myndighet tillsammans. "
            "Vi matchar efter intressen, barnens åldrar och var ni bor.\n\n"
            "Vi har också ett återbruksflöde. Du kan skänka möbler och husgeråd. Vi lämnar dem till nyanlända som flyttar in i en tom lägenhet.\n\n"
            "En koordinator håller ihop nätverket. Kontakta oss om du vill bli vänfamilj eller skänka möbler."
        ),
        "areas": ["integration", "omsorg"],
        "target_groups": ["nyanlanda", "familjer"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska", "farentuna", "munso", "adelso", "lovo", "helgo"],
        "languages": ["sv", "en", "ar", "fa", "ti", "so"],
        "sdg_goals": [1, 10, 11, 17],
        "email": "vanfamilj@bosattningsnatverket.example",
        "website": "https://bosattningsnatverket.example",
        "phone": "08-465 004 24",
        "accessibility": "",
        "verified": False,
        "representatives": [("Ingela", "Rydberg")],
    },
    {
        "name": "Språkcaféet Ekerö",
        "kind": "network",
        "organisation_number": None,
        "summary": "Öva svenska i en avslappnad miljö. Vi träffas varje vecka på biblioteket och pratar om allt möjligt.",
        "description": (
            "Språkcaféet är ett nätverk av frivilliga som hjälper dig att öva svenska. "
            "Vi träffas på tisdagar klockan 18–20 på Ekerö bibliotek. I Stenhamra träffas vi på torsdagar.\n\n"
            "Du sitter vid ett bord med några andra och en frivillig. Ni pratar om vardagliga saker. Det finns kaffe och te.\n\n"
            "Du behöver inte anmäla dig och det kostar ingenting. Alla nivåer är välkomna.\n\n"
            "Vill du vara frivillig? Du behöver bara tycka om att prata och lyssna."
        ),
        "areas": ["integration", "utbildning"],
        "target_groups": ["nyanlanda", "vuxna"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "en", "ar", "fa", "ti", "so", "uk"],
        "sdg_goals": [4, 10],
        "email": "sprakcafe@oarutangranser.example",
        "website": "",
        "phone": "",
        "accessibility": "Båda biblioteken har hiss och handikapptoalett.",
        "verified": False,
        "representatives": [("Gudrun", "Persson")],
    },
    {
        "name": "Kvinnor på öarna",
        "kind": "network",
        "organisation_number": None,
        "summary": "Mötesplats för kvinnor som är nya i Sverige. Vi fikar, cyklar, lagar mat och lär oss om samhället tillsammans.",
        "description": (
            "Kvinnor på öarna är ett nätverk för kvinnor som är nya i Sverige och kvinnor som har bott här länge.\n\n"
            "Vi träffas på fredagar förmiddag. Ibland lagar vi mat, ibland har vi besök av någon som berättar om skolan, vården eller arbetsmarknaden. "
            "På våren har vi cykelkurs för dig som vill lära dig cykla.\n\n"
            "Du får ta med dig små barn. Det finns leksaker och någon som leker med barnen.\n\n"
            "Du behöver inte anmäla dig. Kom när du vill."
        ),
        "areas": ["integration", "folkhalsa", "arbetsmarknad"],
        "target_groups": ["nyanlanda", "vuxna"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "ar", "fa", "ti", "so", "uk"],
        "sdg_goals": [5, 8, 10],
        "email": "kvinnor@kvinnorpaoarna.example",
        "website": "",
        "phone": "",
        "accessibility": "Lokalen ligger i markplan och det finns skötrum.",
        "verified": False,
        "representatives": [("Nasrin", "Ahmadi"), ("Eva", "Sundqvist")],
    },
    {
        "name": "Läxhjälpsnätverket Öarna",
        "kind": "network",
        "organisation_number": None,
        "summary": "Gratis läxhjälp för barn och unga. Frivilliga hjälper till med alla ämnen två eftermiddagar i veckan.",
        "description": (
            "Läxhjälpsnätverket är frivilliga som hjälper barn och unga med skolarbetet. "
            "Många av oss är pensionerade lärare eller studenter.\n\n"
            "Vi finns på Ekerö bibliotek på onsdagar klockan 15.30–17.30 och på Stenhamra fritidsgård på måndagar klockan 16–17.30. "
            "Du kan få hjälp med matte, svenska, engelska och andra ämnen.\n\n"
            "Några av våra frivilliga pratar arabiska, dari, tigrinja eller somaliska. De kan förklara på ditt språk.\n\n"
            "Det är gratis och du behöver inte anmäla dig."
        ),
        "areas": ["utbildning", "integration"],
        "target_groups": ["barn", "unga", "nyanlanda"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "en", "ar", "fa", "ti", "so"],
        "sdg_goals": [4, 10],
        "email": "laxhjalp@laxhjalpoarna.example",
        "website": "",
        "phone": "",
        "accessibility": "Båda biblioteken har hiss och handikapptoalett.",
        "verified": False,
        "representatives": [("Kjell", "Moberg")],
    },
    {
        "name": "Odla tillsammans Ekerö",
        "kind": "network",
        "organisation_number": None,
        "summary": "Gemensamma odlingar där nya och gamla Ekeröbor odlar grönsaker, delar på skörden och lär av varandra.",
        "description": (
            "Odla tillsammans är ett nätverk som har två gemensamma odlingar, en i Ekerö centrum och en i Stenhamra.\n\n"
            "Varje familj eller person får en egen odlingslåda. Vi delar på verktyg, vatten och kunskap. "
            "Många kommer från länder där man odlar annorlunda, så vi lär oss mycket av varandra.\n\n"
            "Vi har arbetsdagar på lördagar från april till oktober och en skördefest i september.\n\n"
            "Mejla oss om du vill ha en odlingslåda. Det finns en kö."
        ),
        "areas": ["natur", "integration", "folkhalsa"],
        "target_groups": ["familjer", "nyanlanda", "aldre"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "ar", "fa", "ti"],
        "sdg_goals": [2, 11, 15],
        "email": "odla@odlatillsammans.example",
        "website": "",
        "phone": "",
        "accessibility": "Några odlingslådor är upphöjda så att du kan odla från en rullstol.",
        "verified": False,
        "representatives": [("Yosef", "Tesfay")],
    },
    {
        "name": "Ukrainska föreningen Mälaröarna",
        "kind": "association",
        "organisation_number": "802585-3907",
        "summary": "Förening för ukrainare på Ekerö och alla som vill stötta dem. Vi har träffar, barnaktiviteter och hjälp med kontakter i Sverige.",
        "description": (
            "Ukrainska föreningen Mälaröarna startade 2022. Vi samlar ukrainare som bor på öarna och svenskar som vill hjälpa till.\n\n"
            "Varje lördag har vi träff för familjer. Barnen har lek och ukrainskalektion. "
            "De vuxna kan fika och få hjälp med frågor om bostad, skola och arbete.\n\n"
            "Vi firar också ukrainska högtider och bjuder in alla Ekeröbor.\n\n"
            "Skriv till oss på ukrainska, svenska eller engelska."
        ),
        "areas": ["integration", "kultur"],
        "target_groups": ["nyanlanda", "familjer", "barn"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra"],
        "languages": ["uk", "sv", "en"],
        "sdg_goals": [10, 16],
        "email": "kontakt@ukrainamalaro.example",
        "website": "",
        "phone": "",
        "accessibility": "",
        "verified": False,
        "representatives": [("Olha", "Marchenko")],
    },
    {
        "name": "Somaliska familjeföreningen Ekerö",
        "kind": "association",
        "organisation_number": "802401-5334",
        "summary": "Förening för somaliska familjer. Vi stöttar föräldrar i kontakten med skolan och har aktiviteter för barn och unga.",
        "description": (
            "Somaliska familjeföreningen Ekerö arbetar för att barn och föräldrar ska må bra och lyckas i Sverige.\n\n"
            "Vi har föräldraträffar där vi pratar om skolan, fritiden och hur samhället fungerar. "
            "Ibland kommer lärare eller personal från kommunen och svarar på frågor.\n\n"
            "För barn och unga har vi fotboll och läxhjälp på helgerna.\n\n"
            "Alla är välkomna, även om du inte har somalisk bakgrund."
        ),
        "areas": ["integration", "utbildning", "fritid"],
        "target_groups": ["familjer", "barn", "unga", "nyanlanda"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["so", "sv", "en"],
        "sdg_goals": [4, 10],
        "email": "info@somaliskafamiljer.example",
        "website": "",
        "phone": "",
        "accessibility": "",
        "verified": False,
        "representatives": [("Faisal", "Abdi")],
    },
    # ------------------------------------------------------------------
    # Faith communities
    # ------------------------------------------------------------------
    {
        "name": "Svenska kyrkan Ekerö församling",
        "kind": "faith",
        "organisation_number": "252155-4606",
        "summary": "Församlingen har gudstjänster, barn- och ungdomsverksamhet, samtalsstöd och öppna träffar för alla åldrar.",
        "description": (
            "Svenska kyrkan Ekerö församling har kyrkor och församlingshem på flera öar. Alla är välkomna, oavsett tro.\n\n"
            "Vi har öppen förskola, körer för barn och vuxna, konfirmation och luncher för seniorer. "
            "Våra präster och diakoner erbjuder samtal. Du kan vara anonym.\n\n"
            "Vi är med i anhöriglänken och samarbetar med kommunens fältgrupp. "
            "Tillsammans med kommunen finansierar Ekerö pastorat delar av Vänfamiljs- och bosättningsnätverket.\n\n"
            "Ring expeditionen eller titta i kalendern på vår webbplats."
        ),
        "areas": ["kultur", "omsorg", "integration"],
        "target_groups": ["familjer", "barn", "unga", "aldre", "nyanlanda"],
        "districts": ["ekero-centrum", "trakvista", "lovo", "helgo", "munso", "adelso"],
        "languages": ["sv", "en"],
        "sdg_goals": [1, 3, 10, 17],
        "email": "expedition@ekeroforsamling.example",
        "website": "https://ekeroforsamling.example",
        "phone": "08-465 004 25",
        "accessibility": "Ekerö kyrka och församlingshemmet har ramp och hörslinga. Vissa medeltida kyrkor har trappor vid ingången.",
        "verified": False,
        "representatives": [("Ann-Sofie", "Kjellberg"), ("Martin", "Lövgren")],
    },
    {
        "name": "Equmeniakyrkan Färingsö",
        "kind": "faith",
        "organisation_number": "802075-9810",
        "summary": "Frikyrkoförsamling i Stenhamra med gudstjänster, scouter, barnkör och secondhandbutik.",
        "description": (
            "Equmeniakyrkan Färingsö är en frikyrkoförsamling i Stenhamra.\n\n"
            "Vi har gudstjänst på söndagar, barnkör på onsdagar och en scoutgrupp för barn från åtta år. "
            "Varje vardag har vi öppet i vår secondhandbutik. Överskottet går till hjälpinsatser.\n\n"
            "På torsdagar har vi soppluncher som alla är välkomna till. Lunchen kostar det du vill betala."
        ),
        "areas": ["kultur", "fritid", "omsorg"],
        "target_groups": ["familjer", "barn", "aldre"],
        "districts": ["stenhamra", "ska", "farentuna"],
        "languages": ["sv", "en"],
        "sdg_goals": [1, 10, 12],
        "email": "info@equmeniafaringso.example",
        "website": "https://equmeniafaringso.example",
        "phone": "",
        "accessibility": "Kyrksalen och butiken har ramp. Det finns hörslinga.",
        "verified": False,
        "representatives": [("Jakob", "Östlund")],
    },
    {
        "name": "Islamiska kulturföreningen Mälaröarna",
        "kind": "faith",
        "organisation_number": "802505-8077",
        "summary": "Muslimsk förening med fredagsbön, läxhjälp och öppna samtal om tro och vardag.",
        "description": (
            "Islamiska kulturföreningen Mälaröarna samlar muslimer som bor på öarna. "
            "Vi har fredagsbön i en hyrd lokal i Ekerö centrum.\n\n"
            "På lördagar har vi läxhjälp för barn och en samtalsgrupp för kvinnor. "
            "Under ramadan bjuder vi in grannar och andra föreningar till iftar.\n\n"
            "Vi är med i nätverket Öar utan gränser och samarbetar med Svenska kyrkan i samtal mellan religioner.\n\n"
            "Alla är välkomna att besöka oss. Kontakta oss innan om du kommer med en grupp."
        ),
        "areas": ["integration", "kultur", "utbildning"],
        "target_groups": ["familjer", "barn", "nyanlanda", "vuxna"],
        "districts": ["ekero-centrum", "trakvista"],
        "languages": ["sv", "ar", "so", "fa"],
        "sdg_goals": [4, 10, 16],
        "email": "info@ikfmalaroarna.example",
        "website": "",
        "phone": "",
        "accessibility": "Lokalen ligger i markplan.",
        "verified": False,
        "representatives": [("Yusuf", "Karimi")],
    },
    # ------------------------------------------------------------------
    # Study associations
    # ------------------------------------------------------------------
    {
        "name": "Studieförbundet Vuxenskolan Ekerö",
        "kind": "study",
        "organisation_number": "802097-2033",
        "summary": "Studiecirklar, kurser och kultur för alla. Vi leder anhöriggrupper och har cirklar på Kajutan och Stockbygården.",
        "description": (
            "Studieförbundet Vuxenskolan ordnar studiecirklar och kurser för dig som vill lära dig något nytt tillsammans med andra.\n\n"
            "På Kajutan och Stockbygården har vi läsecirklar och matlagning för herrar. "
            "Vi bidrar också med ledare till kommunens anhöriggrupper.\n\n"
            "Vi stöttar föreningar som vill starta en cirkel. Vi hjälper till med ledare, material och lokal.\n\n"
            "Se vårt kursutbud på webbplatsen eller ring oss."
        ),
        "areas": ["utbildning", "kultur", "omsorg"],
        "target_groups": ["vuxna", "aldre", "anhoriga"],
        "districts": ["ekero-centrum", "stenhamra", "trakvista"],
        "languages": ["sv", "en"],
        "sdg_goals": [4, 10],
        "email": "ekero@sv.example",
        "website": "https://sv.example/ekero",
        "phone": "08-465 004 26",
        "accessibility": "De flesta cirklar är i tillgängliga lokaler. Fråga oss om du behöver något särskilt.",
        "verified": False,
        "representatives": [("Susanne", "Blomqvist")],
    },
    {
        "name": "Studiefrämjandet Ekerö",
        "kind": "study",
        "organisation_number": "802645-6601",
        "summary": "Studiecirklar om natur, musik och hantverk. Här kan du måla porslin, spela i band eller lära dig om fåglar.",
        "description": (
            "Studiefrämjandet ordnar cirklar och kurser inom natur, miljö, musik och hantverk.\n\n"
            "På Kajutan och Stockbygården har vi porslinsmålning och andra hantverkscirklar för seniorer. "
            "Unga band kan repetera i vår replokal.\n\n"
            "Vi samarbetar med föreningar som Naturskyddsföreningen och Friluftsfrämjandet. "
            "Vill din förening ha en cirkel? Hör av dig så hjälper vi er."
        ),
        "areas": ["utbildning", "kultur", "natur"],
        "target_groups": ["vuxna", "aldre", "unga"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv"],
        "sdg_goals": [4, 15],
        "email": "ekero@studieframjandet.example",
        "website": "https://studieframjandet.example/ekero",
        "phone": "08-465 004 27",
        "accessibility": "Kajutan och Stockbygården har ramp och hiss. Replokalen ligger i källaren och har ingen hiss.",
        "verified": False,
        "representatives": [("Ronja", "Ekman")],
    },
    {
        "name": "ABF Mälaröarna",
        "kind": "study",
        "organisation_number": "802697-4900",
        "summary": "Kurser i svenska, samhällskunskap och data. Vi har också cirklar för föreningar och kultur för alla åldrar.",
        "description": (
            "ABF Mälaröarna är ett studieförbund som ordnar kurser och kultur.\n\n"
            "Vi har svenska från dag ett för dig som är ny i Sverige. Vi har också kurser i hur du använder mobilen, "
            "BankID och kommunens e-tjänster.\n\n"
            "Föreningar kan få stöd att ordna cirklar för sina medlemmar. Vi har även föreläsningar och konserter.\n\n"
            "Anmäl dig på vår webbplats eller kom förbi kontoret."
        ),
        "areas": ["utbildning", "integration", "arbetsmarknad"],
        "target_groups": ["vuxna", "nyanlanda", "aldre"],
        "districts": ["ekero-centrum", "stenhamra"],
        "languages": ["sv", "ar", "ti", "fa"],
        "sdg_goals": [4, 8, 10],
        "email": "malaroarna@abf.example",
        "website": "https://abf.example/malaroarna",
        "phone": "08-465 004 28",
        "accessibility": "Kurslokalen har hiss och hörslinga.",
        "verified": False,
        "representatives": [("Lejla", "Hodžić")],
    },
    # ------------------------------------------------------------------
    # Foundations
    # ------------------------------------------------------------------
    {
        "name": "Stiftelsen Öarnas Framtid",
        "kind": "foundation",
        "organisation_number": "802460-4814",
        "summary": "Stiftelse som ger stipendier och startpengar till unga och nyanlända som vill studera, starta något eller förverkliga en idé.",
        "description": (
            "Stiftelsen Öarnas Framtid bildades av företagare på Ekerö. Vi vill att unga och nyanlända ska kunna förverkliga sina idéer.\n\n"
            "Varje år delar vi ut stipendier till studier och startpengar till projekt som gör nytta på öarna. "
            "Det kan vara ett sommarlov, en idé om återbruk eller ett eget företag.\n\n"
            "Du söker via vår webbplats senast den 31 mars. Kommunens Idélabb kan hjälpa dig med ansökan."
        ),
        "areas": ["innovation", "utbildning", "arbetsmarknad"],
        "target_groups": ["unga", "nyanlanda"],
        "districts": ["ekero-centrum", "trakvista", "stenhamra", "ska", "farentuna", "munso", "adelso", "lovo", "helgo"],
        "languages": ["sv", "en"],
        "sdg_goals": [4, 8, 9],
        "email": "ansokan@oarnasframtid.example",
        "website": "https://oarnasframtid.example",
        "phone": "",
        "accessibility": "",
        "verified": False,
        "representatives": [("Christer", "Holm")],
    },
]


PEOPLE = [  # invented Swedish residents, including newcomers' names (first, last)
    ("Karin", "Holmberg"),
    ("Lars", "Ekström"),
    ("Maria", "Nyberg"),
    ("Johan", "Berglund"),
    ("Anders", "Wikström"),
    ("Lena", "Forsberg"),
    ("Per", "Hedlund"),
    ("Mikael", "Sandberg"),
    ("Elin", "Åkesson"),
    ("Sofia", "Strand"),
    ("Erik", "Blom"),
    ("Ingrid", "Palm"),
    ("Gunnar", "Öberg"),
    ("Linnea", "Dahl"),
    ("Henrik", "Mattsson"),
    ("Malin", "Engström"),
    ("Björn", "Hägglund"),
    ("Astrid", "Bergkvist"),
    ("Nils", "Fransson"),
    ("Ebba", "Hallberg"),
    ("Viktor", "Sjölund"),
    ("Ida", "Lindström"),
    ("Emil", "Ragnarsson"),
    ("Hanna", "Westerberg"),
    ("Jonas", "Törnqvist"),
    ("Maja", "Eklund"),
    ("Kerstin", "Boman"),
    ("Tomas", "Wallin"),
    ("Ulla", "Norén"),
    ("Greta", "Lindholm"),
    ("Ahmad", "Rahimi"),
    ("Fatima", "Yusuf"),
    ("Mohammed", "Al-Hassan"),
    ("Amina", "Warsame"),
    ("Yonas", "Tesfaye"),
    ("Selam", "Gebremedhin"),
    ("Zahra", "Hosseini"),
    ("Ali", "Jafari"),
    ("Olena", "Kovalenko"),
    ("Andrij", "Bondarenko"),
    ("Nour", "Haddad"),
    ("Omar", "Khalil"),
    ("Leila", "Moradi"),
    ("Samira", "Abdi"),
    ("Abdirahman", "Farah"),
    ("Hawa", "Nur"),
    ("Tesfalem", "Kidane"),
    ("Dawit", "Berhane"),
    ("Iryna", "Shevchuk"),
    ("Marta", "Rodríguez"),
    ("Carlos", "Mendoza"),
    ("Aino", "Virtanen"),
    ("Pekka", "Laine"),
    ("Sanna", "Koskinen"),
    ("Reza", "Mahmoudi"),
    ("Yasmin", "Osman"),
    ("Farhad", "Amiri"),
    ("Rahel", "Tekle"),
    ("Dmytro", "Melnyk"),
    ("Bashir", "Noor"),
]
