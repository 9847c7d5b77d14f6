//! Competence frameworks shipped with every deployment.
//!
//! DigCompEdu, the European framework for the digital competence of educators (Redecker,
//! 2017), with its official codes: six areas, twenty-two competences. And the focus areas of
//! the Hungarian national instructor-training system: digital competence, labour-market
//! needs, innovation and R&D, green skills.

/// (code, [hu, pl, ru, en])
pub type Named = (&'static str, [&'static str; 4]);

pub struct SeedFramework {
    pub code: &'static str,
    pub names: [&'static str; 4],
    /// Each area with its competences.
    pub areas: &'static [(Named, &'static [Named])],
}

pub const DIGCOMPEDU: SeedFramework = SeedFramework {
    code: "DIGCOMPEDU",
    names: [
        "DigCompEdu – a pedagógusok digitális kompetenciája",
        "DigCompEdu – kompetencje cyfrowe nauczycieli",
        "DigCompEdu – цифровая компетентность педагогов",
        "DigCompEdu – Digital Competence of Educators",
    ],
    areas: &[
        (
            (
                "1",
                [
                    "Szakmai elkötelezettség",
                    "Zaangażowanie zawodowe",
                    "Профессиональная вовлечённость",
                    "Professional engagement",
                ],
            ),
            &[
                (
                    "1.1",
                    [
                        "Szervezeti kommunikáció",
                        "Komunikacja w organizacji",
                        "Коммуникация в организации",
                        "Organisational communication",
                    ],
                ),
                (
                    "1.2",
                    [
                        "Szakmai együttműködés",
                        "Współpraca zawodowa",
                        "Профессиональное сотрудничество",
                        "Professional collaboration",
                    ],
                ),
                (
                    "1.3",
                    [
                        "Reflektív gyakorlat",
                        "Praktyka refleksyjna",
                        "Рефлексивная практика",
                        "Reflective practice",
                    ],
                ),
                (
                    "1.4",
                    [
                        "Digitális szakmai továbbképzés",
                        "Cyfrowy rozwój zawodowy",
                        "Цифровое профессиональное развитие",
                        "Digital continuous professional development",
                    ],
                ),
            ],
        ),
        (
            (
                "2",
                [
                    "Digitális források",
                    "Zasoby cyfrowe",
                    "Цифровые ресурсы",
                    "Digital resources",
                ],
            ),
            &[
                (
                    "2.1",
                    [
                        "Digitális források kiválasztása",
                        "Wybór zasobów cyfrowych",
                        "Отбор цифровых ресурсов",
                        "Selecting digital resources",
                    ],
                ),
                (
                    "2.2",
                    [
                        "Digitális források létrehozása és módosítása",
                        "Tworzenie i modyfikowanie zasobów cyfrowych",
                        "Создание и изменение цифровых ресурсов",
                        "Creating and modifying digital resources",
                    ],
                ),
                (
                    "2.3",
                    [
                        "Digitális források kezelése, védelme és megosztása",
                        "Zarządzanie zasobami cyfrowymi, ich ochrona i udostępnianie",
                        "Управление цифровыми ресурсами, их защита и распространение",
                        "Managing, protecting and sharing digital resources",
                    ],
                ),
            ],
        ),
        (
            (
                "3",
                [
                    "Tanítás és tanulás",
                    "Nauczanie i uczenie się",
                    "Преподавание и обучение",
                    "Teaching and learning",
                ],
            ),
            &[
                ("3.1", ["Tanítás", "Nauczanie", "Преподавание", "Teaching"]),
                (
                    "3.2",
                    [
                        "Tanulástámogatás",
                        "Wspieranie uczenia się",
                        "Сопровождение обучения",
                        "Guidance",
                    ],
                ),
                (
                    "3.3",
                    [
                        "Együttműködő tanulás",
                        "Uczenie się we współpracy",
                        "Совместное обучение",
                        "Collaborative learning",
                    ],
                ),
                (
                    "3.4",
                    [
                        "Önszabályozó tanulás",
                        "Samodzielne uczenie się",
                        "Саморегулируемое обучение",
                        "Self-regulated learning",
                    ],
                ),
            ],
        ),
        (
            ("4", ["Értékelés", "Ocenianie", "Оценивание", "Assessment"]),
            &[
                (
                    "4.1",
                    [
                        "Értékelési stratégiák",
                        "Strategie oceniania",
                        "Стратегии оценивания",
                        "Assessment strategies",
                    ],
                ),
                (
                    "4.2",
                    [
                        "Tanulási bizonyítékok elemzése",
                        "Analiza dowodów uczenia się",
                        "Анализ данных об обучении",
                        "Analysing evidence",
                    ],
                ),
                (
                    "4.3",
                    [
                        "Visszajelzés és tervezés",
                        "Informacja zwrotna i planowanie",
                        "Обратная связь и планирование",
                        "Feedback and planning",
                    ],
                ),
            ],
        ),
        (
            (
                "5",
                [
                    "A tanulók képessé tétele",
                    "Wzmacnianie uczniów",
                    "Расширение возможностей обучающихся",
                    "Empowering learners",
                ],
            ),
            &[
                (
                    "5.1",
                    [
                        "Hozzáférhetőség és befogadás",
                        "Dostępność i włączanie",
                        "Доступность и инклюзия",
                        "Accessibility and inclusion",
                    ],
                ),
                (
                    "5.2",
                    [
                        "Differenciálás és személyre szabás",
                        "Różnicowanie i personalizacja",
                        "Дифференциация и персонализация",
                        "Differentiation and personalisation",
                    ],
                ),
                (
                    "5.3",
                    [
                        "A tanulók aktív bevonása",
                        "Aktywne angażowanie uczniów",
                        "Активное вовлечение обучающихся",
                        "Actively engaging learners",
                    ],
                ),
            ],
        ),
        (
            (
                "6",
                [
                    "A tanulók digitális kompetenciájának fejlesztése",
                    "Rozwijanie kompetencji cyfrowych uczniów",
                    "Развитие цифровой компетентности обучающихся",
                    "Facilitating learners' digital competence",
                ],
            ),
            &[
                (
                    "6.1",
                    [
                        "Információs és médiaműveltség",
                        "Umiejętności informacyjne i medialne",
                        "Информационная и медиаграмотность",
                        "Information and media literacy",
                    ],
                ),
                (
                    "6.2",
                    [
                        "Digitális kommunikáció és együttműködés",
                        "Komunikacja i współpraca cyfrowa",
                        "Цифровая коммуникация и сотрудничество",
                        "Digital communication and collaboration",
                    ],
                ),
                (
                    "6.3",
                    [
                        "Digitális tartalom létrehozása",
                        "Tworzenie treści cyfrowych",
                        "Создание цифрового контента",
                        "Digital content creation",
                    ],
                ),
                (
                    "6.4",
                    [
                        "Felelős használat",
                        "Odpowiedzialne korzystanie",
                        "Ответственное использование",
                        "Responsible use",
                    ],
                ),
                (
                    "6.5",
                    [
                        "Digitális problémamegoldás",
                        "Cyfrowe rozwiązywanie problemów",
                        "Цифровое решение проблем",
                        "Digital problem solving",
                    ],
                ),
            ],
        ),
    ],
};

