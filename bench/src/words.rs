//! The vocabulary the generator writes with: regions, cities, sectors, course kinds and
//! people's names in Hungarian, Polish and Russian (and English where a text is shown in all
//! four languages). Programme titles and descriptions start from the demo catalogue's sixty
//! hand-written programmes and vary them by sector and kind of course.

/// Names in hu, pl, ru, en.
pub type Names = [&'static str; 4];

/// A country: code and names.
pub const COUNTRIES: [(&str, Names); 3] = [
    ("HU", ["Magyarország", "Węgry", "Венгрия", "Hungary"]),
    ("PL", ["Lengyelország", "Polska", "Польша", "Poland"]),
    ("RU", ["Oroszország", "Rosja", "Россия", "Russia"]),
];

/// A region: country, code, names, its main city (in the country's language) and that city
/// as the institution names need it (Hungarian adjective, Polish locative, Russian nominative).
pub struct Region {
    pub country: &'static str,
    pub code: &'static str,
    pub names: Names,
    pub city: &'static str,
    pub city_form: &'static str,
}

pub const REGIONS: [Region; 20] = [
    region(
        "HU",
        "HU-BU",
        ["Budapest", "Budapeszt", "Будапешт", "Budapest"],
        "Budapest",
        "Budapesti",
    ),
    region(
        "HU",
        "HU-PE",
        [
            "Pest vármegye",
            "Komitat Peszt",
            "Медье Пешт",
            "Pest County",
        ],
        "Cegléd",
        "Ceglédi",
    ),
    region(
        "HU",
        "HU-KD",
        [
            "Közép-Dunántúl",
            "Zadunajskie Środkowe",
            "Центральное Задунавье",
            "Central Transdanubia",
        ],
        "Székesfehérvár",
        "Székesfehérvári",
    ),
    region(
        "HU",
        "HU-NY",
        [
            "Nyugat-Dunántúl",
            "Zadunajskie Zachodnie",
            "Западное Задунавье",
            "Western Transdanubia",
        ],
        "Győr",
        "Győri",
    ),
    region(
        "HU",
        "HU-DD",
        [
            "Dél-Dunántúl",
            "Zadunajskie Południowe",
            "Южное Задунавье",
            "Southern Transdanubia",
        ],
        "Pécs",
        "Pécsi",
    ),
    region(
        "HU",
        "HU-EM",
        [
            "Észak-Magyarország",
            "Węgry Północne",
            "Северная Венгрия",
            "Northern Hungary",
        ],
        "Miskolc",
        "Miskolci",
    ),
    region(
        "HU",
        "HU-EF",
        [
            "Észak-Alföld",
            "Nizina Północna",
            "Северный Альфёльд",
            "Northern Great Plain",
        ],
        "Debrecen",
        "Debreceni",
    ),
    region(
        "HU",
        "HU-DA",
        [
            "Dél-Alföld",
            "Nizina Południowa",
            "Южный Альфёльд",
            "Southern Great Plain",
        ],
        "Szeged",
        "Szegedi",
    ),
    region(
        "PL",
        "PL-MZ",
        [
            "Mazóviai vajdaság",
            "Województwo mazowieckie",
            "Мазовецкое воеводство",
            "Masovian Voivodeship",
        ],
        "Warszawa",
        "Warszawie",
    ),
    region(
        "PL",
        "PL-MA",
        [
            "Kis-lengyelországi vajdaság",
            "Województwo małopolskie",
            "Малопольское воеводство",
            "Lesser Poland Voivodeship",
        ],
        "Kraków",
        "Krakowie",
    ),
    region(
        "PL",
        "PL-SL",
        [
            "Sziléziai vajdaság",
            "Województwo śląskie",
            "Силезское воеводство",
            "Silesian Voivodeship",
        ],
        "Katowice",
        "Katowicach",
    ),
    region(
        "PL",
        "PL-WP",
        [
            "Nagy-lengyelországi vajdaság",
            "Województwo wielkopolskie",
            "Великопольское воеводство",
            "Greater Poland Voivodeship",
        ],
        "Poznań",
        "Poznaniu",
    ),
    region(
        "PL",
        "PL-DS",
        [
            "Alsó-sziléziai vajdaság",
            "Województwo dolnośląskie",
            "Нижнесилезское воеводство",
            "Lower Silesian Voivodeship",
        ],
        "Wrocław",
        "Wrocławiu",
    ),
    region(
        "PL",
        "PL-LD",
        [
            "Łódzi vajdaság",
            "Województwo łódzkie",
            "Лодзинское воеводство",
            "Łódź Voivodeship",
        ],
        "Łódź",
        "Łodzi",
    ),
    region(
        "PL",
        "PL-PM",
        [
            "Pomerániai vajdaság",
            "Województwo pomorskie",
            "Поморское воеводство",
            "Pomeranian Voivodeship",
        ],
        "Gdańsk",
        "Gdańsku",
    ),
    region(
        "RU",
        "RU-MOW",
        ["Moszkva", "Moskwa", "Москва", "Moscow"],
        "Москва",
        "Москва",
    ),
    region(
        "RU",
        "RU-SPE",
        [
            "Szentpétervár",
            "Petersburg",
            "Санкт-Петербург",
            "Saint Petersburg",
        ],
        "Санкт-Петербург",
        "Санкт-Петербург",
    ),
    region(
        "RU",
        "RU-TA",
        ["Tatárföld", "Tatarstan", "Татарстан", "Tatarstan"],
        "Казань",
        "Казань",
    ),
    region(
        "RU",
        "RU-SVE",
        [
            "Szverdlovszki terület",
            "Obwód swierdłowski",
            "Свердловская область",
            "Sverdlovsk Oblast",
        ],
        "Екатеринбург",
        "Екатеринбург",
    ),
    region(
        "RU",
        "RU-NVS",
        [
            "Novoszibirszki terület",
            "Obwód nowosybirski",
            "Новосибирская область",
            "Novosibirsk Oblast",
        ],
        "Новосибирск",
        "Новосибирск",
    ),
];

const fn region(
    country: &'static str,
    code: &'static str,
    names: Names,
    city: &'static str,
    city_form: &'static str,
) -> Region {
    Region {
        country,
        code,
        names,
        city,
        city_form,
    }
}

/// Patrons Hungarian vocational schools are named after.
const HU_PATRONS: [&str; 12] = [
    "Bánki Donát",
    "Kandó Kálmán",
    "Puskás Tivadar",
    "Jedlik Ányos",
    "Széchenyi István",
    "Neumann János",
    "Eötvös Loránd",
    "Bolyai János",
    "Irinyi János",
    "Ganz Ábrahám",
    "Than Károly",
    "Csonka János",
];
const HU_KINDS: [&str; 3] = ["Technikum", "Szakképző Iskola", "Technikum és Kollégium"];
const PL_KINDS: [&str; 4] = [
    "Zespół Szkół Zawodowych",
    "Technikum",
    "Branżowa Szkoła I Stopnia",
    "Zespół Szkół Technicznych",
];
const RU_KINDS: [&str; 4] = [
    "Политехнический колледж",
    "Технологический колледж",
    "Колледж строительства и сервиса",
    "Промышленно-экономический колледж",
];

/// The name of the `n`th institution of a region (n from 1).
pub fn institution_name(r: &Region, n: usize) -> String {
    match r.country {
        "HU" => format!(
            "{} SZC {} {}",
            r.city_form,
            HU_PATRONS[n % HU_PATRONS.len()],
            HU_KINDS[(n / HU_PATRONS.len()) % HU_KINDS.len()]
        ),
        "PL" => format!("{} nr {n} w {}", PL_KINDS[n % PL_KINDS.len()], r.city_form),
        _ => format!("{} № {n}, {}", RU_KINDS[n % RU_KINDS.len()], r.city_form),
    }
}

const HU_PROVIDERS: [&str; 4] = [
    "Pedagógiai Oktatási Központ",
    "Szakmai Továbbképző Intézet",
    "Gyakorlati Oktatói Akadémia",
    "Kamarai Képzési Központ",
];
const PL_PROVIDERS: [&str; 4] = [
    "Ośrodek Doskonalenia Nauczycieli",
    "Centrum Kształcenia Praktycznego",
    "Akademia Instruktorów Zawodu",
    "Regionalny Ośrodek Metodyczny",
];
const RU_PROVIDERS: [&str; 4] = [
    "Институт развития профессионального образования",
    "Центр повышения квалификации",
    "Академия мастеров производственного обучения",
    "Методический центр",
];

/// The name of the `n`th training provider of a region (n from 1).
pub fn provider_name(r: &Region, n: usize) -> String {
    let i = n % 4;
    match r.country {
        "HU" => format!("{} {} ({n})", r.city_form, HU_PROVIDERS[i]),
        "PL" => format!("{} nr {n} w {}", PL_PROVIDERS[i], r.city_form),
        _ => format!("{} № {n}, {}", RU_PROVIDERS[i], r.city_form),
    }
}

/// Sectors: code and names (the English one reads after "from").
pub const SECTORS: [(&str, Names); 12] = [
    (
        "MECH",
        [
            "gépipar",
            "przemysł maszynowy",
            "машиностроение",
            "mechanical engineering",
        ],
    ),
    (
        "AUTO",
        [
            "járműipar",
            "motoryzacja",
            "автомобилестроение",
            "the automotive industry",
        ],
    ),
    (
        "ELEC",
        [
            "villamosipar és elektronika",
            "elektrotechnika i elektronika",
            "электротехника и электроника",
            "electrical engineering and electronics",
        ],
    ),
    (
        "ICT",
        [
            "informatika és távközlés",
            "informatyka i telekomunikacja",
            "информатика и телекоммуникации",
            "IT and telecommunications",
        ],
    ),
    (
        "BUILD",
        ["építőipar", "budownictwo", "строительство", "construction"],
    ),
    (
        "HOSP",
        [
            "turizmus és vendéglátás",
            "turystyka i gastronomia",
            "туризм и гостеприимство",
            "tourism and hospitality",
        ],
    ),
    (
        "HEALTH",
        [
            "egészségügy",
            "ochrona zdrowia",
            "здравоохранение",
            "healthcare",
        ],
    ),
    (
        "SOCIAL",
        [
            "szociális ágazat",
            "pomoc społeczna",
            "социальная сфера",
            "social care",
        ],
    ),
    (
        "AGRI",
        [
            "mezőgazdaság és erdészet",
            "rolnictwo i leśnictwo",
            "сельское и лесное хозяйство",
            "agriculture and forestry",
        ],
    ),
    (
        "LOGI",
        [
            "közlekedés és logisztika",
            "transport i logistyka",
            "транспорт и логистика",
            "transport and logistics",
        ],
    ),
    (
        "TRADE",
        ["kereskedelem", "handel", "торговля", "retail and trade"],
    ),
    (
        "ENERGY",
        ["energetika", "energetyka", "энергетика", "energy"],
    ),
];

/// Kinds of course.
pub const KINDS: [Names; 14] = [
    [
        "alapozó kurzus",
        "kurs podstawowy",
        "базовый курс",
        "foundation course",
    ],
    [
        "haladó kurzus",
        "kurs zaawansowany",
        "продвинутый курс",
        "advanced course",
    ],
    [
        "gyakorlati műhely",
        "warsztat praktyczny",
        "практический семинар",
        "practical workshop",
    ],
    [
        "mesterkurzus",
        "kurs mistrzowski",
        "мастер-класс",
        "masterclass",
    ],
    [
        "intenzív hétvége",
        "intensywny weekend",
        "интенсивные выходные",
        "intensive weekend",
    ],
    [
        "mentorált program",
        "program z mentorem",
        "программа с наставником",
        "mentored programme",
    ],
    [
        "online modul",
        "moduł online",
        "онлайн-модуль",
        "online module",
    ],
    [
        "tapasztalatcsere",
        "wymiana doświadczeń",
        "обмен опытом",
        "experience exchange",
    ],
    [
        "kezdő oktatóknak",
        "dla początkujących nauczycieli",
        "для начинающих преподавателей",
        "for new instructors",
    ],
    [
        "gyakorlati oktatóknak",
        "dla instruktorów praktycznej nauki zawodu",
        "для мастеров производственного обучения",
        "for workplace instructors",
    ],
    [
        "intézményvezetőknek",
        "dla dyrektorów szkół",
        "для руководителей организаций",
        "for school leaders",
    ],
    [
        "nyári akadémia",
        "akademia letnia",
        "летняя академия",
        "summer academy",
    ],
    [
        "projektnap",
        "dzień projektowy",
        "проектный день",
        "project day",
    ],
    [
        "tanúsítványos program",
        "program z certyfikatem",
        "программа с сертификатом",
        "certificate programme",
    ],
];

/// The sentence that ties a description to its sector.
pub fn sector_sentence(lang: usize, sector: &str) -> String {
    match lang {
        0 => format!("A példák és a gyakorlatok ebből az ágazatból valók: {sector}."),
        1 => format!("Przykłady i ćwiczenia pochodzą z branży: {sector}."),
        2 => format!("Примеры и упражнения взяты из отрасли: {sector}."),
        _ => format!("Examples and exercises come from {sector}."),
    }
}

/// People's names: (female first names, male first names, family names for women, family
/// names for men). Hungarian names are written family name first.
pub struct NameBook {
    pub female: &'static [&'static str],
    pub male: &'static [&'static str],
    pub family_f: &'static [&'static str],
    pub family_m: &'static [&'static str],
    pub family_first: bool,
}

