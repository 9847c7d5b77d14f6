//! Certificates: issued exactly once per completion, verifiable by anyone on a public page
//! and offline as a signed credential against the published key, revoked when a completion
//! is withdrawn, re-issued after a correction.

use std::io::Read;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use guildhall_testkit::TestApp;
use serde_json::{Value, json};

use super::sessions::{learners, session_with};

/// Checks a compact JWS against the issuer's published key and returns its payload.
async fn verified_payload(t: &TestApp, jwt: &str) -> Value {
    let did = t.client().get("/.well-known/did.json").await;
    assert_eq!(did.status, 200);
    let doc = did.json();
    let x = doc["verificationMethod"][0]["publicKeyJwk"]["x"]
        .as_str()
        .expect("a key");
    let key: [u8; 32] = URL_SAFE_NO_PAD
        .decode(x)
        .expect("base64url")
        .try_into()
        .expect("32 bytes");
    let key = VerifyingKey::from_bytes(&key).expect("an Ed25519 key");
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "{jwt}");
    let header: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).expect("b64")).expect("json");
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["kid"], doc["verificationMethod"][0]["id"]);
    let sig: [u8; 64] = URL_SAFE_NO_PAD
        .decode(parts[2])
        .expect("b64")
        .try_into()
        .expect("64 bytes");
    key.verify(
        format!("{}.{}", parts[0], parts[1]).as_bytes(),
        &Signature::from_bytes(&sig),
    )
    .expect("the signature verifies against the published key");
    // A changed payload does not.
    let mut forged: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json");
    forged["vc"]["credentialSubject"]["creditsEarned"] = json!(999);
    let forged_input = format!(
        "{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(forged.to_string())
    );
    assert!(
        key.verify(forged_input.as_bytes(), &Signature::from_bytes(&sig))
            .is_err()
    );
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("b64")).expect("json")
}

/// Whether bit `n` of the published revocation list is set.
async fn revoked_in_list(t: &TestApp, serial: &str) -> bool {
    let r = t.client().get("/credentials/status/revocation").await;
    assert_eq!(r.status, 200);
    let payload = verified_payload(t, &r.text).await;
    let encoded = payload["vc"]["credentialSubject"]["encodedList"]
        .as_str()
        .expect("a list");
    let zipped = URL_SAFE_NO_PAD
        .decode(encoded.trim_start_matches('u'))
        .expect("base64url");
    let mut bits = Vec::new();
    flate2::read::GzDecoder::new(&zipped[..])
        .read_to_end(&mut bits)
        .expect("gzip");
    assert!(bits.len() >= 16 * 1024);
    let n: usize = serial
        .trim_start_matches("GH-")
        .parse()
        .expect("a serial number");
    bits[n / 8] & (0x80 >> (n % 8)) != 0
}

