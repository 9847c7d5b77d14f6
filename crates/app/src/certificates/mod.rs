//! Certificates: issued once per completed enrolment, verifiable by anyone.
//!
//! Completing a session issues a certificate with a serial number (its row's sequence) and
//! a short verification code; a withdrawn completion revokes it. `/verify/{code}` shows the
//! certificate's details and whether it is valid, revoked or replaced. The same
//! certificate is an Open Badges 3.0 credential, a VC-JWT signed with the deployment's
//! Ed25519 key; the key is published in a `did:web` document at `/.well-known/did.json`,
//! and revocations in a bitstring status list, so a credential can be checked offline
//! against the key and online against the list.

mod pdf;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::{Signer, SigningKey};
use guildhall_domain::{CompetenceId, Lang, PersonId};
use guildhall_store::ConnectionTrait;
use guildhall_store::begin_write;
use guildhall_store::certificates as q;
use guildhall_store::entities::{certificate, enrolment, programme_version, training_session};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::audit::Change;
use crate::{Actor, App, Error, Meta, Result, policy};

/// The letters of verification codes: no 0/O, 1/I to misread.
const CODE_ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A new verification code: ten letters from [`CODE_ALPHABET`] (50 bits), as `XXXXX-XXXXX`.
fn new_code() -> String {
    let mut buf = [0u8; 10];
    if let Err(e) = getrandom::fill(&mut buf) {
        panic!("the system random number generator failed: {e}");
    }
    let mut out = String::with_capacity(11);
    for (i, b) in buf.iter().enumerate() {
        if i == 5 {
            out.push('-');
        }
        out.push(CODE_ALPHABET[(*b & 31) as usize] as char);
    }
    out
}

/// A code as typed (any case, with or without the dash), normalised; `None` if it cannot
/// be a code.
pub fn normalise_code(input: &str) -> Option<String> {
    let letters: Vec<u8> = input
        .trim()
        .bytes()
        .filter(|b| *b != b'-' && *b != b' ')
        .map(|b| b.to_ascii_uppercase())
        .collect();
    if letters.len() != 10 || !letters.iter().all(|b| CODE_ALPHABET.contains(b)) {
        return None;
    }
    let s = String::from_utf8(letters).ok()?;
    Some(format!("{}-{}", &s[..5], &s[5..]))
}

/// The serial number printed on a certificate.
pub fn serial(seq: i64) -> String {
    format!("GH-{seq:07}")
}

/// A QR code of `text` as an SVG image, dark on light.
pub fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .build()
            .split_once("?>")
            .map(|(_, svg)| svg.trim().to_owned())
            .unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// A certificate with what its holder and verifiers read.
#[derive(Clone, Debug)]
pub struct CertificateView {
    pub id: Uuid,
    pub code: String,
    pub serial: String,
    /// `valid`, `revoked` or `replaced`.
    pub status: String,
    pub person_name: String,
    pub programme: Uuid,
    pub programme_code: String,
    pub title: String,
    pub version: i32,
    pub minutes: i32,
    pub completed_on: NaiveDate,
    pub issued_at: DateTime<Utc>,
    pub provider: String,
    /// (key, name) of each competence.
    pub competences: Vec<(String, String)>,
    pub language: Lang,
    pub revoked_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
    /// The code of the certificate that replaced this one.
    pub replaced_by: Option<String>,
}

/// What `/verify/{code}` finds.
#[derive(Clone, Debug)]
pub enum Verification {
    Malformed,
    Unknown,
    Found(Box<CertificateView>),
}

