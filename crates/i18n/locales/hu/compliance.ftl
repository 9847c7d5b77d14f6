## Megfelelés: hol tartanak az emberek a továbbképzési szabályokhoz képest.

nav-compliance = Továbbképzési kötelezettségem
compliance-title = Továbbképzési kötelezettségem
compliance-none = Önre nem vonatkozik továbbképzési szabály: a szabályok az oktatókra és vezetőkre vonatkoznak, munkahelyük típusa és országa szerint.
compliance-status = Állapot
compliance-status-compliant = Teljesítve
compliance-status-on-track = Jó úton
compliance-status-at-risk = Veszélyben
compliance-status-overdue = Lejárt
compliance-cycle = Jelenlegi ciklus
compliance-done = Teljesített órák
compliance-needed = Még szükséges órák
compliance-deadline = Határidő
compliance-rule = Szabály
compliance-gap-of = Ebből { $what }
compliance-programme = Egy legalább előírt hosszúságú program
compliance-missed = A { $date } napon véget ért ciklus nem teljesült.
compliance-next = Képzések, amelyek pótolnák a hiányt
compliance-org-link = A munkatársak továbbképzési helyzete
compliance-org-title = Továbbképzési helyzet
compliance-totals = Létszám állapot szerint
compliance-group = Csoport
compliance-all = Mind
compliance-staff = Munkatársak
compliance-sort = Rendezés
compliance-sort-name = Név
compliance-sort-status = Állapot, a legrosszabb elöl
compliance-sort-deadline = Határidő, a legközelebbi elöl
compliance-sort-needed = Még szükséges órák, a legtöbb elöl
compliance-show = Mutasd
compliance-csv = Letöltés CSV-ben
compliance-category = Tanulói kategória
ledger-source-industry = Vállalati szakmai gyakorlat
yes = Igen
no = Nem
err-dates-reversed = A záró dátum a kezdő dátum előtt van.
err-leave-too-long = A távollét legfeljebb öt év lehet.
err-reason-required = Kérjük, adja meg az okát (legfeljebb 300 karakter).
err-at-risk-range = A veszélyeztetettségi küszöb 0 és 100 pont között lehet.
err-cycle-years-range = Egy ciklus 1 és 10 év közötti lehet.
err-reminder-days-range = Emlékeztető legfeljebb tíz évvel a határidő előtt küldhető.
err-hours-positive = Az óraszámnak nullánál nagyobbnak kell lennie.
err-rule-incomplete = A szabályhoz legalább egy tanulói kategória és egy óraforrás kell.

## Tanúsítványok és ellenőrzésük.

certificates-title = Tanúsítványaim
verify-title = Tanúsítvány ellenőrzése
verify-intro = Írja be a tanúsítványon, a QR-kód alatt látható kódot, és megnézzük, érvényes-e.
verify-malformed = Ez nem tanúsítványkód: a kód tíz betűből és számjegyből áll, például 7KX4P-M2QRT.
verify-unknown = Ezzel a kóddal nincs tanúsítvány.
verify-status-valid = Érvényes
verify-status-revoked = Visszavonva
verify-status-replaced = Javított tanúsítvány váltotta fel
verify-since = { $date } óta
verify-reason-completion-withdrawn = a teljesítést a jelenlét javítása után visszavonták
verify-reason-reissued = javított tanúsítványt adtak ki
verify-replacement = Az ezt felváltó tanúsítvány
verify-serial = Sorszám
verify-holder = Tulajdonos
verify-programme = Program
verify-version = { $n }. változat
verify-completed = Teljesítés napja
verify-provider = Képző
verify-issued = Kiállítva
verify-qr = Ennek az oldalnak a QR-kódja
verify-credential = Az aláírt digitális igazolás (Open Badges 3.0)
verify-code = Tanúsítványkód
verify-check = Ellenőrzés
err-certificate-not-valid = Ez a tanúsítvány már nem érvényes.
err-certificate-current-exists = Ehhez a teljesítéshez már van érvényes tanúsítvány.
err-not-completed = A képzés nincs teljesítve.