pub const HU_NAMES: NameBook = NameBook {
    female: &[
        "Anna",
        "Katalin",
        "Éva",
        "Zsuzsanna",
        "Erzsébet",
        "Ildikó",
        "Krisztina",
        "Andrea",
        "Judit",
        "Eszter",
        "Réka",
        "Noémi",
        "Boglárka",
        "Tímea",
    ],
    male: &[
        "László", "István", "József", "Zoltán", "Gábor", "Péter", "Tamás", "Attila", "Balázs",
        "Csaba", "Levente", "Dániel", "Ákos", "Bence",
    ],
    family_f: &[
        "Nagy",
        "Kovács",
        "Tóth",
        "Szabó",
        "Horváth",
        "Varga",
        "Kiss",
        "Molnár",
        "Németh",
        "Farkas",
        "Balogh",
        "Papp",
        "Takács",
        "Juhász",
        "Lakatos",
        "Mészáros",
        "Oláh",
        "Simon",
        "Rácz",
        "Fekete",
    ],
    family_m: &[
        "Nagy",
        "Kovács",
        "Tóth",
        "Szabó",
        "Horváth",
        "Varga",
        "Kiss",
        "Molnár",
        "Németh",
        "Farkas",
        "Balogh",
        "Papp",
        "Takács",
        "Juhász",
        "Lakatos",
        "Mészáros",
        "Oláh",
        "Simon",
        "Rácz",
        "Fekete",
    ],
    family_first: true,
};

