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
