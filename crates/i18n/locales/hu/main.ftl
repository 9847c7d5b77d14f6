## Elrendezés, navigáció és mindenütt használt szavak.

skip-to-content = Ugrás a tartalomra
nav-main = Főmenü
nav-home = Kezdőlap
nav-orgs = Szervezetek
nav-people = Személyek
nav-audit = Naplózás
nav-outbox = Kimenő levelek
nav-login = Belépés
nav-logout = Kilépés
nav-register = Regisztráció
language-switch = Nyelv
footer-api = API-dokumentáció
breadcrumb = Itt jár

home-title = Kezdőlap
home-heading = Továbbképzés szakképzésben oktatóknak és trénereknek
home-lead = Képzések keresése, jelentkezés, részvétel, tanúsítványok és a jogszabály által előírt óraszámok nyilvántartása — egy helyen.
home-how-title = Hogyan működik
home-step-find = Válasszon programot az országos képzési kínálatból.
home-step-attend = Jelentkezzen egy képzési alkalomra, és vegyen részt rajta.
home-step-certificate = Kapjon tanúsítványt, amelyet bárki ellenőrizhet.
home-step-hours = Kövesse, hogyan gyűlnek az órái a továbbképzési ciklusban.
home-welcome = Üdvözöljük, { $name }!
home-demo-hint = Ez egy bemutató telepítés: a belépési oldalon megtalálja a bemutató fiókokat.

form-has-errors = Kérjük, javítsa a következőket
save = Mentés
cancel = Mégse
add = Hozzáadás
remove = Eltávolítás
filter = Szűrés
choose = — válasszon —
all = Mind
status = Állapot
created = Létrehozva
actions = Műveletek
nothing-found = Nincs találat.
confirm-sure = Biztos benne?
date-from = Kezdete
date-to = Vége
pager-label = Oldalak
pager-prev = Előző
pager-next = Következő
pager-position = { $page }. oldal
people-count = { $count } személy
entries-count = { $count } bejegyzés
messages-count = { $count } üzenet

field-name = Név
field-email = E-mail-cím
field-password = Jelszó
field-new-password = Új jelszó
field-current-password = Jelenlegi jelszó
field-password-again = Új jelszó még egyszer
field-initial-password = Kezdő jelszó
field-language = Nyelv
field-category = Én vagyok…
field-organisation = Szervezet
field-role = Szerepkör
field-kind = Típus
field-code = Kód
field-org-name = Név
field-token-name = Token neve
field-valid-days = Érvényesség (nap)
password-hint = Legalább 8 karakter. A hosszú jelmondat a legjobb; a nagyon gyakori jelszavakat nem fogadjuk el.
code-hint = Betűk, számjegyek, kötőjelek és pontok, például HU-BP-042.

role-learner = Tanuló
role-institution-head = Intézményvezető
role-trainer = Oktató (tréner)
role-provider = Képzési programgazda
role-quality-reviewer = Minőségbiztosítási szakértő
role-regional-coordinator = Regionális koordinátor
role-expert-registry-keeper = Szakértői névjegyzék vezetője
role-administrator = Rendszergazda
scope-platform = a teljes platform

category-instructor = Oktató vagy tanár
category-institution-leader = Intézményvezető
category-trainer = Tréner
category-student = Hallgató
category-pupil = Tanuló (diák)
category-company-employee = Vállalati munkavállaló
category-job-seeker = Álláskereső
category-pensioner = Nyugdíjas

org-kind-country = Ország
org-kind-region = Régió
org-kind-cluster = Klaszter
org-kind-institution = Intézmény
org-kind-provider = Képzésszolgáltató
org-kind-employer = Munkáltató
nav-menu = Menü
nav-certificates = Tanúsítványaim
nav-teaching = Általam tartott képzések
nav-staff-compliance = Munkatársak teljesítése
home-invitations-open = Meghívók megtekintése
home-approvals-open = Döntés a jelentkezésekről
home-applications-open = Kérelmek megtekintése
home-teaching-all = Az összes általam tartott képzés
home-hours-title = Óráim ebben a ciklusban
home-hours-done = { $done } óra teljesítve
home-hours-deadline = határidő: { $deadline }
home-cycle-since = A ciklus { $start } napján kezdődött; a korábbi ciklusok órái az óranyilvántartásban láthatók.
home-hours-more = Mi számít bele, és mi hiányzik még
home-next-title = Következő képzéseim
home-next-none = Nincs helye közelgő képzésen. Keressen egyet a képzési kínálatban.
home-suggestions-title = Hiányait pótló képzések
home-staff-lead = Lássa, ki halad jól, ki van lemaradásban vagy késésben, és kinek hány óra hiányzik.
home-staff-open = Munkatársak áttekintése
home-drafts-open = Programjaim
home-programme-new = Új program írása
home-reviews-open = Bírálat
home-admin-title = Adminisztráció
home-invitations = { $count ->
        [one] Egy szervezet meghívta, hogy csatlakozzon.
       *[other] { $count } szervezet meghívta, hogy csatlakozzon.
    }
home-approvals = { $count ->
        [one] Egy jelentkezés vár az Ön jóváhagyására.
       *[other] { $count } jelentkezés vár az Ön jóváhagyására.
    }
home-applications = { $count ->
        [one] Egy személy kéri, hogy csatlakozhasson munkatársaihoz.
       *[other] { $count } személy kéri, hogy csatlakozhasson munkatársaihoz.
    }
home-drafts = { $count ->
        [one] Egy program piszkozatát kell befejezni.
       *[other] { $count } program piszkozatát kell befejezni.
    }
home-reviews = { $count ->
        [one] Egy változat vár az Ön bírálatára.
       *[other] { $count } változat vár az Ön bírálatára.
    }
home-hours-needed = A ciklus által előírt { $total } órából még { $needed } hiányzik.
home-hours-met = A ciklus által előírt { $total } óra teljesítve.
