//! Where an applicant lives: one of Japan's 47 prefectures (by their JIS X
//! 0401 codes, `01` Hokkaido to `47` Okinawa, which never change and sort
//! north to south), outside Japan, or "prefer not to say". Asked on the
//! form, optional, and only ever counted by region with small groups
//! hidden (`crate::dashboard::regions`).

use crate::enums::stored_enum;
use crate::forms::Problem;
use crate::text::labels;

stored_enum! {
    /// A prefecture of residence as the form offers it, stored by its
    /// JIS X 0401 code (or `abroad`, `undisclosed`).
    pub enum Prefecture: varchar(16) {
        /// 北海道 (Hokkaido).
        Hokkaido = "01" / labels::prefecture::hokkaido,
        /// 青森県 (Aomori).
        Aomori = "02" / labels::prefecture::aomori,
        /// 岩手県 (Iwate).
        Iwate = "03" / labels::prefecture::iwate,
        /// 宮城県 (Miyagi).
        Miyagi = "04" / labels::prefecture::miyagi,
        /// 秋田県 (Akita).
        Akita = "05" / labels::prefecture::akita,
        /// 山形県 (Yamagata).
        Yamagata = "06" / labels::prefecture::yamagata,
        /// 福島県 (Fukushima).
        Fukushima = "07" / labels::prefecture::fukushima,
        /// 茨城県 (Ibaraki).
        Ibaraki = "08" / labels::prefecture::ibaraki,
        /// 栃木県 (Tochigi).
        Tochigi = "09" / labels::prefecture::tochigi,
        /// 群馬県 (Gunma).
        Gunma = "10" / labels::prefecture::gunma,
        /// 埼玉県 (Saitama).
        Saitama = "11" / labels::prefecture::saitama,
        /// 千葉県 (Chiba).
        Chiba = "12" / labels::prefecture::chiba,
        /// 東京都 (Tokyo).
        Tokyo = "13" / labels::prefecture::tokyo,
        /// 神奈川県 (Kanagawa).
        Kanagawa = "14" / labels::prefecture::kanagawa,
        /// 新潟県 (Niigata).
        Niigata = "15" / labels::prefecture::niigata,
        /// 富山県 (Toyama).
        Toyama = "16" / labels::prefecture::toyama,
        /// 石川県 (Ishikawa).
        Ishikawa = "17" / labels::prefecture::ishikawa,
        /// 福井県 (Fukui).
        Fukui = "18" / labels::prefecture::fukui,
        /// 山梨県 (Yamanashi).
        Yamanashi = "19" / labels::prefecture::yamanashi,
        /// 長野県 (Nagano).
        Nagano = "20" / labels::prefecture::nagano,
        /// 岐阜県 (Gifu).
        Gifu = "21" / labels::prefecture::gifu,
        /// 静岡県 (Shizuoka).
        Shizuoka = "22" / labels::prefecture::shizuoka,
        /// 愛知県 (Aichi).
        Aichi = "23" / labels::prefecture::aichi,
        /// 三重県 (Mie).
        Mie = "24" / labels::prefecture::mie,
        /// 滋賀県 (Shiga).
        Shiga = "25" / labels::prefecture::shiga,
        /// 京都府 (Kyoto).
        Kyoto = "26" / labels::prefecture::kyoto,
        /// 大阪府 (Osaka).
        Osaka = "27" / labels::prefecture::osaka,
        /// 兵庫県 (Hyogo).
        Hyogo = "28" / labels::prefecture::hyogo,
        /// 奈良県 (Nara).
        Nara = "29" / labels::prefecture::nara,
        /// 和歌山県 (Wakayama).
        Wakayama = "30" / labels::prefecture::wakayama,
        /// 鳥取県 (Tottori).
        Tottori = "31" / labels::prefecture::tottori,
        /// 島根県 (Shimane).
        Shimane = "32" / labels::prefecture::shimane,
        /// 岡山県 (Okayama).
        Okayama = "33" / labels::prefecture::okayama,
        /// 広島県 (Hiroshima).
        Hiroshima = "34" / labels::prefecture::hiroshima,
        /// 山口県 (Yamaguchi).
        Yamaguchi = "35" / labels::prefecture::yamaguchi,
        /// 徳島県 (Tokushima).
        Tokushima = "36" / labels::prefecture::tokushima,
        /// 香川県 (Kagawa).
        Kagawa = "37" / labels::prefecture::kagawa,
        /// 愛媛県 (Ehime).
        Ehime = "38" / labels::prefecture::ehime,
        /// 高知県 (Kochi).
        Kochi = "39" / labels::prefecture::kochi,
        /// 福岡県 (Fukuoka).
        Fukuoka = "40" / labels::prefecture::fukuoka,
        /// 佐賀県 (Saga).
        Saga = "41" / labels::prefecture::saga,
        /// 長崎県 (Nagasaki).
        Nagasaki = "42" / labels::prefecture::nagasaki,
        /// 熊本県 (Kumamoto).
        Kumamoto = "43" / labels::prefecture::kumamoto,
        /// 大分県 (Oita).
        Oita = "44" / labels::prefecture::oita,
        /// 宮崎県 (Miyazaki).
        Miyazaki = "45" / labels::prefecture::miyazaki,
        /// 鹿児島県 (Kagoshima).
        Kagoshima = "46" / labels::prefecture::kagoshima,
        /// 沖縄県 (Okinawa).
        Okinawa = "47" / labels::prefecture::okinawa,
        /// Lives outside Japan.
        Abroad = "abroad" / labels::prefecture::abroad,
        /// Chose not to say.
        Undisclosed = "undisclosed" / labels::prefecture::undisclosed,
    }
}