#[tokio::test]
async fn certificates_are_issued_once_verified_revoked_and_reissued() {
    let t = TestApp::new().await;
    let cw = t.catalog_world().await;
    let s = session_with(&t, &cw, 5, |_| {}).await;
    let people = learners(&t, &cw, 2, "cert").await;
    let mut enrolments = Vec::new();
    for (_, c) in &people {
        let r = c
            .post_empty(&format!("/api/v1/sessions/{s}/enrolments"))
            .await;
        enrolments.push(r.json()["id"].as_str().unwrap_or_default().to_owned());
    }
    let trainer = std::sync::Arc::new(t.bearer(&cw.trainer.email).await);
    let meetings: Vec<String> = trainer
        .get_json(&format!("/api/v1/sessions/{s}"))
        .await
        .json()["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .map(|m| m["id"].as_str().unwrap_or_default().to_owned())
        .collect();
    // The meetings take place.
    t.app.clock().advance(chrono::Duration::days(10));
    trainer
        .post_empty(&format!("/api/v1/sessions/{s}/start"))
        .await;
    let mut marks = Vec::new();
    for e in &enrolments {
        for m in &meetings {
            marks.push(json!({ "enrolment": e, "meeting": m, "status": "present" }));
        }
    }
    let all_present = json!({ "marks": marks });
    assert_eq!(
        trainer
            .post_json(&format!("/api/v1/sessions/{s}/attendance"), &all_present)
            .await
            .status,
        200
    );
    assert_eq!(t.count("certificates").await, 0, "not before the end");
    trainer
        .post_empty(&format!("/api/v1/sessions/{s}/finish"))
        .await;
    assert_eq!(t.count("certificates").await, 2);
    // Recording the same attendance again, many times at once, issues nothing more.
    let mut calls = Vec::new();
    for _ in 0..8 {
        let trainer = trainer.clone();
        let body = all_present.clone();
        let path = format!("/api/v1/sessions/{s}/attendance");
        calls.push(tokio::spawn(async move {
            trainer.post_json(&path, &body).await.status
        }));
    }
    for c in calls {
        assert_eq!(c.await.expect("joined"), 200);
    }
    assert_eq!(t.count("certificates").await, 2);

    // The learner's certificate.
    let mine = people[0].1.get_json("/api/v1/me/certificates").await.json();
    let cert = mine["items"][0].clone();
    assert_eq!(mine["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(cert["status"], "valid");
    assert_eq!(cert["hours"], 30.0);
    let code = cert["code"].as_str().expect("a code").to_owned();
    let serial = cert["serial"].as_str().expect("a serial").to_owned();
    assert!(serial.starts_with("GH-"));

    // The PDF, in the holder's language, for the holder and their head, nobody else.
    let pdf = people[0]
        .1
        .get(&format!("/api/v1/certificates/{code}/pdf"))
        .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(
        pdf.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert!(pdf.text.starts_with("%PDF-"));
    assert_eq!(
        t.bearer(&cw.head.email)
            .await
            .get(&format!("/api/v1/certificates/{code}/pdf"))
            .await
            .status,
        200
    );
    assert_eq!(
        people[1]
            .1
            .get(&format!("/api/v1/certificates/{code}/pdf"))
            .await
            .status,
        404
    );

    // The database itself refuses a second current certificate for the enrolment.
    let row = guildhall_store::certificates::find_by_code(t.app.db(), &code)
        .await
        .expect("read")
        .expect("stored");
    let twin = guildhall_store::entities::certificate::Model {
        id: uuid::Uuid::now_v7(),
        code: "ZZZZZ-ZZZZZ".into(),
        ..row.clone()
    };
    assert!(
        !guildhall_store::certificates::insert_if_none(t.app.db(), twin)
            .await
            .expect("no error, no row")
    );
    assert_eq!(t.count("certificates").await, 2);

    // Anyone can verify it, without logging in, however the code is typed.
    let anon = t.client();
    let r = anon.get(&format!("/verify/{code}")).await;
    assert_eq!(r.status, 200);
    assert!(r.text.contains("Valid"), "{}", r.text);
    assert!(r.text.contains("Person cert0@x.org"));
    assert!(r.text.contains(&serial));
    assert!(r.text.contains("<svg"), "a QR code");
    assert!(
        !r.text.contains(&people[0].0.id.0.to_string()),
        "nothing that identifies the holder beyond the certificate"
    );
    let loose = code.to_lowercase().replace('-', "");
    assert_eq!(anon.get(&format!("/verify/{loose}")).await.status, 200);
    let r = anon.get("/verify/not-a-code").await;
    assert_eq!(r.status, 400);
    assert!(r.text.contains("This is not a certificate code"));
    assert_eq!(anon.get("/verify/22222-22222").await.status, 404);
    let r = anon.get(&format!("/verify?code={code}")).await;
    assert!(r.status == 303 || r.status == 200, "{}", r.status);

    // The credential verifies offline against the published key and carries hours and
    // the competence alignment.
    let r = anon
        .get(&format!("/api/v1/certificates/{code}/credential"))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/vc+jwt")
    );
    let p = verified_payload(&t, &r.text).await;
    let vc = &p["vc"];
    assert_eq!(vc["type"][1], "OpenBadgeCredential");
    assert_eq!(vc["credentialSubject"]["creditsEarned"], 30.0);
    let align = &vc["credentialSubject"]["achievement"]["alignment"][0];
    assert_eq!(align["targetFramework"], "DIGCOMPEDU");
    assert_eq!(align["targetCode"], "1.3");
    assert_eq!(
        vc["credentialStatus"]["statusListIndex"],
        serial.trim_start_matches("GH-").trim_start_matches('0')
    );
    assert!(!revoked_in_list(&t, &serial).await);

    // An attendance correction withdraws the completion: the certificate is revoked.
    let fix = json!({ "marks": [{ "enrolment": enrolments[0], "meeting": meetings[0], "status": "absent" }] });
    assert_eq!(
        trainer
            .post_json(&format!("/api/v1/sessions/{s}/attendance"), &fix)
            .await
            .status,
        200
    );
    let r = anon.get(&format!("/verify/{code}")).await;
    assert!(r.text.contains("Revoked"), "{}", r.text);
    assert!(r.text.contains("attendance correction"));
    assert!(revoked_in_list(&t, &serial).await);

    // The other learner's certificate is re-issued by an administrator; the old one shows
    // as replaced by the new.
    let other = people[1].1.get_json("/api/v1/me/certificates").await.json()["items"][0]["code"]
        .as_str()
        .expect("a code")
        .to_owned();
    let root = t.bearer(&t.platform_admin().await.email).await;
    let head = t.bearer(&cw.head.email).await;
    assert_eq!(
        people[1]
            .1
            .post_empty(&format!("/api/v1/certificates/{other}/reissue"))
            .await
            .status,
        403,
        "not one's own"
    );
    assert_eq!(
        head.post_empty(&format!("/api/v1/certificates/{other}/reissue"))
            .await
            .status,
        403,
        "the head sees it but may not change it"
    );
    let r = root
        .post_empty(&format!("/api/v1/certificates/{other}/reissue"))
        .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let new_code = r.json()["code"].as_str().expect("a code").to_owned();
    let r = anon.get(&format!("/verify/{other}")).await;
    assert!(r.text.contains("Replaced"), "{}", r.text);
    assert!(r.text.contains(&format!("/verify/{new_code}")));
    assert!(
        anon.get(&format!("/verify/{new_code}"))
            .await
            .text
            .contains("Valid")
    );
    // Revoking needs a reason; a revoked certificate cannot be revoked again.
    let before = t.count("audit_log").await;
    let r = root
        .post_json(
            &format!("/api/v1/certificates/{new_code}/revoke"),
            &json!({ "reason": "  " }),
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(t.count("audit_log").await, before, "nothing changed");
    let r = root
        .post_json(
            &format!("/api/v1/certificates/{new_code}/revoke"),
            &json!({ "reason": "Issued in error" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = root
        .post_json(
            &format!("/api/v1/certificates/{new_code}/revoke"),
            &json!({ "reason": "Again" }),
        )
        .await;
    assert_eq!(r.status, 409);
    let r = anon.get(&format!("/verify/{new_code}")).await;
    assert!(r.text.contains("Issued in error"));
}
