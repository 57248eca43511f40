//! The domain's words (a client type, a payment, a config key) as possible values of an argument.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

use coachlog_core::domain::model::Vocabulary;

/// Offers the domain's words (with what each means) as an argument's possible values, and reads
/// the one given: `#[arg(value_parser = words::<Payment>())]`.
#[derive(Debug, Clone)]
pub struct Words<T>(std::marker::PhantomData<T>);

/// The parser of the words of `T`.
pub fn words<T: Vocabulary>() -> Words<T> {
    Words(std::marker::PhantomData)
}

impl<T: Vocabulary> Words<T> {
    fn values() -> impl Iterator<Item = PossibleValue> {
        T::all()
            .iter()
            .map(|w| PossibleValue::new(w.word()).help(w.help()))
    }
}

impl<T: Vocabulary> TypedValueParser for Words<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        // clap's own parser of possible values says what is wrong, as for any other.
        let given = PossibleValuesParser::new(Self::values()).parse_ref(cmd, arg, value)?;
        let ignore_case = arg.is_some_and(clap::Arg::is_ignore_case_set);
        Ok(T::all()
            .iter()
            .copied()
            .find(|w| PossibleValue::new(w.word()).matches(&given, ignore_case))
            .expect("a possible value is one of the words"))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(Self::values()))
    }
}
