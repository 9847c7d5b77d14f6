## Układ strony, nawigacja i słowa używane wszędzie.

skip-to-content = Przejdź do treści
nav-main = Menu główne
nav-home = Strona główna
nav-orgs = Organizacje
nav-people = Osoby
nav-audit = Dziennik zdarzeń
nav-outbox = Skrzynka nadawcza
nav-login = Zaloguj się
nav-logout = Wyloguj się
nav-register = Zarejestruj się
language-switch = Język
footer-api = Dokumentacja API
breadcrumb = Jesteś tutaj

home-title = Strona główna
home-heading = Doskonalenie zawodowe nauczycieli i instruktorów kształcenia zawodowego
home-lead = Znajdź szkolenie, zapisz się, weź udział, zdobądź zaświadczenie i śledź godziny wymagane przez prawo — w jednym miejscu.
home-how-title = Jak to działa
home-step-find = Znajdź program w krajowym katalogu.
home-step-attend = Zapisz się na edycję szkolenia i weź w niej udział.
home-step-certificate = Otrzymaj zaświadczenie, które każdy może zweryfikować.
home-step-hours = Obserwuj, jak przybywa godzin w Twoim cyklu doskonalenia.
home-welcome = Witaj, { $name }
home-demo-hint = To jest instalacja demonstracyjna: strona logowania podaje konta demonstracyjne.

form-has-errors = Popraw, proszę, następujące pola
save = Zapisz
cancel = Anuluj
add = Dodaj
remove = Usuń
filter = Filtruj
choose = — wybierz —
all = Wszystkie
status = Stan
created = Utworzono
actions = Działania
nothing-found = Nic nie znaleziono.
confirm-sure = Czy na pewno?
date-from = Od
date-to = Do
pager-label = Strony
pager-prev = Poprzednia
pager-next = Następna
pager-position = Strona { $page }
people-count = { $count ->
    [one] { $count } osoba
    [few] { $count } osoby
    [many] { $count } osób
   *[other] { $count } osoby
}
entries-count = { $count ->
    [one] { $count } wpis
    [few] { $count } wpisy
    [many] { $count } wpisów
   *[other] { $count } wpisu
}
messages-count = { $count ->
    [one] { $count } wiadomość
    [few] { $count } wiadomości
    [many] { $count } wiadomości
   *[other] { $count } wiadomości
}

field-name = Imię i nazwisko
field-email = Adres e-mail
field-password = Hasło
field-new-password = Nowe hasło
field-current-password = Obecne hasło
field-password-again = Powtórz nowe hasło
field-initial-password = Hasło początkowe
field-language = Język
field-category = Jestem…
field-organisation = Organizacja
field-role = Rola
field-kind = Rodzaj
field-code = Kod
field-org-name = Nazwa
field-token-name = Nazwa tokenu
field-valid-days = Ważny przez (dni)
password-hint = Co najmniej 8 znaków. Najlepsze są długie frazy; bardzo popularne hasła są odrzucane.
code-hint = Litery, cyfry, łączniki i kropki, na przykład PL-MZ-014.

role-learner = Uczestnik
role-institution-head = Dyrektor placówki
role-trainer = Trener
role-provider = Organizator szkoleń
role-quality-reviewer = Ewaluator jakości
role-regional-coordinator = Koordynator regionalny
role-expert-registry-keeper = Prowadzący listę ekspertów
role-administrator = Administrator
scope-platform = cała platforma

category-instructor = Nauczyciel lub instruktor
category-institution-leader = Dyrektor placówki
category-trainer = Trener
category-student = Student
category-pupil = Uczeń
category-company-employee = Pracownik firmy
category-job-seeker = Osoba poszukująca pracy
category-pensioner = Emeryt

org-kind-country = Kraj
org-kind-region = Region
org-kind-cluster = Klaster
org-kind-institution = Placówka
org-kind-provider = Organizator szkoleń
org-kind-employer = Pracodawca
nav-menu = Menu
nav-certificates = Moje zaświadczenia
nav-teaching = Prowadzone szkolenia
nav-staff-compliance = Realizacja doskonalenia kadry
home-invitations-open = Zobacz zaproszenia
home-approvals-open = Rozpatrz je
home-applications-open = Zobacz prośby
home-teaching-all = Wszystkie prowadzone szkolenia
home-hours-title = Twoje godziny w tym okresie
home-hours-done = { $done } godz. zrealizowanych
home-hours-deadline = termin: { $deadline }
home-cycle-since = Okres rozpoczął się { $start }; godziny z wcześniejszych okresów są w Twoim rejestrze.
home-hours-more = Co się liczy i czego jeszcze brakuje
home-next-title = Twoje najbliższe szkolenia
home-next-none = Nie masz miejsca na żadnym nadchodzącym szkoleniu. Znajdź je w katalogu.
home-suggestions-title = Szkolenia uzupełniające Twoje braki
home-staff-lead = Zobacz, kto realizuje plan, komu grozi zaległość, kto jest po terminie i komu ile godzin brakuje.
home-staff-open = Otwórz przegląd kadry
home-drafts-open = Moje programy
home-programme-new = Napisz nowy program
home-reviews-open = Oceń je
home-admin-title = Administracja
home-invitations = { $count ->
        [one] Masz zaproszenie do { $count } organizacji.
        [few] Masz zaproszenia do { $count } organizacji.
        [many] Masz zaproszenia do { $count } organizacji.
       *[other] Masz zaproszenia do { $count } organizacji.
    }
home-approvals = { $count ->
        [one] { $count } zapis czeka na Twoją zgodę.
        [few] { $count } zapisy czekają na Twoją zgodę.
        [many] { $count } zapisów czeka na Twoją zgodę.
       *[other] { $count } zapisy czekają na Twoją zgodę.
    }
home-applications = { $count ->
        [one] { $count } osoba prosi o dołączenie do kadry.
        [few] { $count } osoby proszą o dołączenie do kadry.
        [many] { $count } osób prosi o dołączenie do kadry.
       *[other] { $count } osoby proszą o dołączenie do kadry.
    }
home-drafts = { $count ->
        [one] { $count } program ma wersję roboczą do dokończenia.
        [few] { $count } programy mają wersje robocze do dokończenia.
        [many] { $count } programów ma wersje robocze do dokończenia.
       *[other] { $count } programy mają wersje robocze do dokończenia.
    }
home-reviews = { $count ->
        [one] { $count } wersja czeka na Twoją ocenę.
        [few] { $count } wersje czekają na Twoją ocenę.
        [many] { $count } wersji czeka na Twoją ocenę.
       *[other] { $count } wersje czekają na Twoją ocenę.
    }
home-hours-needed = Z { $total } godz. wymaganych w tym okresie brakuje jeszcze { $needed }.
home-hours-met = Wymagane w tym okresie { $total } godz. zostały zrealizowane.