impl App {
    /// The deployment's credential signing key, made on first use and kept in the database.
    pub(crate) async fn load_signing_key(
        db: &guildhall_store::DatabaseConnection,
    ) -> Result<SigningKey> {
        let fresh = crate::crypto::random_token();
        let stored = guildhall_store::settings::get_or_init(db, "credential_key", &fresh).await?;
        let bytes = URL_SAFE_NO_PAD
            .decode(stored.as_bytes())
            .map_err(|e| Error::Internal(format!("credential key: {e}")))?;
        let seed: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Error::Internal("credential key: not 32 bytes".into()))?;
        Ok(SigningKey::from_bytes(&seed))
    }

    /// The issuer's identifier: `did:web` over the public address.
    pub fn issuer_did(&self) -> String {
        let url = &self.config().public_url;
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .unwrap_or(url);
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let mut did = format!("did:web:{}", host.replace(':', "%3A"));
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            did.push(':');
            did.push_str(seg);
        }
        did
    }

    fn key_id(&self) -> String {
        format!("{}#key-1", self.issuer_did())
    }

    fn public_jwk(&self) -> Value {
        let public = self.inner.credential_key.verifying_key();
        json!({
            "kty": "OKP",
            "crv": "Ed25519",
            "x": URL_SAFE_NO_PAD.encode(public.as_bytes()),
        })
    }

    /// The DID document that publishes the issuer's public key.
    pub fn did_document(&self) -> Value {
        let did = self.issuer_did();
        json!({
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
            "id": did,
            "verificationMethod": [{
                "id": self.key_id(),
                "type": "JsonWebKey2020",
                "controller": did,
                "publicKeyJwk": self.public_jwk(),
            }],
            "assertionMethod": [self.key_id()],
        })
    }

    /// A compact JWS (EdDSA) over `payload`.
    fn sign_jwt(&self, typ: &str, payload: &Value) -> String {
        let header = json!({ "alg": "EdDSA", "typ": typ, "kid": self.key_id() });
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(payload.to_string())
        );
        let sig = self.inner.credential_key.sign(input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig.to_bytes()))
    }

    /// Issues the certificate of a completed enrolment unless it has a current one. Runs in
    /// the transaction that records the completion.
    pub(crate) async fn issue_certificate<C: ConnectionTrait>(
        &self,
        db: &C,
        e: &enrolment::Model,
        s: &training_session::Model,
        v: &programme_version::Model,
        completed_on: chrono::NaiveDate,
        lang: Lang,
    ) -> Result<bool> {
        let now = self.now();
        let inserted = q::insert_if_none(
            db,
            certificate::Model {
                seq: 0,
                id: Uuid::now_v7(),
                enrolment_id: e.id,
                active_enrolment: Some(e.id),
                person_id: e.person_id,
                session_id: s.id,
                version_id: v.id,
                code: new_code(),
                language: lang.code().to_owned(),
                minutes: v.hours * 60,
                completed_on,
                issued_at: now,
                status: "valid".into(),
                revoked_at: None,
                revoke_reason: None,
                replaced_by: None,
            },
        )
        .await?;
        Ok(inserted)
    }

    /// Revokes the current certificate of an enrolment whose completion was withdrawn.
    pub(crate) async fn withdraw_certificate<C: ConnectionTrait>(
        &self,
        db: &C,
        enrolment: Uuid,
    ) -> Result<()> {
        if let Some(c) = q::current_of_enrolment(db, enrolment).await? {
            q::end(
                db,
                c.id,
                "revoked",
                self.now(),
                "completion withdrawn",
                None,
            )
            .await?;
        }
        Ok(())
    }

    async fn certificate_view(
        &self,
        c: &certificate::Model,
        lang: Lang,
    ) -> Result<CertificateView> {
        self.certificate_views(std::slice::from_ref(c), lang)
            .await?
            .pop()
            .ok_or(Error::NotFound)
    }

    /// Views of many certificates in a fixed number of round trips.
    async fn certificate_views(
        &self,
        rows: &[certificate::Model],
        lang: Lang,
    ) -> Result<Vec<CertificateView>> {
        use std::collections::HashMap;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let db = self.db();
        let mut versions: Vec<Uuid> = rows.iter().map(|c| c.version_id).collect();
        versions.sort();
        versions.dedup();
        type Pair = (
            programme_version::Model,
            guildhall_store::entities::programme::Model,
        );
        let vp: HashMap<Uuid, Pair> =
            guildhall_store::catalog::versions_with_programmes(db, &versions)
                .await?
                .into_iter()
                .map(|(v, p)| (v.id, (v, p)))
                .collect();
        let people: HashMap<Uuid, String> = guildhall_store::identity::find_people(
            db,
            &rows.iter().map(|c| c.person_id).collect::<Vec<_>>(),
        )
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
        let providers: Vec<Uuid> = vp.values().map(|(_, p)| p.provider_id).collect();
        let orgs: HashMap<Uuid, String> = guildhall_store::org::find_many(db, &providers)
            .await?
            .into_iter()
            .map(|o| (o.id, crate::org::names_of(&o).get(lang).to_owned()))
            .collect();
        let mut links = guildhall_store::catalog::links_of(db, &versions).await?;
        let replacing: Vec<Uuid> = rows.iter().filter_map(|c| c.replaced_by).collect();
        let replaced: HashMap<Uuid, String> =
            q::codes_of(db, &replacing).await?.into_iter().collect();
        let tree = self.frameworks();
        let mut out = Vec::with_capacity(rows.len());
        for c in rows {
            let Some((v, prog)) = vp.get(&c.version_id) else {
                continue;
            };
            let competences = links
                .entry(v.id)
                .or_default()
                .competences
                .iter()
                .filter_map(|c| tree.competences.get(&CompetenceId(*c)))
                .map(|c| (c.key.clone(), c.names.get(lang).to_owned()))
                .collect();
            out.push(CertificateView {
                id: c.id,
                code: c.code.clone(),
                serial: serial(c.seq),
                status: c.status.clone(),
                person_name: people.get(&c.person_id).cloned().unwrap_or_default(),
                programme: prog.id,
                programme_code: prog.code.clone(),
                title: crate::catalog::text_of(v, &[]).title.get(lang).to_owned(),
                version: v.version,
                minutes: c.minutes,
                completed_on: c.completed_on,
                issued_at: c.issued_at,
                provider: orgs.get(&prog.provider_id).cloned().unwrap_or_default(),
                competences,
                language: Lang::parse(&c.language).unwrap_or(Lang::En),
                revoked_at: c.revoked_at,
                reason: c.revoke_reason.clone(),
                replaced_by: c.replaced_by.and_then(|r| replaced.get(&r).cloned()),
            });
        }
        Ok(out)
    }

    /// What the public verification page shows for a code.
    pub async fn verify_certificate(&self, code: &str, lang: Lang) -> Result<Verification> {
        let Some(code) = normalise_code(code) else {
            return Ok(Verification::Malformed);
        };
        match q::find_by_code(self.db(), &code).await? {
            None => Ok(Verification::Unknown),
            Some(c) => Ok(Verification::Found(Box::new(
                self.certificate_view(&c, lang).await?,
            ))),
        }
    }

    /// The certificate as a PDF in the holder's language, for the holder and those who may
    /// see their ledger.
    pub async fn certificate_pdf(&self, actor: &Actor, code: &str) -> Result<(String, Vec<u8>)> {
        let code = normalise_code(code).ok_or(Error::NotFound)?;
        let c = q::find_by_code(self.db(), &code)
            .await?
            .ok_or(Error::NotFound)?;
        if c.person_id != actor.id.0 {
            let paths: Vec<String> =
                guildhall_store::identity::memberships_of(self.db(), c.person_id)
                    .await?
                    .into_iter()
                    .map(|o| o.path)
                    .collect();
            if !policy::may_view_ledger(actor, PersonId(c.person_id), &paths) {
                return Err(Error::NotFound);
            }
        }
        let lang = Lang::parse(&c.language).unwrap_or(Lang::En);
        let view = self.certificate_view(&c, lang).await?;
        let url = self.link(&format!("/verify/{}", view.code));
        let qr = qr_svg(&url);
        let issuer = view.provider.clone();
        let serial = view.serial.clone();
        let bytes =
            tokio::task::spawn_blocking(move || pdf::render(&view, lang, &url, &issuer, &qr))
                .await
                .map_err(|e| Error::Internal(e.to_string()))?
                .map_err(Error::Internal)?;
        Ok((serial, bytes))
    }

    /// The caller's certificates, newest first.
    pub async fn my_certificates(&self, actor: &Actor) -> Result<Vec<CertificateView>> {
        let rows = q::of_person(self.db(), actor.id.0).await?;
        self.certificate_views(&rows, actor.lang).await
    }

    /// The certificate as an Open Badges 3.0 credential, signed as a VC-JWT. Anyone who has
    /// the code may fetch it, as anyone with the code may see the verification page.
    pub async fn certificate_credential(&self, code: &str) -> Result<String> {
        let code = normalise_code(code).ok_or(Error::NotFound)?;
        let c = q::find_by_code(self.db(), &code)
            .await?
            .ok_or(Error::NotFound)?;
        let lang = Lang::parse(&c.language).unwrap_or(Lang::En);
        let view = self.certificate_view(&c, lang).await?;
        let did = self.issuer_did();
        let hours = f64::from(view.minutes) / 60.0;
        let id = format!("urn:uuid:{}", view.id);
        let achievement = json!({
            "id": self.link(&format!("/programmes/{}#v{}", view.programme, view.version)),
            "type": ["Achievement"],
            "achievementType": "Course",
            "name": view.title,
            "humanCode": view.programme_code,
            "description": format!("{} ({} h)", view.title, hours),
            "criteria": { "narrative": "Attendance at or above the programme's threshold and, where required, a passed assessment." },
            "creditsAvailable": hours,
            "alignment": view.competences.iter().map(|(key, name)| {
                let (framework, code) = key.split_once(':').unwrap_or(("", key));
                json!({
                    "type": ["Alignment"],
                    "targetName": name,
                    "targetCode": code,
                    "targetFramework": framework,
                    "targetType": "Competency",
                    "targetUrl": self.link(&format!("/catalogue?competence={key}")),
                })
            }).collect::<Vec<_>>(),
        });
        let vc = json!({
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            ],
            "id": id,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": { "id": did, "type": ["Profile"], "name": view.provider },
            "name": view.title,
            "validFrom": view.issued_at.to_rfc3339(),
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "name": view.person_name,
                "achievement": achievement,
                "creditsEarned": hours,
                "activityEndDate": view.completed_on.to_string(),
            },
            "credentialStatus": {
                "id": format!("{}#{}", self.link("/credentials/status/revocation"), c.seq),
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": c.seq.to_string(),
                "statusListCredential": self.link("/credentials/status/revocation"),
            },
            "evidence": [{ "id": self.link(&format!("/verify/{}", view.code)), "type": ["Evidence"] }],
        });
        let payload = json!({
            "iss": did,
            "jti": id,
            "nbf": view.issued_at.timestamp(),
            "iat": view.issued_at.timestamp(),
            "sub": format!("urn:uuid:{}", c.person_id),
            "vc": vc,
        });
        Ok(self.sign_jwt("vc+jwt", &payload))
    }

    /// The revocation list: a signed credential whose bit `n` is set when the certificate
    /// with serial `n` is no longer valid (W3C Bitstring Status List, gzip, base64url).
    pub async fn status_list(&self) -> Result<String> {
        use std::io::Write;
        let (ended, max) = q::ended_serials(self.db()).await?;
        // At least 16 KiB, as the specification asks, so the list does not tell how many
        // certificates exist.
        let bytes = ((max as usize + 8) / 8).max(16 * 1024);
        let mut bits = vec![0u8; bytes];
        for n in ended {
            let n = n as usize;
            bits[n / 8] |= 0x80 >> (n % 8);
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&bits)
            .map_err(|e| Error::Internal(e.to_string()))?;
        let zipped = gz.finish().map_err(|e| Error::Internal(e.to_string()))?;
        let url = self.link("/credentials/status/revocation");
        let now = self.now();
        let payload = json!({
            "iss": self.issuer_did(),
            "iat": now.timestamp(),
            "vc": {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "id": url,
                "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                "issuer": self.issuer_did(),
                "validFrom": now.to_rfc3339(),
                "credentialSubject": {
                    "id": format!("{url}#list"),
                    "type": "BitstringStatusList",
                    "statusPurpose": "revocation",
                    "encodedList": format!("u{}", URL_SAFE_NO_PAD.encode(zipped)),
                },
            },
        });
        Ok(self.sign_jwt("vc+jwt", &payload))
    }

    /// Revokes a certificate with a reason (administrators over its holder).
    pub async fn revoke_certificate(
        &self,
        actor: &Actor,
        code: &str,
        reason: &str,
        meta: &Meta,
    ) -> Result<()> {
        let (c, authority) = self.certificate_for_admin(actor, code).await?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 300 {
            return Err(Error::invalid_field("reason", "reason_required"));
        }
        let tx = begin_write(self.writer()).await?;
        if !q::end(&tx, c.id, "revoked", self.now(), reason, None).await? {
            return Err(Error::conflict("certificate_not_valid"));
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("certificate.revoke", "certificate", c.id).details(
                json!({ "serial": serial(c.seq), "reason": reason, "authority": authority }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Issues a new certificate for the same completion after a correction; the old one
    /// shows as replaced by it. Returns the new code.
    pub async fn reissue_certificate(
        &self,
        actor: &Actor,
        code: &str,
        meta: &Meta,
    ) -> Result<String> {
        let (old, authority) = self.certificate_for_admin(actor, code).await?;
        let tx = begin_write(self.writer()).await?;
        let e = guildhall_store::sessions::find_enrolment(&tx, old.enrolment_id)
            .await?
            .ok_or(Error::NotFound)?;
        if !e.completed {
            return Err(Error::conflict("not_completed"));
        }
        let s = guildhall_store::sessions::find_session(&tx, e.session_id)
            .await?
            .ok_or(Error::NotFound)?;
        let v = guildhall_store::catalog::find_version(&tx, s.version_id)
            .await?
            .ok_or(Error::NotFound)?;
        let new_id = Uuid::now_v7();
        let new_code = new_code();
        if old.status == "valid" {
            q::end(
                &tx,
                old.id,
                "replaced",
                self.now(),
                "reissued",
                Some(new_id),
            )
            .await?;
        } else if q::current_of_enrolment(&tx, e.id).await?.is_some() {
            return Err(Error::conflict("certificate_current_exists"));
        }
        let inserted = q::insert_if_none(
            &tx,
            certificate::Model {
                seq: 0,
                id: new_id,
                enrolment_id: e.id,
                active_enrolment: Some(e.id),
                person_id: e.person_id,
                session_id: s.id,
                version_id: v.id,
                code: new_code.clone(),
                language: old.language.clone(),
                minutes: v.hours * 60,
                completed_on: old.completed_on,
                issued_at: self.now(),
                status: "valid".into(),
                revoked_at: None,
                revoke_reason: None,
                replaced_by: None,
            },
        )
        .await?;
        if !inserted {
            return Err(Error::conflict("certificate_current_exists"));
        }
        self.audit(
            &tx,
            Some(actor.id),
            meta,
            Change::new("certificate.reissue", "certificate", new_id)
                .details(json!({ "replaces": serial(old.seq), "authority": authority })),
        )
        .await?;
        tx.commit().await?;
        Ok(new_code)
    }

    /// The certificate behind a code, for someone who may revoke and re-issue it, with the
    /// authority they act under (for the audit entry).
    async fn certificate_for_admin(
        &self,
        actor: &Actor,
        code: &str,
    ) -> Result<(certificate::Model, serde_json::Value)> {
        let code = normalise_code(code).ok_or(Error::NotFound)?;
        let c = q::find_by_code(self.db(), &code)
            .await?
            .ok_or(Error::NotFound)?;
        let paths: Vec<String> = guildhall_store::identity::memberships_of(self.db(), c.person_id)
            .await?
            .into_iter()
            .map(|o| o.path)
            .collect();
        if !policy::may_correct_ledger(actor, PersonId(c.person_id), &paths, &self.duties()) {
            return Err(
                if !policy::may_view_ledger(actor, PersonId(c.person_id), &paths) {
                    Error::NotFound
                } else if !policy::independent_of(actor, PersonId(c.person_id), &self.duties()) {
                    Error::refused("decision_goes_up")
                } else {
                    Error::Forbidden
                },
            );
        }
        let authority = crate::audit::authority(policy::authority(
            actor,
            &[guildhall_domain::identity::Role::Administrator],
            &paths,
        ));
        Ok((c, authority))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_readable_and_normalised() {
        for _ in 0..100 {
            let c = new_code();
            assert_eq!(c.len(), 11);
            assert_eq!(normalise_code(&c), Some(c.clone()));
            assert_eq!(normalise_code(&c.to_lowercase().replace('-', "")), Some(c));
        }
        assert_eq!(
            normalise_code("ABCDE-FGHI0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalise_code("ABCD"), None);
        assert_eq!(normalise_code("<script>"), None);
        assert_eq!(serial(42), "GH-0000042");
    }
}