pub const HU_FOCUS: SeedFramework = SeedFramework {
    code: "HU-OTR",
    names: [
        "Az oktatói továbbképzési rendszer fókuszterületei",
        "Obszary priorytetowe węgierskiego systemu doskonalenia instruktorów",
        "Приоритетные направления венгерской системы повышения квалификации",
        "Focus areas of the Hungarian instructor-training system",
    ],
    areas: &[
        (
            (
                "DIG",
                [
                    "Digitális kompetenciák",
                    "Kompetencje cyfrowe",
                    "Цифровые компетенции",
                    "Digital competences",
                ],
            ),
            &[
                (
                    "DIG.1",
                    [
                        "Digitális oktatási eszközök használata",
                        "Korzystanie z cyfrowych narzędzi dydaktycznych",
                        "Использование цифровых образовательных инструментов",
                        "Using digital teaching tools",
                    ],
                ),
                (
                    "DIG.2",
                    [
                        "Ipar 4.0 technológiák a szakmai oktatásban",
                        "Technologie Przemysłu 4.0 w kształceniu zawodowym",
                        "Технологии Индустрии 4.0 в профессиональном обучении",
                        "Industry 4.0 technologies in vocational teaching",
                    ],
                ),
            ],
        ),
        (
            (
                "LAB",
                [
                    "Munkaerőpiaci igények",
                    "Potrzeby rynku pracy",
                    "Потребности рынка труда",
                    "Labour-market needs",
                ],
            ),
            &[
                (
                    "LAB.1",
                    [
                        "Duális képzés és vállalati együttműködés",
                        "Kształcenie dualne i współpraca z pracodawcami",
                        "Дуальное обучение и сотрудничество с работодателями",
                        "Dual training and cooperation with employers",
                    ],
                ),
                (
                    "LAB.2",
                    [
                        "Pályaorientáció és karrier-tanácsadás",
                        "Doradztwo edukacyjno-zawodowe",
                        "Профориентация и карьерное консультирование",
                        "Career guidance",
                    ],
                ),
            ],
        ),
        (
            (
                "INN",
                [
                    "Innováció, kutatás és fejlesztés",
                    "Innowacje, badania i rozwój",
                    "Инновации, исследования и разработки",
                    "Innovation, research and development",
                ],
            ),
            &[
                (
                    "INN.1",
                    [
                        "Innovatív oktatási módszerek",
                        "Innowacyjne metody nauczania",
                        "Инновационные методы обучения",
                        "Innovative teaching methods",
                    ],
                ),
                (
                    "INN.2",
                    [
                        "A tanulók bevonása K+F projektekbe",
                        "Włączanie uczniów w projekty badawczo-rozwojowe",
                        "Вовлечение обучающихся в исследовательские проекты",
                        "Involving learners in R&D projects",
                    ],
                ),
            ],
        ),
        (
            (
                "GRN",
                [
                    "Zöld készségek és fenntarthatóság",
                    "Zielone umiejętności i zrównoważony rozwój",
                    "Зелёные навыки и устойчивое развитие",
                    "Green skills and sustainability",
                ],
            ),
            &[
                (
                    "GRN.1",
                    [
                        "Fenntartható erőforrás-használat",
                        "Zrównoważone korzystanie z zasobów",
                        "Рациональное использование ресурсов",
                        "Sustainable use of resources",
                    ],
                ),
                (
                    "GRN.2",
                    [
                        "Körforgásos gazdaság a szakmákban",
                        "Gospodarka obiegu zamkniętego w zawodach",
                        "Экономика замкнутого цикла в профессиях",
                        "The circular economy in trades",
                    ],
                ),
            ],
        ),
    ],
};

pub const SHIPPED: [&SeedFramework; 2] = [&DIGCOMPEDU, &HU_FOCUS];