## Külső képzések elismerése.

err-value-unknown = Kérjük, válasszon a felkínált lehetőségek közül.
err-title-required = Kérjük, adja meg a címet (legfeljebb 300 karakter).
err-provider-required = Kérjük, adja meg a képzőt (legfeljebb 300 karakter).
err-evidence-required = Kérjük, csatolja az igazolást PDF, JPEG vagy PNG formátumban.
err-evidence-too-large = A fájl túl nagy: legfeljebb { $max } MB lehet.
err-evidence-type = A fájl PDF, JPEG vagy PNG lehet.
err-own-recognition = Saját elismerési kérelméről senki sem dönthet.
err-already-decided = Erről már döntöttek.
recognition-title = Külső képzések elismerése
recognition-new = Máshol elvégzett képzés benyújtása
recognition-kind = Mi volt ez
recognition-kind-training = Képzés vagy tanfolyam más képzőnél
recognition-kind-industry = Vállalati szakmai gyakorlat
recognition-provider = Képző vagy vállalat
recognition-starts = Első nap
recognition-ends = Utolsó nap
recognition-evidence = Igazolás (PDF, JPEG vagy PNG, legfeljebb 10 MB)
recognition-competences-hint = Kompetenciakódok vesszővel elválasztva, például DIGCOMPEDU:2.3 (nem kötelező).
recognition-submit = Benyújtás elismerésre
recognition-mine = Beadványaim
recognition-queue = Elbírálandó elismerések
recognition-queue-empty = Nincs döntésre váró kérelem.
recognition-status-pending = Döntésre vár
recognition-status-approved = Elfogadva
recognition-status-rejected = Elutasítva
recognition-approve = Elfogadás
recognition-reject = Elutasítás
recognition-reason = Az elutasítás oka
recognition-person = Személy
recognition-file = Fájl
notice-recognition-submitted = A beadványt megkaptuk; a döntést itt fogja látni.
notice-recognition-decided = A döntést rögzítettük.
nav-recognitions = Elismerések
pdf-heading = Tanúsítvány
pdf-certifies = Igazoljuk, hogy
pdf-completed = sikeresen elvégezte a következő pedagógus-továbbképzési programot:
pdf-verify-at = A tanúsítvány ellenőrizhető:
certificate-pdf = A tanúsítvány letöltése (PDF)
certificates-none = Még nincs tanúsítványa: a képzés teljesítésekor kap egyet.
compliance-history = A megfelelés az elmúlt tizenkét hónapban
compliance-history-label = A megfelelő, ütemben haladó, lemaradó és határidőn túli személyek aránya az elmúlt tizenkét hónap végén és ma
compliance-month = Hónap vége
compliance-today = Ma
compliance-xlsx = Letöltés táblázatként (XLSX)
mail-compliance-reminder-subject = { $days } nap van hátra a továbbképzési órák teljesítéséig
mail-compliance-reminder-body = Kedves { $name }!

    A(z) „{ $rule }” szerint { $deadline } előtt még { $hours } óra továbbképzést kell teljesítenie (mától { $days } nap). Az eddigi ütemben ez nem biztos, hogy sikerül.

    Az Ön állása és a hiányt pótló, szabad hellyel rendelkező képzések:

    { $link }
mail-compliance-digest-subject = { $organisation } – megfelelés, { $month }
mail-compliance-digest-body = Kedves { $name }!

    A(z) { $organisation } { $people } munkatársának továbbképzési állása:

    megfelel: { $compliant }
    ütemben halad: { $ontrack }
    lemaradásban: { $atrisk }
    határidőn túl: { $overdue }

    Mindenki sora, a határidőkkel és a hiányzó órákkal:

    { $link }
