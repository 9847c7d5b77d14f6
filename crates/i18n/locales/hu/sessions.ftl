## Képzési alkalmak, jelentkezések, jóváhagyások, jelenlét, óranyilvántartás, értesítések.

nav-trainings = Képzéseim
nav-ledger = Óráim
nav-approvals = Jóváhagyások
sessions-title = Képzési alkalmak
sessions-none = Jelenleg nincs meghirdetett képzési alkalom.
session-new-title = Képzési alkalom meghirdetése
session-dates = Időpont
session-seats = Helyek
seats-free = { $count } szabad hely
waiting-count = { $count } várakozó
waiting-position = { $position }. a várólistán
registration-open = Jelentkezni lehet
registration-closed = A jelentkezés nincs nyitva.
session-registration = Jelentkezés
session-cancellation = Lemondható eddig
session-approval = Jóváhagyás
session-approval-needed = A jelentkezést az intézményvezető hagyja jóvá
session-trainers = Oktatók
session-meetings = Foglalkozások
session-meetings-hint = Soronként egy foglalkozás; az üres sorok nem számítanak. Adjon meg helyszínt, online hivatkozást, vagy mindkettőt.
session-your-place = Az Ön helye
session-full-waitlist = A képzés betelt; feliratkozhat a várólistára.
session-manage = A képzési alkalom kezelése
session-create = Meghirdetés
session-language-default = A program nyelve
session-offer-waitlist = A felszabaduló helyet ajánlja fel egy ideig, ahelyett hogy azonnal a következőé lenne
session-open-now = A jelentkezés megnyitása most
session-who = Ki jelentkezhet
session-who-hint = Ha semmit nem jelöl be, bárki jelentkezhet.
field-day = Nap
field-time = Időpont
field-starts = Kezdés
field-ends = Befejezés
field-place = Helyszín
field-capacity = Férőhely
field-hold-days = Ennyi napig tartjuk a helyet jóváhagyásra várva
field-offer-hours = Ennyi óra áll rendelkezésre a felajánlott hely elfogadására
field-registration-opens = A jelentkezés kezdete
field-registration-closes = A jelentkezés vége
registration-opens-hint = Hagyja üresen, ha most nyílik.
registration-closes-hint = Hagyja üresen: az első foglalkozás előtt tizenkét órával zárul.
online-link = Online hivatkozás
until = eddig:
completed = teljesítve
signup = Jelentkezés
signup-waitlist = Feliratkozás a várólistára
signup-again = Újra jelentkezem
signup-login = Jelentkezéshez lépjen be
offer-accept = A hely elfogadása
enrolment-cancel = Lemondás
participants-title = Résztvevők
attendance-caption = Jelenlét foglalkozásonként és az értékelés eredménye
attendance-minutes = perc
attendance-save = A jelenlét mentése
assessment = Értékelés
assessment-pass = Megfelelt
assessment-fail = Nem felelt meg
approve = Jóváhagyás
decline = Elutasítás
decline-reason = Indoklás (nem kötelező)

session-state-planned = Tervezett
session-state-open = Jelentkezés nyitva
session-state-running = Folyamatban
session-state-finished = Befejeződött
session-state-closed = Lezárva
session-state-cancelled = Elmarad
session-action-open = A jelentkezés megnyitása
session-action-start = Kezdés
session-action-finish = Befejezés és a teljesítés megállapítása
session-action-close = Lezárás
session-action-cancel = A képzési alkalom lemondása
enrolment-status-confirmed = Visszaigazolva
enrolment-status-pending-approval = Jóváhagyásra vár
enrolment-status-offered = Helyet ajánlottunk fel Önnek
enrolment-status-waitlisted = Várólistán
enrolment-status-cancelled = Lemondva
enrolment-status-declined = Elutasítva
enrolment-status-expired = Lejárt
enrolment-status-removed = Törölve a résztvevők közül
attendance-present = Jelen volt
attendance-absent = Hiányzott
attendance-excused = Igazoltan hiányzott
attendance-partial = Részben (perc)

trainings-title = Képzéseim
trainings-none = Még nem jelentkezett képzésre.
trainings-find = Képzés keresése
approvals-title = Jóváhagyandó jelentkezések
approvals-lead = Munkatársai jelentkezései, amelyek az Ön döntésére várnak. Mindegyik a megadott időpontig foglal egy helyet.
approvals-none = Semmi nem vár az Ön döntésére.
ledger-title = Óráim
ledger-total = Összesen { $hours } óra
ledger-empty = Még nincs rögzített óra.
ledger-what = Képzés
ledger-source = Forrás
ledger-reversal = helyesbítés
ledger-source-session = Képzési alkalom
ledger-source-recognition = Elismert külső képzés
ledger-source-correction = Helyesbítés
notifications-title = Értesítések
notifications-none = Nincs értesítése.

