//! Ids that stay unique beyond one database: one per change, one per device.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::Serialize;
use uuid::{NoContext, Uuid};

/// The id of one recorded change: a UUID v7, so ids sort by when they were made.
///
/// Unlike the local order ([`HistoryEntry::seq`](super::HistoryEntry::seq)) it stays the same
/// wherever the change is copied to. Serialises as its hyphenated string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct ChangeId(Uuid);

/// The database (installation) a change was made on: a UUID created once per database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct DeviceId(Uuid);

/// Bits of a UUID v7 below its 48-bit millisecond timestamp that are ours to fill: 12 after
/// the version nibble, 62 after the variant bits. Read together they are a counter.
const RAND_A_BITS: u32 = 12;
const RAND_B_BITS: u32 = 62;
const RAND_B_MASK: u128 = (1 << RAND_B_BITS) - 1;
const RAND_A_SHIFT: u32 = 64;
const MILLIS_SHIFT: u32 = 80;
const VERSION_7: u128 = 0x7 << 76;
const VARIANT_RFC: u128 = 0b10 << 62;

impl ChangeId {
    /// A new id for a change made at `at` that sorts after `after` (the newest id so far).
    ///
    /// Normally the time alone orders ids. When it does not (several changes in one
    /// millisecond, a fixed test clock, a clock set back, rows migrated from whole seconds),
    /// the id continues from `after` instead, advanced by a random step so that two
    /// devices continuing from the same id are unlikely to meet.
    pub fn next(at: Timestamp, after: Option<ChangeId>) -> ChangeId {
        // A UUID v7 holds milliseconds since 1970 in 48 bits; clamp anything outside.
        let millis = u64::try_from(at.as_millisecond())
            .unwrap_or(0)
            .min((1 << 48) - 1);
        let time = uuid::Timestamp::from_unix(
            NoContext,
            millis / 1000,
            (millis % 1000) as u32 * 1_000_000,
        );
        let fresh = Uuid::new_v7(time);
        match after {
            Some(ChangeId(prev)) if fresh <= prev => {
                let step = (fresh.as_u128() & 0xFFFF_FFFF) + 1;
                ChangeId(advance(prev, step))
            }
            _ => ChangeId(fresh),
        }
    }

    /// A new id for the first change of a command made at `at`, after `seen` (the newest
    /// id this database holds, its own or synced from elsewhere).
    ///
    /// Its millisecond is later than `seen`'s, even when the clock is behind it: a change
    /// made after seeing another sorts after it in [`ChangeId::merge_key`] whatever the
    /// devices, so an edit made after a sync wins over what the sync brought.
    pub fn first_after(at: Timestamp, seen: Option<ChangeId>) -> ChangeId {
        let fresh = ChangeId::next(at, None);
        match seen {
            Some(prev) if fresh.millis() <= prev.millis() => {
                let next_ms = (prev.millis() + 1).min((1 << 48) - 1);
                ChangeId::next(
                    Timestamp::from_millisecond(next_ms as i64).unwrap_or(at),
                    None,
                )
            }
            _ => fresh,
        }
    }

    /// The UUID.
    pub fn as_uuid(&self) -> Uuid {
        self.0
    }

    /// The millisecond since 1970 this id was made in (its first 48 bits).
    pub fn millis(&self) -> u64 {
        (self.0.as_u128() >> MILLIS_SHIFT) as u64
    }

    /// The order merged histories agree on: the id's millisecond, then the device, then
    /// the id. "The latest change" of a key is the greatest by this key.
    pub fn merge_key(self, device: DeviceId) -> (u64, DeviceId, ChangeId) {
        (self.millis(), device, self)
    }
}

