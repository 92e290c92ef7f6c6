//! The Connect 2027 application form as tests fill it in.

use camp_connect_app::domain::url::encode_query_value as enc;
use serde_json::Value;

/// The question ids of a page, in order.
pub fn question_ids(p: &Value) -> Vec<i64> {
    p["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_i64().unwrap())
        .collect()
}

/// A complete, valid form for the demo Connect questions; `extra` is
/// `key=value` pairs (joined by `&`, values encoded) that replace or add
/// fields (an empty value removes the field).
pub fn form(track: &str, revision: i64, q: &[i64], birth: &str, extra: &str) -> String {
    let mut fields: Vec<(String, String)> = vec![
        ("programme".into(), "connect".into()),
        ("cohort".into(), "2027".into()),
        ("track".into(), track.into()),
        ("revision".into(), revision.to_string()),
        ("draft[birth_date]".into(), birth.into()),
        ("draft[affiliation]".into(), enc("東都自動車")),
        ("draft[expertise]".into(), enc("車載ネットワーク")),
        ("draft[declarations]".into(), "yes".into()),
        (
            format!("draft[answers][q{}]", q[0]),
            enc("車載 ECU の更新で署名検証が抜けていた。"),
        ),
        (
            format!("draft[answers][q{}]", q[1]),
            enc("脅威分析を現場で回したい。"),
        ),
        (format!("draft[answers][q{}]", q[2]), "1".into()),
        (format!("draft[answers][q{}_c0]", q[3]), "on".into()),
        (format!("draft[answers][q{}_c2]", q[3]), "on".into()),
        (
            format!("draft[answers][q{}]", q[4]),
            enc("https://example.jp/talk"),
        ),
    ];
    for pair in extra.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap();
        fields.retain(|(key, _)| key != k);
        if !v.is_empty() {
            fields.push((k.into(), v.into()));
        }
    }
    fields
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}
