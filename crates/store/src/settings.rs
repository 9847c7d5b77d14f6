//! Deployment-wide settings kept in the database, so that every instance sees the same ones
//! (for example the secret that signs form tokens).

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, IntoActiveModel};

use crate::entities::setting;

pub async fn get<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<String>, DbErr> {
    Ok(setting::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|s| s.value))
}

/// Stores `value` under `key` unless a value is already there, and returns the stored value.
/// Two instances starting at once therefore agree on one value.
pub async fn get_or_init<C: ConnectionTrait>(
    db: &C,
    key: &str,
    value: &str,
) -> Result<String, DbErr> {
    if let Some(v) = get(db, key).await? {
        return Ok(v);
    }
    let inserted = setting::Entity::insert(
        setting::Model {
            key: key.to_owned(),
            value: value.to_owned(),
        }
        .into_active_model(),
    )
    .exec_without_returning(db)
    .await;
    match inserted {
        Ok(_) => Ok(value.to_owned()),
        Err(e) if crate::is_unique_violation(&e) => {
            Ok(get(db, key).await?.unwrap_or_else(|| value.to_owned()))
        }
        Err(e) => Err(e),
    }
}