notice-session-created = A képzési alkalmat meghirdettük.
notice-session-open = A jelentkezés megnyílt.
notice-session-start = A képzési alkalom elkezdődött.
notice-session-finish = A képzési alkalom befejeződött; a teljesítést megállapítottuk.
notice-session-close = A képzési alkalmat lezártuk.
notice-session-cancel = A képzési alkalom elmarad; minden jelentkezőt értesítettünk.
notice-signup-confirmed = Jelentkezését rögzítettük. Visszaigazolást küldtünk.
notice-signup-waitlisted = A képzés betelt: Ön a várólistára került.
notice-signup-pending-approval = A helyét fenntartjuk, amíg az intézményvezető dönt.
notice-enrolment-cancel = Jelentkezését lemondtuk.
notice-enrolment-accept = A hely az Öné.
notice-enrolment-approve = A jelentkezést jóváhagyta.
notice-enrolment-decline = A jelentkezést elutasította.
notice-enrolment-remove = A résztvevőt töröltük.
notice-attendance-saved = A jelenlétet mentettük.

err-already-signed-up = Erre a képzési alkalomra már jelentkezett.
err-signup-closed = Erre a képzési alkalomra nem lehet jelentkezni.
err-category-not-eligible = Ez a képzési alkalom nem az Ön tanulói kategóriájának szól.
err-region-not-eligible = Erre a képzési alkalomra csak más régiókból lehet jelentkezni.
err-approval-needs-institution = Ehhez a képzéshez az intézményvezető jóváhagyása kell; kérje, hogy vegyék fel az intézményéhez.
err-too-many-pending = Már { $max } jelentkezése vár jóváhagyásra.
err-overlapping-session = Ön már jelentkezett erre: „{ $title }”, amely ugyanebben az időpontban van. Előbb mondja le azt a helyet, vagy válasszon másik időpontot.
err-cancellation-deadline-passed = A lemondási határidő lejárt. Kérjük, keresse az oktatót.
err-offer-not-open = Ez az ajánlat már nem él.
err-capacity-below-taken = Ennél több hely már foglalt.
err-attendance-closed = A jelenlét már nem módosítható: a képzési alkalom lezárult.
err-attendance-status-unknown = Kérjük, a felkínált jelenléti jelölések közül válasszon.
err-meeting-unknown = Ennek a képzési alkalomnak nincs ilyen foglalkozása.
err-participant-unknown = Ez a személy nem visszaigazolt résztvevője a képzési alkalomnak.
err-programme-not-published = Képzési alkalmat csak közzétett programhoz lehet meghirdetni.
err-meetings-required = Kérjük, adjon meg legalább egy foglalkozást.
err-meeting-ends-before-start = A foglalkozásnak a kezdete után kell végződnie.
err-meeting-place-required = Kérjük, adjon meg helyszínt vagy online hivatkozást.
err-meetings-overlap = Két foglalkozás ideje átfedi egymást.
err-meetings-in-past = Az első foglalkozás nem lehet a múltban.
err-link-invalid-url = Adjon meg teljes, https:// kezdetű webcímet.
err-registration-after-start = A jelentkezésnek az első foglalkozás előtt le kell zárulnia.
err-trainers-required = Kérjük, válasszon legalább egy oktatót.
err-trainer-unknown = Oktató csak oktatói szerepkörrel rendelkező személy lehet.
err-date-invalid = Kérjük, érvényes dátumot adjon meg.
err-date-in-future = A dátum nem lehet a jövőben.
err-time-invalid = Kérjük, időpontot adjon meg, például 09:30.
err-idempotency-key-invalid = Az Idempotency-Key fejléc 1–200 látható karakter lehet.

mail-signup-confirmed-subject = Jelentkezését rögzítettük: { $title }
mail-signup-confirmed-body = Kedves { $name }!

    Helye a(z) „{ $title }” képzésen visszaigazolva. A részleteket és a foglalkozásokat itt találja:

    { $link }
mail-signup-waitlisted-subject = Várólistán: { $title }
mail-signup-waitlisted-body = Kedves { $name }!

    A(z) „{ $title }” képzés betelt. Ön a várólista { $position }. helyén áll; amint hely szabadul fel, értesítjük.

    { $link }
mail-signup-pending-subject = Jóváhagyásra vár: { $title }
mail-signup-pending-body = Kedves { $name }!

    A(z) „{ $title }” képzésen fenntartunk Önnek egy helyet, amíg az intézményvezető dönt.

    { $link }
mail-approval-requested-subject = Jóváhagyandó jelentkezés: { $learner }
mail-approval-requested-body = Kedves { $name }!

    { $learner } jelentkezett a(z) „{ $title }” képzésre, amelyhez az Ön jóváhagyása szükséges. Kérjük, itt döntsön:

    { $link }
mail-signup-promoted-subject = Helyet kapott: { $title }
mail-signup-promoted-body = Kedves { $name }!

    Felszabadult egy hely a(z) „{ $title }” képzésen, és most az Öné.

    { $link }