impl Prefecture {
    /// The JIS X 0401 code as a number (1 to 47), for a prefecture.
    pub fn jis_code(self) -> Option<u8> {
        self.as_str().parse().ok()
    }

    /// The value the form posted for the prefecture field: blank is "not
    /// given" (the field is optional), anything else must be one of the
    /// codes the select offers.
    pub fn from_form(posted: &str) -> Result<Option<Prefecture>, Problem> {
        let posted = posted.trim();
        if posted.is_empty() {
            return Ok(None);
        }
        Prefecture::parse(posted)
            .map(Some)
            .ok_or(Problem::UnknownPrefecture)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn the_47_prefectures_are_numbered_in_order_then_the_two_answers() {
        let codes: Vec<Option<u8>> = Prefecture::ALL.iter().map(|p| p.jis_code()).collect();
        let expected: Vec<Option<u8>> = (1..=47).map(Some).chain([None, None]).collect();
        assert_eq!(codes, expected);
        assert_eq!(Prefecture::Tokyo.as_str(), "13");
        assert_eq!(Prefecture::Okinawa.as_str(), "47");
        assert_eq!(Prefecture::Abroad.as_str(), "abroad");
    }

    #[test]
    fn every_value_has_a_name_in_both_languages() {
        assert_eq!(Prefecture::Tokyo.label(Lang::Ja), "東京都");
        assert_eq!(Prefecture::Tokyo.label(Lang::En), "Tokyo");
        assert_eq!(Prefecture::Undisclosed.label(Lang::Ja), "回答しない");
        for p in Prefecture::ALL {
            assert!(!p.label(Lang::Ja).is_empty() && !p.label(Lang::En).is_empty());
            assert_ne!(p.label(Lang::Ja), p.label(Lang::En), "{p:?}");
        }
    }

    #[test]
    fn the_form_value_is_blank_or_a_known_code() {
        assert_eq!(Prefecture::from_form(""), Ok(None));
        assert_eq!(Prefecture::from_form("  "), Ok(None));
        assert_eq!(Prefecture::from_form("01"), Ok(Some(Prefecture::Hokkaido)));
        assert_eq!(Prefecture::from_form(" 27 "), Ok(Some(Prefecture::Osaka)));
        assert_eq!(
            Prefecture::from_form("undisclosed"),
            Ok(Some(Prefecture::Undisclosed))
        );
        for bad in [
            "0",
            "1",
            "48",
            "00",
            "13\0",
            "１３",
            "Tokyo",
            "東京都",
            "ABROAD",
        ] {
            assert_eq!(
                Prefecture::from_form(bad),
                Err(Problem::UnknownPrefecture),
                "{bad:?}"
            );
        }
    }
}