pub const PL_NAMES: NameBook = NameBook {
    female: &[
        "Anna",
        "Katarzyna",
        "Małgorzata",
        "Agnieszka",
        "Barbara",
        "Ewa",
        "Magdalena",
        "Joanna",
        "Aleksandra",
        "Zofia",
        "Monika",
        "Beata",
        "Dorota",
        "Justyna",
    ],
    male: &[
        "Piotr",
        "Krzysztof",
        "Andrzej",
        "Tomasz",
        "Paweł",
        "Michał",
        "Marcin",
        "Jakub",
        "Grzegorz",
        "Łukasz",
        "Adam",
        "Wojciech",
        "Mateusz",
        "Rafał",
    ],
    family_f: &[
        "Nowak",
        "Kowalska",
        "Wiśniewska",
        "Wójcik",
        "Kowalczyk",
        "Kamińska",
        "Lewandowska",
        "Zielińska",
        "Szymańska",
        "Woźniak",
        "Dąbrowska",
        "Kozłowska",
        "Jankowska",
        "Mazur",
        "Kwiatkowska",
        "Krawczyk",
        "Piotrowska",
        "Grabowska",
        "Pawłowska",
        "Michalska",
    ],
    family_m: &[
        "Nowak",
        "Kowalski",
        "Wiśniewski",
        "Wójcik",
        "Kowalczyk",
        "Kamiński",
        "Lewandowski",
        "Zieliński",
        "Szymański",
        "Woźniak",
        "Dąbrowski",
        "Kozłowski",
        "Jankowski",
        "Mazur",
        "Kwiatkowski",
        "Krawczyk",
        "Piotrowski",
        "Grabowski",
        "Pawłowski",
        "Michalski",
    ],
    family_first: false,
};