/// `id` with its 74-bit counter advanced by `step`, carrying into the milliseconds.
fn advance(id: Uuid, step: u128) -> Uuid {
    let value = id.as_u128();
    let millis = value >> MILLIS_SHIFT;
    let rand_a = (value >> RAND_A_SHIFT) & ((1 << RAND_A_BITS) - 1);
    let counter = (rand_a << RAND_B_BITS) | (value & RAND_B_MASK);
    let counter = counter + step;
    let limit = 1u128 << (RAND_A_BITS + RAND_B_BITS);
    let (millis, counter) = if counter >= limit {
        // Past the last id of this millisecond: move to the next one. Saturates in
        // the year 10889, where order no longer matters to anyone.
        ((millis + 1).min((1 << 48) - 1), counter - limit)
    } else {
        (millis, counter)
    };
    Uuid::from_u128(
        (millis << MILLIS_SHIFT)
            | VERSION_7
            | ((counter >> RAND_B_BITS) << RAND_A_SHIFT)
            | VARIANT_RFC
            | (counter & RAND_B_MASK),
    )
}

impl DeviceId {
    /// A new, random device id.
    pub fn new() -> DeviceId {
        DeviceId(Uuid::now_v7())
    }

    /// The UUID.
    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl Default for DeviceId {
    fn default() -> Self {
        DeviceId::new()
    }
}

impl fmt::Display for ChangeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl fmt::Display for DeviceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

impl FromStr for ChangeId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(ChangeId)
    }
}

impl FromStr for DeviceId {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(DeviceId)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(millis: i64) -> Timestamp {
        Timestamp::from_millisecond(millis).unwrap()
    }

    #[test]
    fn ids_are_version_7_and_carry_their_time() {
        let id = ChangeId::next(at(1_764_627_878_123), None);
        assert_eq!(id.as_uuid().get_version_num(), 7);
        let (secs, nanos) = id.as_uuid().get_timestamp().unwrap().to_unix();
        assert_eq!((secs, nanos), (1_764_627_878, 123_000_000));
    }

    #[test]
    fn ids_in_one_millisecond_or_with_a_clock_going_back_still_increase() {
        let mut prev = None;
        let mut ids = Vec::new();
        for millis in [5_000, 5_000, 5_000, 4_000, 5_000, 6_000, 6_000] {
            let id = ChangeId::next(at(millis), prev);
            prev = Some(id);
            ids.push(id);
        }
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        assert!(ids.iter().all(|id| id.as_uuid().get_version_num() == 7));
        assert!(
            ids.iter()
                .all(|id| id.as_uuid().get_variant() == uuid::Variant::RFC4122)
        );
    }

    #[test]
    fn advancing_past_a_millisecond_carries_into_the_time() {
        let last = Uuid::from_u128((7u128 << MILLIS_SHIFT) | VERSION_7 | VARIANT_RFC).as_u128()
            | (0xFFF << RAND_A_SHIFT)
            | RAND_B_MASK;
        let next = advance(Uuid::from_u128(last), 1);
        assert!(next.as_u128() > last);
        assert_eq!(next.as_u128() >> MILLIS_SHIFT, 8);
        assert_eq!(next.get_version_num(), 7);
    }

    #[test]
    fn a_first_id_moves_past_the_millisecond_of_what_was_seen() {
        let seen = ChangeId::next(at(9_000), None);
        let behind = ChangeId::first_after(at(5_000), Some(seen));
        assert_eq!(behind.millis(), 9_001);
        let ahead = ChangeId::first_after(at(12_000), Some(seen));
        assert_eq!(ahead.millis(), 12_000);
        assert_eq!(ChangeId::first_after(at(3), None).millis(), 3);
    }

    #[test]
    fn ids_print_and_parse_as_hyphenated_text_that_sorts_like_the_ids() {
        let a = ChangeId::next(at(1_000), None);
        let b = ChangeId::next(at(1_000), Some(a));
        let (ta, tb) = (a.to_string(), b.to_string());
        assert_eq!(ta.len(), 36);
        assert_eq!(ta.parse::<ChangeId>().unwrap(), a);
        assert!(ta < tb);
        assert_eq!(serde_json::to_value(a).unwrap(), serde_json::json!(ta));
    }
}