mail-signup-promoted-pending-subject = Helyet tartunk fenn Önnek: { $title }
mail-signup-promoted-pending-body = Kedves { $name }!

    Felszabadult egy hely a(z) „{ $title }” képzésen. Fenntartjuk Önnek, amíg az intézményvezető dönt.

    { $link }
mail-seat-offered-subject = Helyet ajánlunk fel: { $title }
mail-seat-offered-body = Kedves { $name }!

    Felszabadult egy hely a(z) „{ $title }” képzésen. A képzés oldalán jelzett határidőig fogadhatja el:

    { $link }
mail-signup-removed-subject = Törölve a résztvevők közül: { $title }
mail-signup-removed-body = Kedves { $name }!

    Törölték a(z) „{ $title }” képzés résztvevői közül. Kérdés esetén keresse az oktatót.

    { $link }
mail-signup-approved-subject = Jóváhagyva: { $title }
mail-signup-approved-body = Kedves { $name }!

    A(z) „{ $title }” képzésre szóló jelentkezését jóváhagyták. { $note }

    { $link }
mail-signup-declined-subject = Nem hagyták jóvá: { $title }
mail-signup-declined-body = Kedves { $name }!

    A(z) „{ $title }” képzésre szóló jelentkezését nem hagyták jóvá. { $note }

    { $link }
mail-session-cancelled-subject = Elmarad: { $title }
mail-session-cancelled-body = Kedves { $name }!

    Sajnáljuk: a(z) „{ $title }” képzési alkalom, amelyre jelentkezett, elmarad.

    { $link }
mail-training-completed-subject = Teljesítve: { $title }
mail-training-completed-body = Kedves { $name }!

    Teljesítette a(z) „{ $title }” képzést. { $hours } órát jóváírtunk a továbbképzési nyilvántartásában.

    { $link }
mail-hold-expired-subject = A helyfoglalás lejárt: { $title }
mail-hold-expired-body = Kedves { $name }!

    A(z) „{ $title }” képzésen Önnek fenntartott hely lejárt, és a sorban következőnek ajánljuk fel.

    { $link }
mail-session-reminder-subject = Holnap: { $title }
mail-session-reminder-body = Kedves { $name }!

    Emlékeztető: a(z) „{ $title }” képzés { $date }-án/-én kezdődik.

    { $link }
online-link-hidden = Online (a hivatkozást a résztvevők látják)
notifications-mark-read = Összes megjelölése olvasottként
err-session-not-over = A képzés nem zárható le, mielőtt az utolsó alkalma elkezdődött ({ $starts }).
err-meeting-not-begun = Jelenlét csak elkezdődött alkalmakra rögzíthető; az egyik { $starts } időpontban kezdődik.
err-trainer-not-of-provider = Az oktatónak trénerként a program képzőjénél kell szerepet betöltenie.
err-attendance-minutes-out-of-range = { $name }, { $day }: a jelenlét perceinek 1 és { $max } között kell lennie; a teljes alkalomhoz válassza a „Jelen volt” lehetőséget.
session-run-title = A képzés lebonyolítása
session-action-help-open = Megnyitja a jelentkezést a jelentkezési időszakon belül.
session-action-help-start = Az első alkalom kezdetekor: ezután minden megkezdett alkalomra rögzítheti a jelenlétet.
session-action-help-finish = Az utolsó alkalom kezdete után: a jelenlét alapján eldől a teljesítés, az órák jóváíródnak, a tanúsítványok elkészülnek. A jelenlét a lezárásig még javítható.
session-action-help-close = Véglegesen lezárja a jelenlét javítását.
session-action-help-cancel = Törli a képzést; minden jelentkezőt értesítünk.
session-state-help-planned = Tervezett: a jelentkezés még nem nyílt meg.
session-state-help-open = Jelentkezésre nyitott. Az első alkalom kezdetekor indítsa el.
session-state-help-running = Folyamatban.
session-state-help-finished = Befejezett: a teljesítés eldőlt; a jelenlét a lezárásig javítható.
session-state-help-closed = Lezárt: adatai véglegesek.
session-state-help-cancelled = Törölve.
attendance-title = Jelenlét
attendance-meetings = Alkalmak
attendance-not-begun = még nem kezdődött el
attendance-recorded = rögzítve
attendance-due = rögzítendő
attendance-opens-later = Erre az alkalomra a kezdése után rögzíthető a jelenlét.
session-you-teach = Ön tartja ezt a képzést.
teaching-title = Általam tartott képzések
teaching-lead = Az Ön képzései: az első alkalom kezdetekor indítsa el őket, minden alkalom után rögzítse a jelenlétet, az utolsó után pedig zárja le őket.
teaching-none = Egyetlen képzésnél sem Ön a megnevezett oktató.
teaching-next = Következő
teaching-attendance-due = Rögzítendő jelenlét: { $count } alkalom