pub const RU_NAMES: NameBook = NameBook {
    female: &[
        "Анна",
        "Елена",
        "Ольга",
        "Наталья",
        "Татьяна",
        "Ирина",
        "Светлана",
        "Мария",
        "Екатерина",
        "Юлия",
        "Марина",
        "Людмила",
        "Галина",
        "Дарья",
    ],
    male: &[
        "Александр",
        "Сергей",
        "Дмитрий",
        "Андрей",
        "Алексей",
        "Михаил",
        "Владимир",
        "Николай",
        "Игорь",
        "Павел",
        "Евгений",
        "Иван",
        "Максим",
        "Олег",
    ],
    family_f: &[
        "Иванова",
        "Смирнова",
        "Кузнецова",
        "Попова",
        "Васильева",
        "Петрова",
        "Соколова",
        "Михайлова",
        "Новикова",
        "Фёдорова",
        "Морозова",
        "Волкова",
        "Алексеева",
        "Лебедева",
        "Семёнова",
        "Егорова",
        "Павлова",
        "Козлова",
        "Степанова",
        "Николаева",
    ],
    family_m: &[
        "Иванов",
        "Смирнов",
        "Кузнецов",
        "Попов",
        "Васильев",
        "Петров",
        "Соколов",
        "Михайлов",
        "Новиков",
        "Фёдоров",
        "Морозов",
        "Волков",
        "Алексеев",
        "Лебедев",
        "Семёнов",
        "Егоров",
        "Павлов",
        "Козлов",
        "Степанов",
        "Николаев",
    ],
    family_first: false,
};

