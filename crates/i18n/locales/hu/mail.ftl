## E-mail-üzenetek, kimenő levelek és a napló.

mail-footer = { $brand } — továbbképzés szakképzésben oktatóknak és trénereknek
mail-confirm-subject = Erősítse meg e-mail-címét
mail-confirm-body = Kedves { $name }!

    Kérjük, erősítse meg e-mail-címét az alábbi hivatkozás megnyitásával:

    { $link }

    A hivatkozás három napig érvényes. Ha nem Ön regisztrált, hagyja figyelmen kívül ezt a levelet.
mail-reset-subject = Új jelszó beállítása
mail-reset-body = Kedves { $name }!

    Valaki új jelszó beállítását kérte a fiókjához. Ehhez nyissa meg az alábbi hivatkozást:

    { $link }

    A hivatkozás két óráig érvényes. Ha nem Ön kérte, hagyja figyelmen kívül ezt a levelet.
mail-invite-subject = Meghívó – { $brand }
mail-invite-body = 
    Kedves { $name }!

    { $inviter } meghívja Önt ({ $brand }), hogy csatlakozzon ehhez: { $organisations }. Itt válasszon jelszót, majd fiókjában fogadja el a meghívást:

    { $link }

    A hivatkozás tizennégy napig érvényes.
outbox-title = Kimenő levelek
outbox-lead-smtp = A platform által küldött üzenetek és kézbesítésük állapota. A belépést, megerősítést vagy jelszóváltoztatást lehetővé tevő hivatkozások itt soha nem látszanak.
outbox-lead-no-smtp = Nincs beállítva levelezőszerver: az üzeneteket fájlként írjuk az adatmappa mail mappájába. A belépést, megerősítést vagy jelszóváltoztatást lehetővé tevő hivatkozások itt soha nem látszanak.
outbox-to = Címzett
outbox-subject = Tárgy
outbox-status-pending = Várakozik
outbox-status-sending = Küldés alatt
outbox-status-sent = Elküldve
outbox-status-failed = Sikertelen

audit-title = Napló
audit-lead = A fiókok, szerepkörök és szervezetek minden változása: ki, mit, mikor és honnan.
audit-when = Mikor
audit-who = Ki
audit-action = Művelet
audit-object = Tárgy
audit-from = Honnan
audit-details = Részletek
audit-actor-id = Személy (azonosító)
audit-object-id = Objektum (azonosító)
audit-system = a rendszer
mail-secret-removed = [a hivatkozást itt eltávolítottuk; csak a kézbesített levél tartalmazza]
mail-invite-existing-subject = Meghívás egy szervezetbe
mail-invite-existing-body = 
    Kedves { $name }!

    { $inviter } meghívja Önt ({ $brand }) ide: { $organisations }. Lépjen be, és itt fogadja el vagy utasítsa el a meghívást:

    { $link }
mail-register-existing-subject = Valaki az Ön címével próbált regisztrálni
mail-register-existing-body = 
    Kedves { $name }!

    Valaki { $brand }-fiókot próbált létrehozni ezzel a címmel, amelyhez már tartozik fiók. Ha Ön volt, lépjen be:

    { $login }

    Ha elfelejtette jelszavát, itt állíthat be újat:

    { $link }

    Ha nem Ön volt, nincs teendője: új fiók nem jött létre.
mail-login-attempts-subject = Sikertelen belépési kísérletek a fiókjába
mail-login-attempts-body = 
    Kedves { $name }!

    Többször sikertelenül próbáltak belépni a fiókjába, legutóbb erről a címről: { $address }. Az onnan érkező további kísérleteknek egyre hosszabb ideig kell várniuk; az Ön belépését a korábban használt böngészőből ez nem lassítja.

    Ha Ön volt, és elfelejtette jelszavát, itt állíthat be újat:

    { $link }

    Ha nem Ön volt, senki sem jutott be; nincs teendője.
mail-password-changed-subject = Jelszava megváltozott
mail-password-changed-body = 
    Kedves { $name }!

    { $brand }-fiókja jelszavát most megváltoztatták. { $sessions } másik munkamenetet lezártunk, és { $tokens } API-tokent visszavontunk.

    Ha nem Ön volt, azonnal állítson be új jelszót:

    { $link }
mail-membership-requested-subject = { $learner } csatlakozni kér ide: { $organisation }
mail-membership-requested-body = 
    Kedves { $name }!

    { $learner } regisztrált ({ $brand }), és azt jelezte, hogy itt dolgozik: { $organisation }. Itt fogadhatja el vagy utasíthatja el a kérelmet:

    { $link }
mail-membership-accepted-subject = Mostantól tagja ennek: { $organisation }
mail-membership-accepted-body = 
    Kedves { $name }!

    { $organisation } elfogadta csatlakozási kérelmét. Képzései és órái mostantól ott is számítanak.

    { $link }
mail-membership-declined-subject = Csatlakozási kérelmét elutasították: { $organisation }
mail-membership-declined-body = 
    Kedves { $name }!

    { $organisation } elutasította csatlakozási kérelmét. Ha valóban ott dolgozik, kérje meg az intézmény vezetőjét, hogy hívja meg.

    { $link }