pub fn names_of(country: &str) -> &'static NameBook {
    match country {
        "HU" => &HU_NAMES,
        "PL" => &PL_NAMES,
        _ => &RU_NAMES,
    }
}

/// Words people type into the catalogue's search box, in the four languages: some as the
/// titles write them, some inflected, some cut short, some misspelt.
pub const QUERY_WORDS: &[&str] = &[
    // hu
    "digitális",
    "értékelés",
    "értékelése",
    "projekt",
    "mentor",
    "mentorálás",
    "tanműhely",
    "vizsga",
    "vizsgáztatás",
    "duális",
    "fenntartható",
    "robotika",
    "lemorzsolódás",
    "motiváció",
    "gépipar",
    "egészségügy",
    "építőipar",
    "gyakorlati",
    "oktatóknak",
    "műhely",
    // pl
    "cyfrowe",
    "ocenianie",
    "ocenianiu",
    "projekt",
    "mentoring",
    "warsztat",
    "egzamin",
    "zawodowe",
    "kształcenie",
    "motywacja",
    "budownictwo",
    "motoryzacja",
    "energetyka",
    "nauczycieli",
    "praktycznej",
    // ru
    "цифровое",
    "оценивание",
    "наставничество",
    "наставничеству",
    "проект",
    "экзамен",
    "профессионального",
    "обучения",
    "мотивация",
    "строительство",
    "энергетика",
    "семинар",
    "преподавателей",
    "мастер-класс",
    // en
    "digital",
    "assessment",
    "assessing",
    "project",
    "mentoring",
    "workshop",
    "exam",
    "vocational",
    "training",
    "motivation",
    "construction",
    "healthcare",
    "robotics",
    "sustainable",
    "instructors",
    "masterclass",
    // misspelt or cut short
    "asessment",
    "digitalis",
    "ocenianie",
    "наставн",
    "worksho",
    "vocationl",
];
